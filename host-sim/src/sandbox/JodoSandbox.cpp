#include "sandbox/JodoSandbox.hpp"

#include <stdexcept>

#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/ThreadPool.h>
#include <spdlog/spdlog.h>

#include "sandbox/PocoBridge.hpp"
#include "sandbox/Router.hpp"
#include "sandbox/SandboxState.hpp"

namespace jodo::sandbox {

namespace {
constexpr int kMinThreads = 2;
constexpr int kMaxThreads = 8;
}  // namespace

struct JodoSandbox::Impl {
    SandboxOptions options;
    // Mutable because find() applies lazy expiry, which is a read to the caller.
    mutable SandboxState state;
    std::uint16_t bound_port = 0;
    std::unique_ptr<Router> router;
    std::unique_ptr<Poco::ThreadPool> pool;
    std::unique_ptr<Poco::Net::HTTPServer> server;
};

JodoSandbox::JodoSandbox(SandboxOptions options) : impl_(std::make_unique<Impl>()) {
    impl_->options = std::move(options);
    impl_->bound_port = impl_->options.port;
}

JodoSandbox::~JodoSandbox() {
    try {
        stop();
    } catch (...) {
        // A destructor must not throw; the server threads are gone either way.
    }
}

void JodoSandbox::start() {
    if (impl_->server)
        throw std::logic_error("jodo sandbox is already running");
    Poco::Net::ServerSocket socket;
    try {
        // SO_REUSEADDR (restart quickly after TIME_WAIT) but never SO_REUSEPORT, which
        // would let a second sandbox share the port instead of failing to bind.
        socket.bind(Poco::Net::SocketAddress(impl_->options.host, impl_->options.port),
                    /*reuseAddress=*/true, /*reusePort=*/false);
        socket.listen(64);
    } catch (const Poco::Exception& e) {
        throw std::runtime_error("jodo sandbox cannot listen on " + impl_->options.host + ":" +
                                 std::to_string(impl_->options.port) + ": " + e.displayText());
    }
    impl_->bound_port = socket.address().port();

    impl_->router = std::make_unique<Router>(
        impl_->state, BasicAuth(impl_->options.api_key, impl_->options.api_secret), base_url());
    impl_->pool = std::make_unique<Poco::ThreadPool>(kMinThreads, kMaxThreads + 1);

    Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(kMaxThreads);
    params->setMaxQueued(64);
    params->setKeepAlive(true);
    params->setKeepAliveTimeout(Poco::Timespan(5, 0));
    params->setTimeout(Poco::Timespan(10, 0));
    params->setServerName("jodo-sandbox");

    impl_->server = std::make_unique<Poco::Net::HTTPServer>(
        new RouterHandlerFactory(*impl_->router), *impl_->pool, socket, params);
    impl_->server->start();
    spdlog::debug("jodo sandbox: listening on {}", base_url());
}

void JodoSandbox::stop() {
    if (!impl_->server)
        return;
    impl_->server->stopAll(/*abortCurrent=*/true);
    impl_->pool->joinAll();
    impl_->server.reset();
    impl_->pool.reset();
    impl_->router.reset();
    spdlog::debug("jodo sandbox: stopped");
}

std::uint16_t JodoSandbox::port() const {
    return impl_->bound_port;
}

std::string JodoSandbox::base_url() const {
    return "http://" + impl_->options.host + ":" + std::to_string(impl_->bound_port);
}

std::string JodoSandbox::pay(const std::string& order_id) {
    return impl_->state.pay(order_id);
}

std::vector<std::string> JodoSandbox::settle(const std::string& order_id) {
    return impl_->state.settle(order_id);
}

void JodoSandbox::expire_now(const std::string& order_id) {
    impl_->state.expire(order_id);
}

std::optional<SandboxOrder> JodoSandbox::find(const std::string& order_id) const {
    auto record = impl_->state.get(order_id);
    if (!record)
        return std::nullopt;
    return record->order;
}

std::size_t JodoSandbox::api_request_count() const {
    return impl_->state.api_request_count();
}

std::size_t JodoSandbox::create_count() const {
    return impl_->state.create_count();
}

void JodoSandbox::set_clock(std::function<std::int64_t()> now_unix_seconds) {
    impl_->state.set_clock(std::move(now_unix_seconds));
}

}  // namespace jodo::sandbox
