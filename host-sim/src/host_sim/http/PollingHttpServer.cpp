#include "host_sim/http/PollingHttpServer.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>

#include <Poco/Timespan.h>

#include "host_sim/http/PollingHttpServerImpl.hpp"

namespace host_sim {

using namespace polling_http;

void PollingHttpServer::Impl::start() {
    if (running_)
        return;
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) {
        const rlim_t usable = limit.rlim_cur > kReservedDescriptors * 2
                                  ? limit.rlim_cur - kReservedDescriptors
                                  : limit.rlim_cur / 2;
        max_open_ = std::min<std::size_t>(kMaxConnections, static_cast<std::size_t>(usable));
    }
    listener_.bind(Poco::Net::SocketAddress(host_, requested_port_), true, false);
    listener_.listen(kListenBacklog);
    listener_.setBlocking(false);
    port_ = listener_.address().port();
    wake_rx_ = Poco::Net::DatagramSocket(Poco::Net::SocketAddress::IPv4);
    wake_rx_.bind(Poco::Net::SocketAddress("127.0.0.1", 0), false);
    wake_rx_.setBlocking(false);
    wake_address_ = wake_rx_.address();
    wake_tx_ = Poco::Net::DatagramSocket(Poco::Net::SocketAddress::IPv4);
    params_ = new Poco::Net::HTTPServerParams;
    params_->setKeepAlive(true);
    params_->setKeepAliveTimeout(Poco::Timespan(
        std::chrono::duration_cast<std::chrono::microseconds>(kKeepAliveIdle).count()));
    params_->setMaxKeepAliveRequests(kMaxKeepAliveRequests);
    params_->setTimeout(
        Poco::Timespan(std::chrono::duration_cast<std::chrono::microseconds>(kSilence).count()));
    poll_.add(listener_, PollSet::POLL_READ);
    poll_.add(wake_rx_, PollSet::POLL_READ);
    stopping_ = false;
    running_ = true;
    poller_ = std::thread([this] { run(); });
}

void PollingHttpServer::Impl::stop() {
    if (!running_)
        return;
    stopping_ = true;
    wake();
    poller_.join();  // after the answers in progress are out (kStopGrace at most)
    // No new jobs now. Handlers still running finish, however long they
    // take (a plugin is never stopped under one); requests still queued are
    // dropped with their connections.
    {
        std::lock_guard<std::mutex> lock(jobs_mutex_);
        workers_stop_ = true;
        jobs_.clear();
    }
    jobs_ready_.notify_all();
    for (auto& worker : workers_)
        worker.join();
    workers_.clear();
    for (auto& [id, c] : connections_)
        close(*c);
    bury();
    poll_.clear();
    wake_rx_.close();
    wake_tx_.close();
    answers_.clear();
    running_ = false;
}

PollingHttpServer::Stats PollingHttpServer::Impl::stats() const {
    Stats s;
    s.open = open_.load();
    s.accepted = accepted_.load();
    s.cut = cut_.load();
    s.evicted = evicted_.load();
    s.refused = refused_.load();
    s.max_open = max_open_;
    s.pooled = pooled_.load();
    return s;
}

std::uint64_t raise_descriptor_limit_for_http() {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return 0;
    const rlim_t wanted = kMaxConnections + kReservedDescriptors;
    if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < wanted) {
        limit.rlim_cur =
            limit.rlim_max == RLIM_INFINITY ? wanted : std::min(wanted, limit.rlim_max);
        if (setrlimit(RLIMIT_NOFILE, &limit) != 0)
            getrlimit(RLIMIT_NOFILE, &limit);
    }
    return static_cast<std::uint64_t>(limit.rlim_cur);
}

PollingHttpServer::PollingHttpServer(Poco::Net::HTTPRequestHandlerFactory::Ptr handlers,
                                     std::string host, std::uint16_t port)
    : impl_(std::make_unique<Impl>(std::move(handlers), std::move(host), port)) {}

PollingHttpServer::~PollingHttpServer() = default;

void PollingHttpServer::start() {
    impl_->start();
}

void PollingHttpServer::stop() {
    impl_->stop();
}

std::uint16_t PollingHttpServer::port() const {
    return impl_->port();
}

PollingHttpServer::Stats PollingHttpServer::stats() const {
    return impl_->stats();
}

}  // namespace host_sim
