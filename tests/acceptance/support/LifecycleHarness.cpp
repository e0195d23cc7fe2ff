#include "support/LifecycleHarness.hpp"

#include "erp_sql/NullableText.hpp"

#include <chrono>
#include <thread>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Nullable.h>
#include <Poco/StreamCopier.h>
#include <Poco/Tuple.h>
#include <Poco/URI.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/sinks/stdout_sinks.h>

#include "support/ErpDatabases.hpp"

using namespace Poco::Data::Keywords;

namespace acceptance {

namespace {
using Text = erp_sql::NullableText;
using erp_sql::or_empty;
using erp_sql::text_or_null;
}  // namespace

std::string output(const erp_plugin::ActionResult& result, const std::string& key) {
    const std::string* value = erp_plugin::find_field(result.outputs, key);
    return value ? *value : std::string();
}

LifecycleHarness::LifecycleHarness(const std::string& connection, HarnessOptions options)
    : prefix_(unique_prefix()) {
    jodo::sandbox::SandboxOptions sandbox_options;
    sandbox_options.api_key = "test_key";
    sandbox_options.api_secret = "test_secret";
    sandbox_ = std::make_unique<jodo::sandbox::JodoSandbox>(sandbox_options);
    sandbox_->start();
    erp_ = std::make_unique<host_sim::ReferenceErp>(connection);
    erp_->migrate();
    // JODO_TEST_VERBOSE=1 shows the plugin's log on stderr.
    spdlog::sink_ptr sink =
        std::getenv("JODO_TEST_VERBOSE")
            ? spdlog::sink_ptr(std::make_shared<spdlog::sinks::stderr_sink_mt>())
            : spdlog::sink_ptr(std::make_shared<spdlog::sinks::null_sink_mt>());
    logger_ = std::make_shared<spdlog::logger>("acceptance", sink);
    std::map<std::string, std::string> settings{
        {"jodo.base_url", sandbox_->base_url()},
        {"jodo.api_key", "test_key"},
        {"jodo.api_secret", options.plugin_secret},
        {"jodo.retry.base_delay_ms", "10"},
        {"jodo.webhook.worker_interval_ms", options.background ? "200" : "0"},
        {"jodo.reconcile.interval_ms", options.background ? "200" : "0"}};
    if (!options.webhook_secret.empty())
        settings["jodo.webhook.secret"] = options.webhook_secret;
    for (const auto& [key, value] : options.settings)
        settings[key] = value;
    services_ = std::make_unique<host_sim::SimHostServices>(connection, settings, logger_);
    host_ = std::make_unique<host_sim::PluginHost>(*services_);
    auto report = host_->load_directory(JODO_PLUGIN_DIR);
    for (const auto& refused : report.refused)
        start_error_ += refused.reason + "\n";
    http_ = std::make_unique<host_sim::PluginHttpServer>(host_->plugins());
    http_->start();
    if (!options.webhook_secret.empty()) {
        jodo::sandbox::WebhookOptions webhooks;
        webhooks.url = webhook_url();
        webhooks.secret = options.webhook_secret;
        sandbox_->set_webhooks(webhooks);
    }
}

LifecycleHarness::~LifecycleHarness() {
    http_.reset();
    host_.reset();
    sandbox_->stop();
}

host_sim::SampleInvoice LifecycleHarness::sample(const std::string& id) {
    return {id,
            "P-" + id,
            "Anita Sharma",
            "9876543210",
            "anita@example.com",
            "Rohan Sharma",
            "Grade 5",
            "Term fees",
            {{"TUITION_FEE", "42500.00"}, {"TRANSPORT_FEE", "6200.50"}},
            "",
            ""};
}

std::string LifecycleHarness::add_invoice(host_sim::SampleInvoice invoice) {
    invoice.invoice_id = prefix_ + invoice.invoice_id;
    invoice.payer_id = prefix_ + invoice.payer_id;
    erp_->add_invoice(invoice);
    return invoice.invoice_id;
}

erp_plugin::ActionResult LifecycleHarness::collect(const std::string& id) {
    return host_->run("jodo", "collect", id);
}
erp_plugin::ActionResult LifecycleHarness::refresh(const std::string& id) {
    return host_->run("jodo", "refresh", id);
}

erp_plugin::ActionResult LifecycleHarness::action(const std::string& name, const std::string& id) {
    return host_->run("jodo", name, id);
}

erp_plugin::ActionResult LifecycleHarness::student_action(const std::string& name,
                                                          const std::string& student_id) {
    return host_->find("jodo")->run_action({name, "student", student_id, {}});
}

erp_plugin::ActionResult LifecycleHarness::batch(const std::string& name,
                                                 const erp_plugin::Fields& parameters) {
    return host_->find("jodo")->run_action({name, "batch", "", parameters});
}

std::string LifecycleHarness::webhook_url() const {
    return http_->base_url() + "/webhooks/jodo";
}

int LifecycleHarness::post_webhook(const std::string& body, const erp_plugin::Fields& headers,
                                   std::string* answer) {
    const Poco::URI uri(webhook_url());
    Poco::Net::HTTPClientSession session(uri.getHost(), uri.getPort());
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, uri.getPath(),
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    request.setContentType("application/json");
    for (const auto& [name, value] : headers)
        request.set(name, value);
    request.setContentLength(static_cast<std::streamsize>(body.size()));
    session.sendRequest(request) << body;
    Poco::Net::HTTPResponse response;
    std::string text;
    Poco::StreamCopier::copyToString(session.receiveResponse(response), text);
    if (answer)
        *answer = text;
    return static_cast<int>(response.getStatus());
}

void LifecycleHarness::advance_clock_s(long seconds) {
    services_->advance_clock_ms(seconds * 1000L);
}

std::string LifecycleHarness::wait_for_status(const std::string& invoice_id,
                                              const std::string& status, int timeout_ms) {
    std::string seen;
    for (int waited = 0;; waited += 50) {
        auto rows = collections(invoice_id);
        seen = rows.empty() ? std::string() : rows.front().status;
        if (seen == status || waited >= timeout_ms)
            return seen;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

std::vector<LifecycleHarness::InboxRow> LifecycleHarness::inbox(const std::string& order_id) {
    std::vector<Poco::Tuple<std::string, std::string, std::string, Text>> rows;
    std::string id = order_id;
    erp_->session()
        << "SELECT event_id, event, state, note FROM jodo_webhook_inbox WHERE order_id = ? "
           "ORDER BY received_at, event_id",
        use(id), into(rows), now;
    std::vector<InboxRow> out;
    for (const auto& r : rows)
        out.push_back({r.get<0>(), r.get<1>(), r.get<2>(), or_empty(r.get<3>())});
    return out;
}

std::vector<StoredCollection> LifecycleHarness::collections(const std::string& invoice_id) {
    auto& s = erp_->session();
    std::string id = invoice_id;
    using Row = Poco::Tuple<std::string, std::string, int, std::string, Text, Text, Text, Text,
                            Text, Text, Text>;
    std::vector<Row> rows;
    s << "SELECT collection_id, status, active, amount, order_id, redirect_url, paid_at, "
         "transaction_id, error_code, error_reason, review_reason FROM jodo_collections "
         "WHERE invoice_id = ? ORDER BY created_at DESC",
        use(id), into(rows), now;
    std::vector<StoredCollection> out;
    for (const auto& r : rows) {
        StoredCollection c;
        c.status = r.get<1>();
        c.active = r.get<2>();
        c.amount = r.get<3>();
        c.order_id = or_empty(r.get<4>());
        c.redirect_url = or_empty(r.get<5>());
        c.paid_at = or_empty(r.get<6>());
        c.transaction_id = or_empty(r.get<7>());
        c.error_code = or_empty(r.get<8>());
        c.error_reason = or_empty(r.get<9>());
        c.review_reason = or_empty(r.get<10>());
        std::string collection_id = r.get<0>();
        std::vector<Text> utrs;
        s << "SELECT settlement_utr FROM jodo_collection_lines WHERE collection_id = ? ORDER BY "
             "line_no",
            use(collection_id), into(utrs), now;
        for (const auto& u : utrs)
            c.utrs.push_back(or_empty(u));
        out.push_back(c);
    }
    return out;
}

std::vector<std::string> LifecycleHarness::invoice_line_amounts(const std::string& invoice_id) {
    std::vector<std::string> amounts;
    std::string id = invoice_id;
    erp_->session() << "SELECT amount FROM erp_invoice_lines WHERE invoice_id = ? ORDER BY line_no",
        use(id), into(amounts), now;
    return amounts;
}

}  // namespace acceptance
