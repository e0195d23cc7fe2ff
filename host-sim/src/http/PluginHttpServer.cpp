#include "http/PluginHttpServer.hpp"

#include <chrono>
#include <thread>

#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/ThreadPool.h>

#include "http/GuardedHttpConnection.hpp"
#include "http/PluginRequestHandler.hpp"
#include "http/RequestBudget.hpp"

namespace host_sim {

namespace {

// Poco serves each connection on a thread of its own, for as long as the
// connection lasts. These bound what idle, slow and many connections cost:
// - threads: enough that 50 idle and 20 drip-feeding connections leave most of
//   them free for Jodo's deliveries (each holds a thread at most until the
//   read timeout, or the request budget, runs out);
// - queued: connections accepted while every thread is busy wait here (in
//   the order they came) instead of being closed unanswered;
// - read timeout: a silent connection lets go of its thread after this;
// - request budget: the whole of one request, however slowly it trickles in;
// - keep-alive: how long an idle kept-alive connection may hold its thread.
constexpr int kMaxThreads = 128;
constexpr int kMaxQueued = 2048;
constexpr int kListenBacklog = 1024;
constexpr int kReadTimeoutS = 3;
constexpr auto kRequestBudget = std::chrono::seconds(10);
constexpr int kKeepAliveS = 3;
constexpr int kMaxKeepAliveRequests = 100;

}  // namespace

struct PluginHttpServer::Impl {
    std::vector<PluginRoute> routes;
    std::string host;
    std::uint16_t requested_port;
    std::uint16_t port = 0;
    // Declared in the order they must be built; torn down in stop().
    std::unique_ptr<Poco::ThreadPool> threads;
    std::unique_ptr<RequestBudget> budget;
    Poco::Net::HTTPRequestHandlerFactory::Ptr handlers;
    Poco::Net::HTTPRequestHandlerFactory::Ptr others;
    std::unique_ptr<Poco::Net::TCPServer> server;
};

PluginHttpServer::PluginHttpServer(std::vector<LoadedPlugin> plugins, std::string host,
                                   std::uint16_t port)
    : impl_(std::make_unique<Impl>()) {
    impl_->host = std::move(host);
    impl_->requested_port = port;
    for (const auto& loaded : plugins)
        for (const auto& prefix : loaded.plugin->http_routes())
            impl_->routes.push_back({prefix, loaded.plugin});
}

PluginHttpServer::~PluginHttpServer() {
    stop();
}

void PluginHttpServer::serve_others(Poco::Net::HTTPRequestHandlerFactory::Ptr others) {
    impl_->others = std::move(others);
}

void PluginHttpServer::start() {
    Poco::Net::ServerSocket socket;
    socket.bind(Poco::Net::SocketAddress(impl_->host, impl_->requested_port), true, false);
    socket.listen(kListenBacklog);
    impl_->port = socket.address().port();
    Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(kMaxThreads);
    params->setMaxQueued(kMaxQueued);
    params->setTimeout(Poco::Timespan(kReadTimeoutS, 0));
    params->setKeepAlive(true);
    params->setKeepAliveTimeout(Poco::Timespan(kKeepAliveS, 0));
    params->setMaxKeepAliveRequests(kMaxKeepAliveRequests);
    // The server's own threads: Poco's default pool is shared with everything
    // else in the process and holds 16.
    impl_->threads = std::make_unique<Poco::ThreadPool>(2, kMaxThreads, 30);
    impl_->budget = std::make_unique<RequestBudget>(kRequestBudget);
    impl_->handlers = new PluginRequestHandlers(impl_->routes, impl_->others);
    impl_->server = std::make_unique<Poco::Net::TCPServer>(
        new GuardedConnectionFactory(params, impl_->handlers, *impl_->budget), *impl_->threads,
        socket, params);
    impl_->server->start();
}

void PluginHttpServer::stop() {
    if (!impl_->server)
        return;
    impl_->server->stop();
    impl_->budget->stop_all();  // as HTTPServer::stopAll(true): sockets shut down
    // Handlers already inside a plugin finish first: the host stops the
    // plugin next.
    for (int i = 0; i < 100 && impl_->server->currentConnections() > 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    impl_->server.reset();
    impl_->threads->joinAll();  // no connection uses the budget any more
    impl_->budget.reset();
    impl_->threads.reset();
    impl_->handlers = nullptr;
    impl_->others = nullptr;
}

std::uint16_t PluginHttpServer::port() const {
    return impl_->port;
}

std::string PluginHttpServer::base_url() const {
    return "http://" + impl_->host + ":" + std::to_string(impl_->port);
}

}  // namespace host_sim
