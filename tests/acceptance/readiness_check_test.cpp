// The administrator's check before going live: a wrong secret or an
// unreachable Jodo is reported before any invoice is touched.
#include <gtest/gtest.h>

#include "jodo/webhooks/WebhookVerifier.hpp"
#include "support/ErpDatabases.hpp"
#include "support/LifecycleHarness.hpp"

using acceptance::ErpDatabase;
using acceptance::LifecycleHarness;
using acceptance::output;

class ReadinessCheck : public testing::TestWithParam<std::string> {};

TEST_P(ReadinessCheck, AGoodConfigurationPassesEveryCheck) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    acceptance::HarnessOptions options;
    options.webhook_secret = "check_whsec";
    LifecycleHarness h(db.connection_string(), options);
    auto result = h.batch("check");
    EXPECT_TRUE(result.status.ok()) << result.status.message;
    for (const char* name :
         {"database", "module_tables", "erp_mapping", "jodo_credentials", "webhook_verification"})
        EXPECT_EQ(output(result, std::string("check.") + name), "ok")
            << name << ": " << output(result, std::string("check.") + name + ".detail");
    EXPECT_EQ(h.sandbox().create_count(), 0u);
}

TEST_P(ReadinessCheck, AWrongSecretIsReportedBeforeAnyInvoiceIsTouched) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    LifecycleHarness h(db.connection_string(), "wrong_secret");
    const std::string invoice = h.add_invoice(LifecycleHarness::sample("INV-CHECK"));
    auto result = h.batch("check");
    EXPECT_EQ(result.status.code, erp_plugin::StatusCode::config);
    EXPECT_EQ(output(result, "check.jodo_credentials"), "failed");
    EXPECT_NE(output(result, "check.jodo_credentials.detail").find("jodo.api_secret"),
              std::string::npos);
    // No secret configured for webhooks is a failure too.
    EXPECT_EQ(output(result, "check.webhook_verification"), "failed");
    EXPECT_EQ(output(result, "check.database"), "ok");
    EXPECT_TRUE(h.collections(invoice).empty());
    EXPECT_EQ(h.sandbox().create_count(), 0u);
}

TEST_P(ReadinessCheck, AnUnreachableJodoIsNamed) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    acceptance::HarnessOptions options;
    options.settings = {{"jodo.base_url", "https://127.0.0.1:1"},
                        {"jodo.retry.max_attempts", "1"},
                        {"jodo.connect_timeout_ms", "500"}};
    LifecycleHarness h(db.connection_string(), options);
    auto result = h.batch("check");
    EXPECT_EQ(output(result, "check.jodo_credentials"), "failed");
    EXPECT_NE(output(result, "check.jodo_credentials.detail").find("jodo.base_url"),
              std::string::npos)
        << output(result, "check.jodo_credentials.detail");
}

TEST_P(ReadinessCheck, ADifferentWebhookSecretIsNamedOnceADeliveryWasRefused) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    acceptance::HarnessOptions options;
    options.webhook_secret = "the_secret_in_the_erp";
    LifecycleHarness h(db.connection_string(), options);
    EXPECT_EQ(output(h.batch("check"), "check.webhook_deliveries"), "ok");
    // Jodo signs with another secret: refused, and only the log said so before.
    const std::string body = R"({"event_id":"evt-check-1","event":"order.payment.debited",)"
                             R"("payload":{"order_id":")" +
                             h.foreign_order_id("check") + R"("}})";
    for (int i = 0; i < 3; ++i)
        EXPECT_EQ(h.post_webhook(body, {{"X-Jodo-Signature",
                                         jodo::hmac_sha256_hex("the_secret_in_jodo", body)}}),
                  401);
    auto refused = h.batch("check");
    EXPECT_EQ(output(refused, "check.webhook_deliveries"), "failed");
    const std::string detail = output(refused, "check.webhook_deliveries.detail");
    EXPECT_NE(detail.find("3 deliveries refused with a bad signature"), std::string::npos)
        << detail;
    EXPECT_NE(detail.find("jodo.webhook.secret probably differs from the secret set in Jodo"),
              std::string::npos)
        << detail;
    EXPECT_EQ(refused.status.code, erp_plugin::StatusCode::config);
    // Fixed in Jodo: the next delivery is accepted and the check passes again.
    h.advance_clock_s(1);
    EXPECT_EQ(h.post_webhook(body, {{"X-Jodo-Signature",
                                     jodo::hmac_sha256_hex("the_secret_in_the_erp", body)}}),
              200);
    auto fixed = h.batch("check");
    EXPECT_EQ(output(fixed, "check.webhook_deliveries"), "ok")
        << output(fixed, "check.webhook_deliveries.detail");
}

// jodo.database.migrate = no (what host-sim check sets): starting verifies
// the module's tables and creates none; a database that has them starts.
TEST_P(ReadinessCheck, WithoutMigratingTheModuleOnlyVerifiesItsTables) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    acceptance::HarnessOptions verify_only;
    verify_only.settings = {{"jodo.database.migrate", "no"}};
    auto readable = [](LifecycleHarness& h, const std::string& table) {
        try {
            int rows = 0;
            h.erp().session() << "SELECT COUNT(*) FROM " + table, Poco::Data::Keywords::into(rows),
                Poco::Data::Keywords::now;
            return true;
        } catch (const std::exception&) {
            return false;
        }
    };
    {
        LifecycleHarness h(db.connection_string(), verify_only);
        EXPECT_NE(h.plugin_start_error().find("the module's tables are missing in "),
                  std::string::npos)
            << h.plugin_start_error();
        EXPECT_NE(h.plugin_start_error().find("run host-sim init"), std::string::npos);
        EXPECT_FALSE(readable(h, "jodo_collections"));
        EXPECT_FALSE(readable(h, "jodo_schema_migrations"));
    }
    {
        LifecycleHarness migrated(db.connection_string());
        ASSERT_EQ(migrated.plugin_start_error(), "");
    }
    LifecycleHarness h(db.connection_string(), verify_only);
    EXPECT_EQ(h.plugin_start_error(), "");
    EXPECT_EQ(output(h.batch("check"), "check.module_tables"), "ok");
}

INSTANTIATE_TEST_SUITE_P(Databases, ReadinessCheck,
                         testing::Values("sqlite", "postgresql", "mariadb"),
                         [](const auto& info) { return info.param; });
