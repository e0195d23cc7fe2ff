#include "host_sim/sandbox/JodoSandbox.hpp"

#include <mutex>
#include <stdexcept>

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/ThreadPool.h>
#include <spdlog/spdlog.h>

#include "host_sim/sandbox/PocoBridge.hpp"
#include "host_sim/sandbox/Router.hpp"
#include "host_sim/sandbox/SandboxState.hpp"
#include "host_sim/sandbox/WebhookDispatcher.hpp"

namespace jodo::sandbox {

namespace {
constexpr int kMinThreads = 2;
// A keep-alive connection holds a server thread while idle (up to the 5 s
// keep-alive timeout), and PocoHttpTransport keeps up to one idle connection
// per request it had in flight (32 by default): with fewer threads than that, a
// client's own idle pool would make its next new connection wait for an idle
// one to time out.
constexpr int kMaxThreads = 64;

bool uses_tls(const SandboxOptions& options) {
    return !options.tls_cert_file.empty() || !options.tls_key_file.empty();
}

// A plain socket, or a TLS one when the options name a certificate and key.
Poco::Net::ServerSocket new_server_socket(const SandboxOptions& options) {
    if (!uses_tls(options))
        return Poco::Net::ServerSocket();
    if (options.tls_cert_file.empty() || options.tls_key_file.empty())
        throw std::invalid_argument(
            "jodo sandbox: HTTPS needs both tls_cert_file and tls_key_file");
    static std::once_flag ssl_initialized;
    std::call_once(ssl_initialized, [] { Poco::Net::initializeSSL(); });
    try {
        Poco::Net::Context::Ptr context =
            new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, options.tls_key_file,
                                   options.tls_cert_file, "", Poco::Net::Context::VERIFY_NONE);
        return Poco::Net::SecureServerSocket(context);
    } catch (const Poco::Exception& e) {
        throw std::runtime_error("jodo sandbox cannot load its TLS certificate or key: " +
                                 e.displayText());
    }
}
}  // namespace

struct JodoSandbox::Impl {
    SandboxOptions options;
    // Mutable because find() applies lazy expiry, which is a read to the caller.
    mutable SandboxState state;
    WebhookDispatcher webhooks;
    std::uint16_t bound_port = 0;
    std::unique_ptr<Router> router;
    std::unique_ptr<Poco::ThreadPool> pool;
    std::unique_ptr<Poco::Net::HTTPServer> server;
};

JodoSandbox::JodoSandbox(SandboxOptions options) : impl_(std::make_unique<Impl>()) {
    impl_->options = std::move(options);
    impl_->bound_port = impl_->options.port;
    impl_->state.set_webhooks(&impl_->webhooks);
    impl_->state.set_answer_shape(impl_->options.answer_shape);
}

void JodoSandbox::set_answer_shape(const AnswerShape& shape) {
    impl_->state.set_answer_shape(shape);
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
    Poco::Net::ServerSocket socket = new_server_socket(impl_->options);
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
        impl_->state, BasicAuth(impl_->options.api_key, impl_->options.api_secret), base_url(),
        impl_->options.merchant_name);
    impl_->pool = std::make_unique<Poco::ThreadPool>(kMinThreads, kMaxThreads + 1);

    Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(kMaxThreads);
    params->setMaxQueued(64);
    params->setKeepAlive(true);
    params->setKeepAliveTimeout(
        Poco::Timespan(Poco::Timespan::TimeDiff(impl_->options.keep_alive_timeout_ms) * 1000));
    params->setTimeout(Poco::Timespan(10, 0));
    params->setServerName("jodo-sandbox");

    impl_->server = std::make_unique<Poco::Net::HTTPServer>(
        new RouterHandlerFactory(*impl_->router), *impl_->pool, socket, params);
    impl_->server->start();
    impl_->webhooks.start();
    spdlog::debug("jodo sandbox: listening on {}", base_url());
}

void JodoSandbox::stop() {
    if (!impl_->server)
        return;
    impl_->state.faults().wake_sleepers();  // requests sleeping in a slow fault
    impl_->server->stopAll(/*abortCurrent=*/true);
    impl_->pool->joinAll();
    impl_->server.reset();
    impl_->pool.reset();
    impl_->router.reset();
    impl_->webhooks.stop();
    spdlog::debug("jodo sandbox: stopped");
}

std::uint16_t JodoSandbox::port() const {
    return impl_->bound_port;
}

std::string JodoSandbox::base_url() const {
    return (uses_tls(impl_->options) ? "https://" : "http://") + impl_->options.host + ":" +
           std::to_string(impl_->bound_port);
}

std::string JodoSandbox::pay(const std::string& order_id) {
    return impl_->state.pay(order_id);
}

std::string JodoSandbox::pay_even_if_closed(const std::string& order_id) {
    return impl_->state.pay_even_if_closed(order_id);
}

void JodoSandbox::set_line_amount(const std::string& order_id, std::size_t line, Paise amount) {
    impl_->state.set_line_amount(order_id, line, amount);
}

std::vector<std::string> JodoSandbox::order_ids() const {
    return impl_->state.order_ids();
}

std::vector<std::string> JodoSandbox::settle(const std::string& order_id) {
    return impl_->state.settle(order_id);
}

void JodoSandbox::expire_now(const std::string& order_id) {
    impl_->state.expire(order_id);
}

std::string JodoSandbox::pay_student(std::int64_t jodo_student_id) {
    return impl_->state.pay_student(jodo_student_id, {}, "").id;
}

std::vector<std::string> JodoSandbox::settle_student_payment(std::int64_t jodo_student_id,
                                                             const std::string& payment_id) {
    return impl_->state.settle_student_payment(jodo_student_id, payment_id);
}

std::vector<std::int64_t> JodoSandbox::student_ids() const {
    return impl_->state.student_ids();
}

std::optional<SandboxStudent> JodoSandbox::student(std::int64_t jodo_student_id) const {
    return impl_->state.student(jodo_student_id);
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

std::size_t JodoSandbox::connection_count() const {
    return impl_->server ? static_cast<std::size_t>(impl_->server->totalConnections()) : 0;
}

void JodoSandbox::set_clock(std::function<std::int64_t()> now_unix_seconds) {
    impl_->state.set_clock(std::move(now_unix_seconds));
}

void JodoSandbox::set_webhooks(WebhookOptions options) {
    impl_->webhooks.configure(std::move(options));
}

void JodoSandbox::set_webhook_chaos(WebhookChaos chaos) {
    impl_->webhooks.set_chaos(chaos);
}

void JodoSandbox::drop_next_webhooks(std::size_t n) {
    impl_->webhooks.drop_next(n);
}

void JodoSandbox::duplicate_next_webhooks(std::size_t n) {
    impl_->webhooks.duplicate_next(n);
}

void JodoSandbox::hold_webhooks() {
    impl_->webhooks.hold();
}

void JodoSandbox::release_webhooks(bool reverse_order) {
    impl_->webhooks.release(reverse_order);
}

std::string JodoSandbox::send_event(const std::string& event, const std::string& order_id) {
    return impl_->webhooks.send_event(impl_->state, event, order_id);
}

std::vector<WebhookDelivery> JodoSandbox::webhook_log() const {
    return impl_->webhooks.log();
}

bool JodoSandbox::wait_for_webhooks(int timeout_ms) {
    return impl_->webhooks.wait_idle(timeout_ms);
}

void JodoSandbox::inject_next(std::size_t count, Fault fault, std::string method,
                              std::string path_prefix) {
    impl_->state.faults().inject_next(count, fault, std::move(method), std::move(path_prefix));
}

void JodoSandbox::set_chaos(ChaosFaults chaos) {
    impl_->state.faults().set_chaos(std::move(chaos));
}

void JodoSandbox::clear_faults() {
    impl_->state.faults().clear();
}

void JodoSandbox::set_latency_ms(int ms) {
    impl_->state.faults().set_latency_ms(ms);
}

FaultStats JodoSandbox::fault_stats() const {
    return impl_->state.faults().stats();
}

}  // namespace jodo::sandbox
