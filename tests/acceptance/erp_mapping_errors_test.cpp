// A wrong ERP mapping stops the start (or the one collect) with a
// configuration error that names the setting and what is wrong; nothing is
// sent to Jodo and nothing is written.
#include <gtest/gtest.h>

#include "support/ErpDatabases.hpp"
#include "support/ErpProfileCases.hpp"
#include "support/LifecycleHarness.hpp"

using acceptance::ErpDatabase;
using acceptance::LifecycleHarness;

namespace {
class ErpMappingErrors : public testing::TestWithParam<std::string> {
  protected:
    // The home-grown school's statements with `key` replaced by `sql`.
    std::string start_error_with(const std::string& connection, const std::string& key,
                                 const std::string& sql) {
        acceptance::HarnessOptions options;
        options.settings = acceptance::home_grown_statements();
        options.settings[key] = sql;
        acceptance::prepare_erp(connection, acceptance::erp_profile_case("home-grown"));
        h = std::make_unique<LifecycleHarness>(connection, options);
        return h->plugin_start_error();
    }
    std::unique_ptr<LifecycleHarness> h;
};

void expect_mentions(const std::string& text, const std::vector<std::string>& words) {
    for (const auto& w : words)
        EXPECT_NE(text.find(w), std::string::npos) << "\"" << w << "\" not in: " << text;
}
}  // namespace

TEST_P(ErpMappingErrors, AMissingColumnStopsTheStart) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    const std::string error = start_error_with(
        db.connection_string(), "jodo.erp.invoice",
        "SELECT b.bill_no AS invoice_id, g.full_name AS payer_name, g.mobile AS phone, "
        "g.mail AS email FROM fee_bills b JOIN guardians g ON g.guardian_code = b.guardian_code "
        "WHERE b.bill_no = :invoice_id");
    expect_mentions(error, {"config", "jodo.erp.invoice", "amount_due"});
}

TEST_P(ErpMappingErrors, AWrongTableOrColumnStopsTheStart) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    expect_mentions(start_error_with(db.connection_string(), "jodo.erp.on_paid",
                                     "UPDATE fee_bils SET balance = balance - :paid_amount "
                                     "WHERE bill_no = :invoice_id"),
                    {"jodo.erp.on_paid", "fee_bils"});
}

TEST_P(ErpMappingErrors, AWrongColumnInAWriteBackStopsTheStart) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    expect_mentions(start_error_with(db.connection_string(), "jodo.erp.on_status",
                                     "UPDATE fee_bills SET gateway_stat = :status "
                                     "WHERE bill_no = :invoice_id"),
                    {"jodo.erp.on_status", "gateway_stat"});
}

TEST_P(ErpMappingErrors, AnUnknownPlaceholderStopsTheStart) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    expect_mentions(start_error_with(db.connection_string(), "jodo.erp.on_order",
                                     "UPDATE fee_bills SET gateway_ref = :order_number "
                                     "WHERE bill_no = :invoice_id"),
                    {"jodo.erp.on_order", ":order_number"});
}

TEST_P(ErpMappingErrors, AnUnknownProfileStopsTheStart) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    expect_mentions(start_error_with(db.connection_string(), "jodo.erp.profile", "erpnxt"),
                    {"jodo.erp.profile", "erpnxt", "erpnext-fees"});
}

TEST_P(ErpMappingErrors, AnInvoiceStatementReturningTwoRowsRefusesTheCollect) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    // Matched by pupil instead of bill: both of the pupil's bills come back.
    const std::string error = start_error_with(
        db.connection_string(), "jodo.erp.invoice",
        "SELECT b.bill_no AS invoice_id, g.full_name AS payer_name, g.mobile AS phone, "
        "g.mail AS email, b.balance AS amount_due "
        "FROM fee_bills b JOIN guardians g ON g.guardian_code = b.guardian_code "
        "WHERE b.roll_no = (SELECT roll_no FROM fee_bills WHERE bill_no = :invoice_id)");
    ASSERT_EQ(error, "");
    auto result = h->collect("B/26/0001");
    EXPECT_EQ(result.status.code, erp_plugin::StatusCode::config);
    expect_mentions(result.status.message, {"jodo.erp.invoice", "2 rows"});
    EXPECT_EQ(h->sandbox().api_request_count(), 0u);
    EXPECT_TRUE(h->collections("B/26/0001").empty());
}

INSTANTIATE_TEST_SUITE_P(Databases, ErpMappingErrors,
                         testing::Values("sqlite", "postgresql", "mariadb"),
                         [](const auto& info) { return info.param; });
