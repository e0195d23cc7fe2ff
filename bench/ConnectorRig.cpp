#include "ConnectorRig.hpp"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <regex>
#include <stdexcept>
#include <thread>

#include <Poco/Data/Session.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include "Disk.hpp"
#include "erp_sql/OpenOdbcSession.hpp"
#include "erp_sql/Transaction.hpp"
#include "host_sim/erp/ReferenceErp.hpp"
#include "host_sim/host/PluginHost.hpp"
#include "host_sim/host/SimHostServices.hpp"
#include "host_sim/http/PluginHttpServer.hpp"
#include "host_sim/sandbox/WebhookEnvelope.hpp"

using namespace Poco::Data::Keywords;

namespace bench {

namespace {

using Clock = std::chrono::steady_clock;
const char* kWebhookSecret = "bench_webhook_secret";

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string output(const erp_plugin::ActionResult& result, const std::string& key) {
    for (const auto& [name, value] : result.outputs)
        if (name == key)
            return value;
    return {};
}

std::size_t count_output(const erp_plugin::ActionResult& result, const std::string& key) {
    const std::string text = output(result, key);
    return text.empty() ? 0 : static_cast<std::size_t>(std::stoul(text));
}

erp_plugin::ActionResult batch(host_sim::PluginHost& host, const std::string& action) {
    erp_plugin::ActionRequest request;
    request.action = action;
    request.record_type = "batch";
    return host.find("jodo")->run_action(request);
}

int post_once(const Poco::URI& url, const std::string& body, const std::string& signature) {
    Poco::Net::HTTPClientSession session(url.getHost(), url.getPort());
    session.setTimeout(Poco::Timespan(30, 0));
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, url.getPath(),
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    request.setContentType("application/json");
    request.set("X-Jodo-Signature", signature);
    request.setKeepAlive(false);  // as Jodo's sender: one delivery per connection
    request.setContentLength(static_cast<std::streamsize>(body.size()));
    try {
        session.sendRequest(request) << body;
        Poco::Net::HTTPResponse response;
        std::string ignored;
        Poco::StreamCopier::copyToString(session.receiveResponse(response), ignored);
        return static_cast<int>(response.getStatus());
    } catch (const Poco::Exception&) {
        return 0;
    }
}

}  // namespace

ConnectorRig::ConnectorRig(const std::string& connection, const JodoEndpoint& jodo,
                           const std::filesystem::path& plugins)
    : connection_(connection),
      jodo_(jodo),
      plugins_(plugins),
      run_(std::to_string(::getpid()) + "-" +
           std::to_string(std::chrono::system_clock::now().time_since_epoch().count() %
                          1000000000)) {
    erp_ = std::make_unique<host_sim::ReferenceErp>(connection_);
    erp_->migrate();
    start_module();
}

ConnectorRig::~ConnectorRig() {
    endpoint_.reset();
    if (host_)
        host_->stop_all();
}

void ConnectorRig::start_module() {
    auto logger =
        std::make_shared<spdlog::logger>("bench", std::make_shared<spdlog::sinks::null_sink_mt>());
    services_ = std::make_unique<host_sim::SimHostServices>(
        connection_,
        std::map<std::string, std::string>{{"jodo.base_url", jodo_.base_url},
                                           {"jodo.api_key", jodo_.api_key},
                                           {"jodo.api_secret", jodo_.api_secret},
                                           {"jodo.webhook.secret", kWebhookSecret},
                                           // The benchmark runs each part itself.
                                           {"jodo.webhook.worker_interval_ms", "0"},
                                           {"jodo.reconcile.interval_ms", "0"}},
        logger);
    host_ = std::make_unique<host_sim::PluginHost>(*services_);
    const auto start = Clock::now();
    host_->load_directory(plugins_);
    start_ms_ = seconds_since(start) * 1000;
    if (!host_->find("jodo"))
        throw std::runtime_error("the Jodo plugin did not start from " + plugins_.string());
    endpoint_ = std::make_unique<host_sim::PluginHttpServer>(host_->plugins());
    endpoint_->start();
}

void ConnectorRig::use_jodo(const JodoEndpoint& jodo) {
    jodo_ = jodo;
    restart();
}

double ConnectorRig::restart() {
    endpoint_.reset();
    host_->stop_all();
    host_.reset();
    services_.reset();
    start_module();
    return start_ms_;
}

void ConnectorRig::add_invoices(int count) {
    std::vector<host_sim::SampleInvoice> invoices;
    for (int i = 0; i < count; ++i) {
        const std::string n = std::to_string(i);
        invoices.push_back({"B" + run_ + "-" + n,
                            "BP" + run_ + "-" + n,
                            "Payer " + n,
                            "9876543210",
                            "payer@example.com",
                            "Student " + n,
                            "Grade 5",
                            "Term fees",
                            {{"TUITION_FEE", "12345.67"}, {"LAB_FEE", "500.00"}},
                            "",
                            ""});
    }
    erp_->add_invoices(invoices);
}

Timed ConnectorRig::collect_all() {
    const auto start = Clock::now();
    const auto result = batch(*host_, "collect_all");
    Timed timed;
    timed.seconds = seconds_since(start);
    timed.count = count_output(result, "created");
    timed.failures = count_output(result, "errors") + count_output(result, "refused");
    return timed;
}

Timed ConnectorRig::ingest_webhooks(int count, int clients) {
    const Poco::URI url(endpoint_->base_url() + "/webhooks/jodo");
    std::vector<std::string> bodies;
    for (int i = 0; i < count; ++i)
        bodies.push_back(R"({"event_id":"bench-)" + run_ + "-" + std::to_string(i) +
                         R"(","event":"order.payment.debited","version":"1.0","timestamp":1,)"
                         R"("payload":{"order_id":"order_bench)" +
                         std::to_string(i) + R"("}})");
    std::vector<std::string> signatures;
    for (const auto& body : bodies)
        signatures.push_back(jodo::sandbox::webhook_signature(kWebhookSecret, body));
    std::atomic<std::size_t> next{0}, ok{0}, failed{0};
    const auto start = Clock::now();
    std::vector<std::thread> senders;
    for (int c = 0; c < clients; ++c)
        senders.emplace_back([&] {
            for (std::size_t i = next++; i < bodies.size(); i = next++)
                (post_once(url, bodies[i], signatures[i]) == 200 ? ok : failed)++;
        });
    for (auto& s : senders)
        s.join();
    Timed timed;
    timed.seconds = seconds_since(start);
    timed.count = ok;
    timed.failures = failed;
    return timed;
}

void ConnectorRig::make_collections_due() {
    erp_->session() << "UPDATE jodo_collections SET next_check_at = '2000-01-01T00:00:00Z' "
                       "WHERE status = 'unpaid'",
        now;
}

void ConnectorRig::park_collections() {
    erp_->session() << "UPDATE jodo_collections SET next_check_at = '2999-01-01T00:00:00Z' "
                       "WHERE next_check_at IS NOT NULL",
        now;
}

void ConnectorRig::add_due_collections(const std::vector<std::string>& order_ids,
                                       const std::string& rupees) {
    auto& session = erp_->session();
    // Bound as vectors (Poco runs each statement once per element), every
    // parameter a vector of the same length.
    const std::size_t n = order_ids.size();
    std::vector<std::string> ids, invoices, orders = order_ids, amounts(n, rupees),
                                            at(n, "2000-01-01T00:00:00Z");
    std::vector<int> line_numbers(n, 1);
    const std::string batch = run_ + "-" + std::to_string(due_batches_++) + "-";
    for (std::size_t i = 0; i < n; ++i) {
        ids.push_back("rc-" + batch + std::to_string(i));
        invoices.push_back("RC" + batch + std::to_string(i));
    }
    erp_sql::Transaction tx(session);
    // Looked at ten times before, so each one's next look is the longest
    // interval (30 minutes) away: a run longer than the first interval (a
    // minute) does not meet its own rows again.
    session << "INSERT INTO jodo_collections (collection_id, invoice_id, kind, status, active, "
               "amount, order_id, next_check_at, check_count, created_at, updated_at) "
               "VALUES (?, ?, 'order', 'unpaid', 1, ?, ?, ?, 10, ?, ?)",
        use(ids), use(invoices), use(amounts), use(orders), use(at), use(at), use(at), now;
    session << "INSERT INTO jodo_collection_lines (collection_id, line_no, component_type, amount) "
               "VALUES (?, ?, 'Tuition Fee', ?)",
        use(ids), use(line_numbers), use(amounts), now;
    tx.commit();
}

Timed ConnectorRig::reconcile_until_done(double max_seconds) {
    Timed timed;
    const auto start = Clock::now();
    for (;;) {
        const auto result = batch(*host_, "reconcile");
        const std::size_t checked = count_output(result, "checked");
        timed.count += checked;
        timed.failures += count_output(result, "errors");
        if (checked == 0)
            break;
        if (max_seconds > 0 && seconds_since(start) >= max_seconds) {
            timed.stopped_early = true;
            break;
        }
    }
    timed.seconds = seconds_since(start);
    return timed;
}

std::string ConnectorRig::durability() const {
    std::string value;
    if (connection_.find("SQLite") != std::string::npos) {
        int level = -1;
        erp_->session() << "PRAGMA synchronous", into(level), now;
        std::string journal;
        erp_->session() << "PRAGMA journal_mode", into(journal), now;
        const char* names[] = {"OFF", "NORMAL", "FULL", "EXTRA"};
        value = std::string("synchronous=") +
                (level >= 0 && level <= 3 ? names[level] : std::to_string(level).c_str()) +
                ", journal_mode=" + journal;
    } else {
        erp_->session() << "SHOW fsync", into(value), now;
        std::string commit;
        erp_->session() << "SHOW synchronous_commit", into(commit), now;
        std::string data;
        erp_->session() << "SHOW data_directory", into(data), now;
        // The server runs on this machine (127.0.0.1): its files' disk is ours to check.
        const std::string type = file_system_of(data);
        value = "fsync=" + value + ", synchronous_commit=" + commit + ", data on " + type +
                (type == "tmpfs" || type == "ramfs" ? " (fsync=off in effect)" : "");
    }
    return value;
}

ScratchPostgres::ScratchPostgres(const std::string& admin) : admin_(admin) {
    name_ = "jodo_bench_" + std::to_string(::getpid());
    Poco::Data::Session session = erp_sql::open_odbc_session(admin_);
    session << "DROP DATABASE IF EXISTS " + name_, now;
    session << "CREATE DATABASE " + name_, now;
    static const std::regex database("(^|;)\\s*Database\\s*=[^;]*", std::regex::icase);
    connection_ = std::regex_search(admin_, database)
                      ? std::regex_replace(admin_, database, "$1Database=" + name_)
                      : admin_ + (admin_.empty() || admin_.back() == ';' ? "" : ";") +
                            "Database=" + name_ + ";";
}

ScratchPostgres::~ScratchPostgres() {
    try {
        Poco::Data::Session session = erp_sql::open_odbc_session(admin_);
        session << "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)", now;
    } catch (const Poco::Exception&) {
        // Left behind; the next run of the same pid drops it.
    }
}

}  // namespace bench
