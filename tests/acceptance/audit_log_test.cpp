// The audit log: one row per Jodo API call attempt and per webhook received,
// shown per invoice by the audit_log action; never a secret or a payer's
// contact; kept for jodo.audit.retention_days.
#include <gtest/gtest.h>

#include <Poco/Base64Encoder.h>
#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Statement.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <chrono>
#include <sstream>
#include <thread>

#include "host_sim/http/CheckoutPayer.hpp"
#include "host_sim/sandbox/FaultInjector.hpp"
#include "support/ErpDatabases.hpp"
#include "support/LifecycleHarness.hpp"

using acceptance::ErpDatabase;
using acceptance::HarnessOptions;
using acceptance::LifecycleHarness;
using acceptance::output;
using jodo::sandbox::Fault;
using jodo::sandbox::FaultKind;

namespace {

const char* kWebhookSecret = "whsec_audit_never_stored";

struct Entry {
    std::string at, direction, endpoint, event, invoice_id, collection_id, order_id, error_code;
    int http_status = -1, latency_ms = -1, attempt = -1;
};

std::vector<Entry> audit_of(LifecycleHarness& h, const std::string& invoice) {
    auto result = h.action("audit_log", invoice);
    EXPECT_TRUE(result.status.ok()) << result.status.message;
    Poco::JSON::Parser parser;
    auto list = parser.parse(output(result, "audit")).extract<Poco::JSON::Array::Ptr>();
    std::vector<Entry> out;
    for (std::size_t i = 0; i < list->size(); ++i) {
        auto o = list->getObject(static_cast<unsigned>(i));
        for (const char* key :
             {"at", "direction", "endpoint", "event", "invoice_id", "collection_id", "order_id",
              "http_status", "latency_ms", "error_code", "attempt"})
            EXPECT_TRUE(o->has(key)) << key;
        Entry e;
        e.at = o->getValue<std::string>("at");
        e.direction = o->getValue<std::string>("direction");
        e.endpoint = o->getValue<std::string>("endpoint");
        e.event = o->getValue<std::string>("event");
        e.invoice_id = o->getValue<std::string>("invoice_id");
        e.collection_id = o->getValue<std::string>("collection_id");
        e.order_id = o->getValue<std::string>("order_id");
        e.error_code = o->getValue<std::string>("error_code");
        e.http_status = o->getValue<int>("http_status");
        e.latency_ms = o->getValue<int>("latency_ms");
        e.attempt = o->getValue<int>("attempt");
        out.push_back(e);
    }
    return out;
}

std::vector<Entry> creates(const std::vector<Entry>& entries) {
    std::vector<Entry> out;
    for (const auto& e : entries)
        if (e.direction == "out" && e.endpoint.rfind("POST ", 0) == 0)
            out.push_back(e);
    return out;
}

// Every value of every column of every row, as text.
std::vector<std::string> every_audit_value(LifecycleHarness& h) {
    Poco::Data::Statement select(h.erp().session());
    select << "SELECT * FROM jodo_audit_log";
    select.execute();
    Poco::Data::RecordSet rows(select);
    std::vector<std::string> values;
    for (std::size_t r = 0; r < rows.rowCount(); ++r)
        for (std::size_t c = 0; c < rows.columnCount(); ++c)
            if (!rows.isNull(c, r))
                values.push_back(rows.value(c, r).convert<std::string>());
    return values;
}

std::string base64(const std::string& text) {
    std::ostringstream out;
    Poco::Base64Encoder encoder(out);
    encoder << text;
    encoder.close();
    return out.str();
}

}  // namespace

class AuditLog : public testing::TestWithParam<std::string> {};

TEST_P(AuditLog, OneInvoiceFromCollectToSettledHasItsCallsAndWebhooksAndNoSecret) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    HarnessOptions options;
    options.webhook_secret = kWebhookSecret;
    LifecycleHarness h(db.connection_string(), options);
    ASSERT_EQ(h.plugin_start_error(), "");
    const auto sample = LifecycleHarness::sample("INV-AUD1");
    const std::string invoice = h.add_invoice(sample);

    auto collected = h.collect(invoice);
    ASSERT_TRUE(collected.status.ok()) << collected.status.message;
    const std::string order_id = output(collected, "order_id");
    host_sim::pay_at_checkout(output(collected, "redirect_url"));
    ASSERT_TRUE(h.sandbox().wait_for_webhooks(5000));
    h.batch("process_webhooks");
    ASSERT_EQ(h.collections(invoice)[0].status, "paid");
    h.sandbox().settle(order_id);
    ASSERT_TRUE(h.sandbox().wait_for_webhooks(5000));
    h.batch("process_webhooks");
    ASSERT_EQ(h.collections(invoice)[0].status, "settled");

    const auto entries = audit_of(h, invoice);
    ASSERT_FALSE(entries.empty());
    for (std::size_t i = 1; i < entries.size(); ++i)
        EXPECT_GE(entries[i - 1].at, entries[i].at) << "newest first";
    const auto made = creates(entries);
    ASSERT_EQ(made.size(), 1u);
    EXPECT_EQ(made[0].endpoint, "POST /api/v1/integrations/pay/orders");
    EXPECT_TRUE(made[0].http_status == 200 || made[0].http_status == 201) << made[0].http_status;
    EXPECT_EQ(made[0].attempt, 1);
    EXPECT_EQ(made[0].invoice_id, invoice);
    EXPECT_EQ(made[0].order_id, order_id);
    EXPECT_FALSE(made[0].collection_id.empty());
    EXPECT_GE(made[0].latency_ms, 0);
    EXPECT_EQ(made[0].at.size(), 24u) << made[0].at;  // 2026-12-01T10:05:45.123Z

    std::vector<std::string> events;
    bool fetched = false;
    for (const auto& e : entries) {
        EXPECT_EQ(e.invoice_id, invoice);
        if (e.direction == "in") {
            EXPECT_EQ(e.http_status, 200);
            EXPECT_EQ(e.order_id, order_id);
            events.push_back(e.event);
        }
        fetched |= e.direction == "out" &&
                   e.endpoint == "GET /api/v1/integrations/pay/orders/{order_id}" &&
                   e.http_status == 200 && e.order_id == order_id;
    }
    EXPECT_TRUE(fetched) << "the webhooks' verify-by-fetch";
    EXPECT_NE(std::find(events.begin(), events.end(), "order.payment.debited"), events.end());
    EXPECT_GE(events.size(), 2u);

    // Nothing secret, nothing personal, in any column of any row.
    const std::vector<std::string> forbidden = {"test_secret",
                                                kWebhookSecret,
                                                base64("test_key:test_secret"),
                                                "Basic ",
                                                sample.phone,
                                                sample.email,
                                                "@"};
    const auto values = every_audit_value(h);
    EXPECT_GE(values.size(), entries.size() * 8);
    for (const auto& value : values)
        for (const auto& bad : forbidden)
            EXPECT_EQ(value.find(bad), std::string::npos) << bad << " in " << value;
}

TEST_P(AuditLog, ACreateRetriedAfterA503ShowsBothAttempts) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    HarnessOptions options;
    options.settings = {{"jodo.retry.base_delay_ms", "10"}};
    LifecycleHarness h(db.connection_string(), options);
    const std::string invoice = h.add_invoice(LifecycleHarness::sample("INV-AUD2"));
    h.sandbox().inject_next(1, Fault{FaultKind::status_503}, "POST");

    auto collected = h.collect(invoice);
    ASSERT_TRUE(collected.status.ok()) << collected.status.message;
    const auto made = creates(audit_of(h, invoice));
    ASSERT_EQ(made.size(), 2u);
    // Newest first.
    EXPECT_EQ(made[1].attempt, 1);
    EXPECT_EQ(made[1].http_status, 503);
    EXPECT_EQ(made[1].error_code, "HUE00503");
    EXPECT_EQ(made[1].order_id, "");
    EXPECT_EQ(made[1].invoice_id, invoice);
    EXPECT_EQ(made[0].attempt, 2);
    EXPECT_TRUE(made[0].http_status == 200 || made[0].http_status == 201);
    EXPECT_EQ(made[0].order_id, output(collected, "order_id"));
    EXPECT_EQ(made[0].error_code, "");
    EXPECT_EQ(made[0].collection_id, made[1].collection_id);
}

TEST_P(AuditLog, RetentionDeletesOldRowsAndKeepsRecentOnes) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    HarnessOptions options;
    options.settings = {{"jodo.audit.retention_days", "30"}};
    LifecycleHarness h(db.connection_string(), options);
    const std::string invoice = h.add_invoice(LifecycleHarness::sample("INV-AUD3"));
    ASSERT_TRUE(h.collect(invoice).status.ok());
    const auto before = audit_of(h, invoice);
    ASSERT_EQ(creates(before).size(), 1u);

    h.advance_clock_s(29L * 86400);
    ASSERT_TRUE(h.refresh(invoice).status.ok());
    // 29 days later: the purge that ran (at most once a minute) keeps everything.
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_EQ(creates(audit_of(h, invoice)).size(), 1u);

    h.advance_clock_s(2L * 86400);
    ASSERT_TRUE(h.refresh(invoice).status.ok());
    std::vector<Entry> after;
    for (int i = 0; i < 50; ++i) {
        after = audit_of(h, invoice);
        if (creates(after).empty())
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    EXPECT_TRUE(creates(after).empty()) << "the 31-day-old create is deleted";
    // The two refreshes (29 and 2 days old) stay.
    int gets = 0;
    for (const auto& e : after)
        gets += e.endpoint.rfind("GET ", 0) == 0;
    EXPECT_EQ(gets, 2);
}

INSTANTIATE_TEST_SUITE_P(Databases, AuditLog, testing::Values("sqlite", "postgresql", "mariadb"),
                         [](const auto& info) { return info.param; });
