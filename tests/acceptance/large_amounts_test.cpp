// Amounts read from the ERP through ODBC arrive at Jodo to the paisa, at the
// top of DECIMAL(14,2); what cannot be stored is refused before anything is sent.
#include <gtest/gtest.h>

#include "jodo/api/money.hpp"

#include "support/ErpDatabases.hpp"
#include "support/LifecycleHarness.hpp"

using acceptance::ErpDatabase;
using acceptance::LifecycleHarness;
using acceptance::output;

class LargeAmounts : public testing::TestWithParam<std::string> {};

TEST_P(LargeAmounts, ErpAmountsReachJodoToThePaisa) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    LifecycleHarness h(db.connection_string());
    for (const auto& [amount, paise] :
         std::vector<std::pair<std::string, jodo::Paise>>{{"123456789012.34", 12345678901234},
                                                          {"10000000000.01", 1000000000001},
                                                          {"999999999999.99", 99999999999999}}) {
        auto sample = LifecycleHarness::sample("INV-BIG-" + std::to_string(paise));
        sample.lines = {{"TUITION_FEE", amount}};
        const std::string invoice = h.add_invoice(sample);
        auto collected = h.collect(invoice);
        ASSERT_TRUE(collected.status.ok()) << amount << ": " << collected.status.message;
        auto sent = h.sandbox().find(output(collected, "order_id"));
        ASSERT_TRUE(sent);
        EXPECT_EQ(sent->total(), paise) << amount;
        EXPECT_EQ(output(collected, "amount"), amount);
    }
}

TEST_P(LargeAmounts, AnAmountOwedBeyondDecimal14_2IsRefusedBeforeSending) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    acceptance::HarnessOptions options;
    // Three lines of 999,999,999,999.99 owed in full: more than the module can store.
    options.settings = {
        {"jodo.erp.invoice",
         "SELECT i.invoice_id, p.name AS payer_name, p.phone, p.email, "
         "'2999999999999.97' AS amount_due FROM erp_invoices i "
         "JOIN erp_payers p ON p.payer_id = i.payer_id WHERE i.invoice_id = :invoice_id"}};
    LifecycleHarness h(db.connection_string(), options);
    ASSERT_EQ(h.plugin_start_error(), "");
    const std::string invoice = h.add_invoice(LifecycleHarness::sample("INV-HUGE"));
    auto result = h.collect(invoice);
    EXPECT_EQ(result.status.code, erp_plugin::StatusCode::invalid_input) << result.status.message;
    EXPECT_NE(result.status.message.find("amount_due"), std::string::npos) << result.status.message;
    EXPECT_EQ(h.sandbox().api_request_count(), 0u);
    auto stored = h.collections(invoice);
    ASSERT_EQ(stored.size(), 1u);
    EXPECT_EQ(stored[0].status, "rejected");
}

INSTANTIATE_TEST_SUITE_P(Databases, LargeAmounts,
                         testing::Values("sqlite", "postgresql", "mariadb"),
                         [](const auto& info) { return info.param; });
