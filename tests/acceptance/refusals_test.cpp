// What must not happen: an invalid invoice reaching Jodo, or a failed create
// leaving a half-written collection behind.
#include <gtest/gtest.h>

#include "jodo/api/money.hpp"
#include "support/ErpDatabases.hpp"
#include "support/LifecycleHarness.hpp"

using acceptance::ErpDatabase;
using acceptance::LifecycleHarness;

class Refusals : public testing::TestWithParam<std::string> {};

TEST_P(Refusals, WrongCredentialsRecordAClearErrorAndNothingHalfWritten) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    std::string invoice;
    {
        LifecycleHarness h(db.connection_string(), "wrong_secret");
        ASSERT_EQ(h.plugin_start_error(), "");
        const std::string id = h.add_invoice(LifecycleHarness::sample("INV-CRED"));
        auto result = h.collect(id);
        EXPECT_EQ(result.status.code, erp_plugin::StatusCode::rejected);
        EXPECT_NE(result.status.message.find("check the Jodo credentials"), std::string::npos)
            << result.status.message;
        EXPECT_EQ(h.sandbox().create_count(), 0u);
        EXPECT_EQ(h.sandbox().api_request_count(), 1u)
            << result.status.message;  // 401 is never retried

        auto stored = h.collections(id);
        ASSERT_EQ(stored.size(), 1u);
        EXPECT_EQ(stored[0].status, "failed");
        EXPECT_EQ(stored[0].active, 0);
        EXPECT_EQ(stored[0].order_id, "");
        EXPECT_EQ(stored[0].redirect_url, "");
        EXPECT_EQ(stored[0].error_code, "unauthorized");
        EXPECT_NE(stored[0].error_reason.find("API key and secret"), std::string::npos);
        // The ERP's own invoice is exactly as it was.
        auto amounts = h.invoice_line_amounts(id);
        EXPECT_EQ(amounts.size(), 2u);
        EXPECT_EQ(jodo::parse_rupees(amounts[0]), 4250000);
        invoice = id;
    }
    // Once the administrator fixes the secret, the same invoice collects.
    LifecycleHarness fixed(db.connection_string());
    auto retried = fixed.collect(invoice);
    // (The invoice belongs to the first harness's prefix; it is in the same database.)
    ASSERT_TRUE(retried.status.ok()) << retried.status.message;
    EXPECT_EQ(fixed.collections(invoice)[0].status, "unpaid");
}

TEST_P(Refusals, MissingPhoneIsRefusedBeforeAnythingIsSent) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    LifecycleHarness h(db.connection_string());
    auto sample = LifecycleHarness::sample("INV-NOPHONE");
    sample.phone = "";
    const std::string invoice = h.add_invoice(sample);
    auto result = h.collect(invoice);
    EXPECT_EQ(result.status.code, erp_plugin::StatusCode::invalid_input);
    EXPECT_NE(result.status.message.find("payer.phone is missing"), std::string::npos)
        << result.status.message;
    EXPECT_EQ(h.sandbox().api_request_count(), 0u);
    auto stored = h.collections(invoice);
    ASSERT_EQ(stored.size(), 1u);
    EXPECT_EQ(stored[0].status, "rejected");
    EXPECT_EQ(stored[0].active, 0);
    EXPECT_EQ(stored[0].error_reason, "payer.phone is missing");
    // Clicking again refuses again, without piling up identical rows.
    EXPECT_EQ(h.collect(invoice).status.code, erp_plugin::StatusCode::invalid_input);
    EXPECT_EQ(h.collections(invoice).size(), 1u);
}

TEST_P(Refusals, ZeroAmountIsRefusedBeforeAnythingIsSent) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    LifecycleHarness h(db.connection_string());
    auto sample = LifecycleHarness::sample("INV-ZERO");
    sample.lines = {{"TUITION_FEE", "0.00"}};
    const std::string invoice = h.add_invoice(sample);
    auto result = h.collect(invoice);
    EXPECT_EQ(result.status.code, erp_plugin::StatusCode::invalid_input);
    EXPECT_NE(result.status.message.find("has nothing owed"), std::string::npos)
        << result.status.message;
    EXPECT_EQ(h.sandbox().api_request_count(), 0u);
    // Nothing asked, so nothing recorded and nothing written into the ERP.
    EXPECT_TRUE(h.collections(invoice).empty());
}

TEST_P(Refusals, AFullyPaidInvoiceIsNotSentAgain) {
    // 25,000 invoiced, all of it already received at the school's counter.
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    LifecycleHarness h(db.connection_string());
    auto sample = LifecycleHarness::sample("INV-PAIDCOUNTER");
    sample.outstanding = "0.00";
    const std::string invoice = h.add_invoice(sample);
    auto result = h.collect(invoice);
    EXPECT_EQ(result.status.code, erp_plugin::StatusCode::invalid_input);
    EXPECT_EQ(h.sandbox().api_request_count(), 0u);
}

TEST_P(Refusals, UnknownInvoiceIsNotFound) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    LifecycleHarness h(db.connection_string());
    auto result = h.collect("NO-SUCH-INVOICE-" + acceptance::unique_prefix());
    EXPECT_EQ(result.status.code, erp_plugin::StatusCode::not_found);
    EXPECT_EQ(h.sandbox().api_request_count(), 0u);
}

TEST_P(Refusals, FixedInvoiceCanBeCollectedAfterARejection) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    LifecycleHarness h(db.connection_string());
    auto sample = LifecycleHarness::sample("INV-FIX");
    sample.phone = "";
    const std::string invoice = h.add_invoice(sample);
    ASSERT_FALSE(h.collect(invoice).status.ok());
    // The accountant corrects the payer's phone in the ERP.
    std::string phone = "9876543210", id = invoice;
    h.erp().session() << "UPDATE erp_payers SET phone = ? WHERE payer_id = "
                         "(SELECT payer_id FROM erp_invoices WHERE invoice_id = ?)",
        Poco::Data::Keywords::use(phone), Poco::Data::Keywords::use(id), Poco::Data::Keywords::now;
    auto result = h.collect(invoice);
    ASSERT_TRUE(result.status.ok()) << result.status.message;
    auto stored = h.collections(invoice);
    ASSERT_EQ(stored.size(), 2u);
    EXPECT_EQ(stored[0].status, "unpaid");
}

TEST_P(Refusals, ATypoInTheSettingsStopsTheStartNamingTheKey) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    acceptance::HarnessOptions options;
    options.settings = {{"jodo.webhook.secert", "change-me"}};
    LifecycleHarness h(db.connection_string(), options);
    EXPECT_NE(h.plugin_start_error().find("jodo.webhook.secert"), std::string::npos)
        << h.plugin_start_error();
}

INSTANTIATE_TEST_SUITE_P(Databases, Refusals, testing::Values("sqlite", "postgresql", "mariadb"),
                         [](const auto& info) { return info.param; });
