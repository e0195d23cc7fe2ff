#include "support/ScaleRig.hpp"

#include "erp_sql/NullableText.hpp"
#include "erp_sql/OpenOdbcSession.hpp"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <Poco/Nullable.h>
#include <Poco/Tuple.h>

#include "host_sim/cli/LifecycleDemo.hpp"
#include "support/ErpDatabases.hpp"
#include "support/LifecycleHarness.hpp"

using namespace Poco::Data::Keywords;

namespace scaleout {

namespace {
using Text = erp_sql::NullableText;
using erp_sql::or_empty;
using erp_sql::text_or_null;

Poco::Data::Session open_session(const std::string& connection) {
    erp_sql::OdbcSessionOptions options;
    options.max_field_size = 65536;
    return erp_sql::open_odbc_session(connection, options);
}

}  // namespace

int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0)
        throw std::runtime_error("no free port");
    const int port = ntohs(address.sin_port);
    ::close(fd);
    return port;
}

std::string field(const std::string& output, const std::string& key) {
    std::stringstream lines(output);
    std::string line;
    const std::string start = key + ": ";
    while (std::getline(lines, line))
        if (line.rfind(start, 0) == 0)
            return line.substr(start.size());
    return {};
}

long sum_field(const std::vector<Exit>& exits, const std::string& key) {
    long sum = 0;
    for (const auto& e : exits) {
        const std::string value = field(e.out, key);
        sum += value.empty() ? -1000000 : std::stol(value);
    }
    return sum;
}

void sleep_ms(int ms) {
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

ScaleRig::ScaleRig(const std::string& connection)
    : connection_(connection), prefix_(acceptance::unique_prefix()) {
    jodo::sandbox::SandboxOptions options;
    options.api_key = "scale_key";
    options.api_secret = "scale_secret";
    sandbox_ = std::make_unique<jodo::sandbox::JodoSandbox>(options);
    sandbox_->start();
    erp_ = std::make_unique<host_sim::ReferenceErp>(connection_);
    erp_->migrate();
}

ScaleRig::~ScaleRig() {
    sandbox_->stop();
}

std::string ScaleRig::add_invoice(const std::string& name) {
    auto invoice = acceptance::LifecycleHarness::sample(prefix_ + name);
    erp_->add_invoice(invoice);
    return invoice.invoice_id;
}

std::vector<std::string> ScaleRig::add_invoices(int count) {
    std::vector<std::string> ids;
    for (int i = 1; i <= count; ++i) {
        char name[16];
        std::snprintf(name, sizeof name, "INV-%04d", i);
        ids.push_back(add_invoice(name));
    }
    return ids;
}

std::filesystem::path ScaleRig::write_config(const std::string& name,
                                             const std::map<std::string, std::string>& overrides,
                                             int http_port) {
    std::map<std::string, std::string> jodo{
        {"base_url", sandbox_->base_url()}, {"api_key", "scale_key"},
        {"api_secret", "scale_secret"},     {"retry.base_delay_ms", "10"},
        {"webhook.secret", kWebhookSecret}, {"webhook.worker_interval_ms", "0"},
        {"reconcile.interval_ms", "0"},     {"reconcile.first_check_s", "1"},
        {"reconcile.creating_grace_s", "1"}};
    for (const auto& [key, value] : overrides)
        jodo[key] = value;
    const auto file = dir() / (name + ".ini");
    std::ofstream out(file);
    out << "[host]\ndatabase = " << connection_ << "\nplugins = " << plugin_dir_.string()
        << "\nhttp_port = " << http_port << "\n\n[jodo]\n";
    for (const auto& [key, value] : jodo)
        out << key << " = " << value << "\n";
    return file;
}

std::unique_ptr<Subprocess> ScaleRig::spawn(const std::vector<std::string>& args,
                                            const std::filesystem::path& config,
                                            const std::map<std::string, std::string>& env) {
    std::vector<std::string> argv{HOST_SIM_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    argv.push_back("--config");
    argv.push_back(config.string());
    std::map<std::string, std::string> environment{{"JODO_CRASH_AT", "\x01unset"}};
    for (const auto& [key, value] : env)
        environment[key] = value;
    const std::string stem = "host-sim-" + std::to_string(++spawned_) + "-" + args.front();
    return std::make_unique<Subprocess>(argv, environment, dir() / (stem + ".out"),
                                        dir() / (stem + ".err"));
}

Exit ScaleRig::run(const std::vector<std::string>& args, const std::filesystem::path& config,
                   const std::map<std::string, std::string>& env, int timeout_ms) {
    return spawn(args, config, env)->wait(timeout_ms);
}

std::unique_ptr<Subprocess> ScaleRig::serve(const std::filesystem::path& config, std::string* url,
                                            const std::map<std::string, std::string>& env) {
    auto process = spawn({"serve"}, config, env);
    const std::string line = process->wait_for_output("serving plugin routes on ", 15000);
    const auto at = line.find("http://");
    *url = at == std::string::npos ? std::string() : line.substr(at);
    return process;
}

void ScaleRig::send_webhooks_to(const std::string& base_url, std::vector<int> retry_delays_ms) {
    jodo::sandbox::WebhookOptions webhooks;
    webhooks.url = base_url + "/webhooks/jodo";
    webhooks.secret = kWebhookSecret;
    webhooks.retry_delays_ms = std::move(retry_delays_ms);
    sandbox_->set_webhooks(webhooks);
}

Poco::Data::Session ScaleRig::session() {
    return open_session(connection_);
}

namespace {
std::vector<Row> select_rows(Poco::Data::Session& s, const std::string& invoice_pattern) {
    using Tuple = Poco::Tuple<std::string, std::string, std::string, std::string, Text, Text, Text,
                              Text, Text, int>;
    std::vector<Tuple> rows;
    std::string pattern = invoice_pattern;
    s << "SELECT collection_id, invoice_id, kind, status, order_id, redirect_url, error_reason, "
         "review_reason, next_check_at, active FROM jodo_collections WHERE invoice_id LIKE ? "
         "ORDER BY invoice_id, created_at DESC, collection_id",
        use(pattern), into(rows), now;
    std::vector<Row> out;
    for (const auto& r : rows)
        out.push_back({r.get<0>(), r.get<1>(), r.get<2>(), r.get<3>(), or_empty(r.get<4>()),
                       or_empty(r.get<5>()), or_empty(r.get<6>()), or_empty(r.get<7>()),
                       or_empty(r.get<8>()), r.get<9>()});
    return out;
}
}  // namespace

std::vector<Row> ScaleRig::collections() {
    auto s = session();
    return select_rows(s, prefix_ + "%");
}

std::vector<Row> ScaleRig::collections(const std::string& invoice_id) {
    auto s = session();
    return select_rows(s, invoice_id);
}

std::vector<InboxRow> ScaleRig::inbox() {
    auto s = session();
    std::vector<Poco::Tuple<std::string, std::string, Text, std::string, int>> rows;
    s << "SELECT event_id, event, order_id, state, attempts FROM jodo_webhook_inbox "
         "ORDER BY received_at, event_id",
        into(rows), now;
    std::vector<InboxRow> out;
    for (const auto& r : rows)
        out.push_back({r.get<0>(), r.get<1>(), or_empty(r.get<2>()), r.get<3>(), r.get<4>()});
    return out;
}

std::string ScaleRig::wait_for_status(const std::string& invoice_id, const std::string& status,
                                      int timeout_ms) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    for (;;) {
        std::string seen;
        for (const auto& row : collections(invoice_id))
            if (seen.empty() || row.active)
                seen = row.status;
        if (seen == status || std::chrono::steady_clock::now() >= deadline)
            return seen;
        sleep_ms(50);
    }
}

std::string invoice_of(const jodo::sandbox::SandboxOrder& order) {
    for (const auto& [key, value] : order.notes)
        if (key == "erp_invoice_id")
            return value;
    return {};
}

}  // namespace scaleout
