// Every ERP mapping profile, and a home-grown schema configured from the
// README alone, through the whole lifecycle on each database: the ERP's own
// rows show the order, the status, exactly one payment however often Jodo
// tells us, what is still owed, and the settlement of each line.
#include <gtest/gtest.h>

#include <thread>

#include "host_sim/http/CheckoutPayer.hpp"
#include "jodo/api/money.hpp"
#include "support/ErpDatabases.hpp"
#include "support/ErpFixtures.hpp"
#include "support/ErpProfileCases.hpp"
#include "support/LifecycleHarness.hpp"

using acceptance::erp_scalar;
using acceptance::ErpDatabase;
using acceptance::ErpProfileCase;
using acceptance::LifecycleHarness;
using acceptance::output;

namespace {
struct Param {
    std::string profile;
    std::string dialect;
};

void PrintTo(const Param& p, std::ostream* os) {
    *os << p.profile << " on " << p.dialect;
}

std::string name_of(const testing::TestParamInfo<Param>& info) {
    std::string n = info.param.profile + "_" + info.param.dialect;
    for (auto& c : n)
        if (c == '-')
            c = '_';
    return n;
}

std::vector<Param> all_params() {
    std::vector<Param> out;
    for (const auto& c : acceptance::erp_profile_cases())
        for (const char* d : {"sqlite", "postgresql", "mariadb"})
            out.push_back({c.name, d});
    return out;
}

// The cases whose fixture holds a concession bill and a paid one.
std::vector<Param> bill_params() {
    std::vector<Param> out;
    for (const auto& p : all_params())
        if (!acceptance::erp_profile_case(p.profile).concession_invoice.empty())
            out.push_back(p);
    return out;
}

class ErpProfiles : public testing::TestWithParam<Param> {
  protected:
    // A fresh database holding the profile's product-shaped tables, and the
    // host with the module started on that profile.
    void start(const std::string& connection) {
        ASSERT_FALSE(acceptance::shared_data_missing(spec, nullptr));
        acceptance::HarnessOptions options;
        options.background = true;
        options.webhook_secret = "profile_whsec";
        options.settings = spec.settings;
        acceptance::prepare_erp(connection, spec);
        h = std::make_unique<LifecycleHarness>(connection, options);
        conn = connection;
    }
    std::string scalar(const std::string& sql, const std::string& invoice) {
        return erp_scalar(conn, sql, invoice).value_or("<null>");
    }
    int count(const std::string& sql, const std::string& invoice) {
        return std::stoi(erp_scalar(conn, sql, invoice).value_or("-1"));
    }

    ErpProfileCase spec = acceptance::erp_profile_case(GetParam().profile);
    std::unique_ptr<LifecycleHarness> h;
    std::string conn;
};
}  // namespace

TEST_P(ErpProfiles, CollectPaySettleChangeTheErpsOwnRowsExactlyOnce) {
    ErpDatabase db(GetParam().dialect);
    ACCEPTANCE_REQUIRE_DATABASE(db);
    ACCEPTANCE_REQUIRE_ERP_FIXTURES(spec);
    start(db.connection_string());
    ASSERT_EQ(h->plugin_start_error(), "");
    const std::string invoice = spec.invoice;

    auto collected = h->collect(invoice);
    ASSERT_TRUE(collected.status.ok()) << collected.status.message;
    const std::string order_id = output(collected, "order_id");
    auto sent = h->sandbox().find(order_id);
    ASSERT_TRUE(sent);
    // What is owed, not what was invoiced; the details add up to it.
    EXPECT_EQ(sent->total(), 1250000);
    ASSERT_EQ(sent->lines.size(), 2u);
    EXPECT_EQ(sent->lines[0].amount, 750000);
    EXPECT_EQ(sent->lines[1].amount, 500000);
    EXPECT_EQ(sent->identifier, spec.student_id);
    EXPECT_EQ(sent->phone, "9845012345");
    bool has_invoice_note = false;
    for (const auto& [key, value] : sent->notes)
        has_invoice_note |= key == "erp_invoice_id" && value == invoice;
    EXPECT_TRUE(has_invoice_note);
    if (!spec.payer_name.empty()) {
        EXPECT_EQ(sent->name, spec.payer_name);
    }
    EXPECT_EQ(scalar(spec.order_id_sql, invoice), order_id);
    EXPECT_EQ(scalar(spec.status_sql, invoice), "unpaid");

    // Jodo tells us about the payment three times: a redelivered webhook, a
    // second event, and our own refresh and reconcile.
    h->sandbox().duplicate_next_webhooks(1);
    host_sim::pay_at_checkout(output(collected, "redirect_url"));
    // Six accountants press Refresh while the webhook worker applies the
    // event: each on its own pooled connection, as two hosts would be.
    std::vector<std::thread> refreshers;
    for (int i = 0; i < 6; ++i)
        refreshers.emplace_back([&] { h->refresh(invoice); });
    for (auto& t : refreshers)
        t.join();
    ASSERT_EQ(h->wait_for_status(invoice, "paid", 10000), "paid");
    h->sandbox().send_event("order.payment.debited", order_id);
    h->sandbox().wait_for_webhooks(5000);
    ASSERT_TRUE(h->refresh(invoice).status.ok());
    h->batch("reconcile");
    h->batch("process_webhooks");
    EXPECT_EQ(scalar(spec.status_sql, invoice), "paid");
    EXPECT_EQ(count(spec.payments_sql, invoice), 1);

    // The ERP's own code posts the queued payment (where the profile queues).
    acceptance::run_erp_posting(conn, spec);
    EXPECT_EQ(jodo::parse_rupees(scalar(spec.outstanding_sql, invoice)), 0)
        << scalar(spec.outstanding_sql, invoice);

    h->sandbox().duplicate_next_webhooks(1);
    const auto utrs = h->sandbox().settle(order_id);
    ASSERT_EQ(utrs.size(), 2u);
    ASSERT_EQ(h->wait_for_status(invoice, "settled", 10000), "settled");
    h->sandbox().wait_for_webhooks(5000);
    ASSERT_TRUE(h->refresh(invoice).status.ok());
    EXPECT_EQ(scalar(spec.status_sql, invoice), "settled");
    EXPECT_EQ(count(spec.settled_lines_sql, invoice), 2);
    EXPECT_EQ(count(spec.payments_sql, invoice), 1);
    acceptance::run_erp_posting(conn, spec);
    EXPECT_EQ(jodo::parse_rupees(scalar(spec.outstanding_sql, invoice)), 0);
}

TEST_P(ErpProfiles, AnExpiredLinkShowsInTheErp) {
    ErpDatabase db(GetParam().dialect);
    ACCEPTANCE_REQUIRE_DATABASE(db);
    ACCEPTANCE_REQUIRE_ERP_FIXTURES(spec);
    start(db.connection_string());
    ASSERT_EQ(h->plugin_start_error(), "");
    auto sent = h->action("send_link", spec.link_invoice);
    ASSERT_TRUE(sent.status.ok()) << sent.status.message;
    const std::string link = output(sent, "order_id");
    EXPECT_EQ(h->sandbox().find(link)->total(), 75050);
    EXPECT_EQ(scalar(spec.order_id_sql, spec.link_invoice), link);
    h->sandbox().expire_now(link);
    ASSERT_EQ(h->wait_for_status(spec.link_invoice, "expired", 10000), "expired");
    EXPECT_EQ(scalar(spec.status_sql, spec.link_invoice), "expired");
    EXPECT_EQ(count(spec.payments_sql, spec.link_invoice), 0);
}

TEST_P(ErpProfiles, BulkCollectionTakesTheOpenInvoicesOfTheProfile) {
    ErpDatabase db(GetParam().dialect);
    ACCEPTANCE_REQUIRE_DATABASE(db);
    ACCEPTANCE_REQUIRE_ERP_FIXTURES(spec);
    start(db.connection_string());
    ASSERT_EQ(h->plugin_start_error(), "");
    auto result = h->batch("collect_all", spec.bulk_filter);
    ASSERT_TRUE(result.status.ok()) << result.status.message;
    EXPECT_EQ(output(result, "invoices"), "2");
    EXPECT_EQ(output(result, "created"), "2");
    EXPECT_EQ(h->sandbox().create_count(), 2u);
    EXPECT_EQ(scalar(spec.status_sql, spec.invoice), "unpaid");
    EXPECT_EQ(scalar(spec.status_sql, spec.link_invoice), "unpaid");
    // A filter the statement does not take is refused, not ignored.
    auto refused = h->batch("collect_all", {{"no_such_filter", "x"}});
    EXPECT_EQ(refused.status.code, erp_plugin::StatusCode::config);
    EXPECT_NE(refused.status.message.find("no_such_filter"), std::string::npos);
    EXPECT_EQ(h->sandbox().create_count(), 2u);
}

// A write-back the ERP refuses takes the module's change of state with it:
// nothing is half-written, and the payment is posted once the ERP accepts it.
TEST(ErpWriteBack, ARefusedWriteBackRollsTheModulesChangeBackAndIsRetried) {
    for (const char* dialect : {"sqlite", "postgresql", "mariadb"}) {
        SCOPED_TRACE(dialect);
        ErpDatabase db(dialect);
        ACCEPTANCE_REQUIRE_DATABASE(db);
        const ErpProfileCase& spec = acceptance::erp_profile_case("home-grown");
        acceptance::prepare_erp(db.connection_string(), spec);
        acceptance::HarnessOptions options;
        options.settings = spec.settings;
        LifecycleHarness h(db.connection_string(), options);
        ASSERT_EQ(h.plugin_start_error(), "");
        const std::string conn = db.connection_string();
        auto scalar = [&](const std::string& sql) {
            return erp_scalar(conn, sql, spec.invoice).value_or("<null>");
        };
        auto collected = h.collect(spec.invoice);
        ASSERT_TRUE(collected.status.ok()) << collected.status.message;
        const std::string order_id = output(collected, "order_id");
        const std::string txn = h.sandbox().pay(order_id);
        // The school's receipt book already has this transaction (say, typed in
        // by hand): its unique index refuses the module's receipt.
        acceptance::run_sql(conn,
                            "CREATE UNIQUE INDEX receipts_by_txn ON money_receipts (txn_ref)");
        acceptance::run_sql(conn,
                            "INSERT INTO money_receipts (receipt_key, bill_no, amount, txn_ref) "
                            "VALUES ('manual-1', 'B/26/0002', 1, '" +
                                txn + "')");
        EXPECT_FALSE(h.refresh(spec.invoice).status.ok());
        EXPECT_EQ(h.collections(spec.invoice)[0].status, "unpaid");
        EXPECT_EQ(scalar(spec.status_sql), "unpaid");
        EXPECT_EQ(jodo::parse_rupees(scalar(spec.outstanding_sql)), 1250000);
        EXPECT_EQ(scalar(spec.payments_sql), "0");

        acceptance::run_sql(conn, "DELETE FROM money_receipts WHERE receipt_key = 'manual-1'");
        ASSERT_TRUE(h.refresh(spec.invoice).status.ok());
        EXPECT_EQ(h.collections(spec.invoice)[0].status, "paid");
        EXPECT_EQ(scalar(spec.status_sql), "paid");
        EXPECT_EQ(scalar(spec.payments_sql), "1");
        EXPECT_EQ(jodo::parse_rupees(scalar(spec.outstanding_sql)), 0);
    }
}

namespace {
class ErpBills : public ErpProfiles {};
}  // namespace

// A concession, sibling discount or scholarship is a negative line: the bill
// still collects exactly what is owed, and no row Jodo gets is negative.
TEST_P(ErpBills, AConcessionLineCollectsExactlyWhatIsOwed) {
    ErpDatabase db(GetParam().dialect);
    ACCEPTANCE_REQUIRE_DATABASE(db);
    ACCEPTANCE_REQUIRE_ERP_FIXTURES(spec);
    start(db.connection_string());
    ASSERT_EQ(h->plugin_start_error(), "");
    auto collected = h->collect(spec.concession_invoice);
    ASSERT_TRUE(collected.status.ok()) << collected.status.message;
    const std::string order_id = output(collected, "order_id");
    auto sent = h->sandbox().find(order_id);
    ASSERT_TRUE(sent);
    EXPECT_EQ(sent->total(), 2300000);
    ASSERT_EQ(sent->lines.size(), 2u);
    EXPECT_EQ(sent->lines[0].amount, 1800000);
    EXPECT_EQ(sent->lines[1].amount, 500000);
    for (const auto& line : sent->lines)
        EXPECT_GT(line.amount, 0);
    EXPECT_EQ(scalar(spec.order_id_sql, spec.concession_invoice), order_id);
    EXPECT_EQ(scalar(spec.status_sql, spec.concession_invoice), "unpaid");
}

// Collect on a bill paid in full: refused with a plain reason, nothing asked
// of Jodo, nothing recorded by the module, nothing written into the ERP.
TEST_P(ErpBills, ABillWithNothingOwedIsRefusedAndNothingIsWritten) {
    ErpDatabase db(GetParam().dialect);
    ACCEPTANCE_REQUIRE_DATABASE(db);
    ACCEPTANCE_REQUIRE_ERP_FIXTURES(spec);
    start(db.connection_string());
    ASSERT_EQ(h->plugin_start_error(), "");
    for (const char* action : {"collect", "send_link"}) {
        auto refused = h->action(action, spec.paid_invoice);
        EXPECT_EQ(refused.status.code, erp_plugin::StatusCode::invalid_input) << action;
        EXPECT_NE(refused.status.message.find("nothing owed"), std::string::npos)
            << refused.status.message;
    }
    EXPECT_EQ(h->sandbox().create_count(), 0u);
    EXPECT_TRUE(h->collections(spec.paid_invoice).empty());
    EXPECT_EQ(scalar(spec.status_sql, spec.paid_invoice), "<null>");
    EXPECT_EQ(scalar(spec.order_id_sql, spec.paid_invoice), "<null>");
}

// The start check is what stops a profile whose statements name a column the
// ERP lacks: proven on the real layouts, with one column taken away.
TEST(RealErpLayouts, AProfileNamingAColumnTheRealLayoutLacksDoesNotStart) {
    const ErpProfileCase& spec = acceptance::erp_profile_case("erpnext-sales-invoice");
    ACCEPTANCE_REQUIRE_ERP_FIXTURES(spec);
    for (const char* dialect : {"sqlite", "postgresql", "mariadb"}) {
        SCOPED_TRACE(dialect);
        ErpDatabase db(dialect);
        ACCEPTANCE_REQUIRE_DATABASE(db);
        acceptance::prepare_erp(db.connection_string(), spec);
        acceptance::run_sql(db.connection_string(),
                            "ALTER TABLE \"tabGuardian\" DROP COLUMN mobile_number");
        acceptance::HarnessOptions options;
        options.settings = spec.settings;
        LifecycleHarness h(db.connection_string(), options);
        EXPECT_NE(h.plugin_start_error().find("jodo.erp.invoice"), std::string::npos)
            << h.plugin_start_error();
        EXPECT_NE(h.plugin_start_error().find("mobile_number"), std::string::npos)
            << h.plugin_start_error();
    }
}

INSTANTIATE_TEST_SUITE_P(Profiles, ErpProfiles, testing::ValuesIn(all_params()), name_of);
INSTANTIATE_TEST_SUITE_P(Profiles, ErpBills, testing::ValuesIn(bill_params()), name_of);
