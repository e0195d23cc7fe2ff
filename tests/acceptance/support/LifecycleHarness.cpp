#include "support/LifecycleHarness.hpp"

#include <Poco/Nullable.h>
#include <Poco/Tuple.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/sinks/ostream_sink.h>

#include "support/ErpDatabases.hpp"

using namespace Poco::Data::Keywords;

namespace acceptance {

namespace {
using Text = Poco::Nullable<std::string>;
std::string or_empty(const Text& t) {
    return t.isNull() ? std::string() : t.value();
}
}  // namespace

std::string output(const erp_plugin::ActionResult& result, const std::string& key) {
    const std::string* value = erp_plugin::find_field(result.outputs, key);
    return value ? *value : std::string();
}

LifecycleHarness::LifecycleHarness(const std::string& connection, const std::string& plugin_secret)
    : prefix_(unique_prefix()) {
    sandbox_ = std::make_unique<jodo::sandbox::JodoSandbox>(
        jodo::sandbox::SandboxOptions{"test_key", "test_secret", "127.0.0.1", 0});
    sandbox_->start();
    erp_ = std::make_unique<host_sim::ReferenceErp>(connection);
    erp_->migrate();
    logger_ = std::make_shared<spdlog::logger>("acceptance",
                                               std::make_shared<spdlog::sinks::null_sink_mt>());
    services_ = std::make_unique<host_sim::SimHostServices>(
        connection,
        std::map<std::string, std::string>{{"jodo.base_url", sandbox_->base_url()},
                                           {"jodo.api_key", "test_key"},
                                           {"jodo.api_secret", plugin_secret},
                                           {"jodo.retry.base_delay_ms", "10"}},
        logger_);
    host_ = std::make_unique<host_sim::PluginHost>(*services_);
    auto report = host_->load_directory(JODO_PLUGIN_DIR);
    for (const auto& refused : report.refused)
        start_error_ += refused.reason + "\n";
}

LifecycleHarness::~LifecycleHarness() {
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
            {{"TUITION_FEE", "42500.00"}, {"TRANSPORT_FEE", "6200.50"}}};
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

std::vector<StoredCollection> LifecycleHarness::collections(const std::string& invoice_id) {
    auto& s = erp_->session();
    std::string id = invoice_id;
    using Row =
        Poco::Tuple<std::string, std::string, int, std::string, Text, Text, Text, Text, Text, Text>;
    std::vector<Row> rows;
    s << "SELECT collection_id, status, active, amount, order_id, redirect_url, paid_at, "
         "transaction_id, "
         "error_code, error_reason FROM jodo_collections WHERE invoice_id = ? ORDER BY created_at "
         "DESC",
        use(id), into(rows), now;
    std::vector<StoredCollection> out;
    for (const auto& r : rows) {
        StoredCollection c{r.get<1>(),           r.get<2>(),
                           r.get<3>(),           or_empty(r.get<4>()),
                           or_empty(r.get<5>()), or_empty(r.get<6>()),
                           or_empty(r.get<7>()), or_empty(r.get<8>()),
                           or_empty(r.get<9>()), {}};
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
