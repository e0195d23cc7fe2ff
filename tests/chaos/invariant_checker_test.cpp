// The invariant checker on hand-made data (a real SQLite database through its
// ODBC driver, and a hand-made view of Jodo): a consistent ledger passes, and
// each kind of damage is reported with its invoice.
#include <optional>

#include <Poco/Nullable.h>
#include <gtest/gtest.h>

#include "chaos/InvariantChecker.hpp"
#include "erp_sql/Migrator.hpp"
#include "host_sim/cli/LifecycleDemo.hpp"
#include "host_sim/erp/ReferenceErp.hpp"
#include "support/TempDir.hpp"

using namespace Poco::Data::Keywords;

namespace {

using chaos::InvariantChecker;
using chaos::InvariantReport;
using chaos::JodoOrderView;
using Text = Poco::Nullable<std::string>;

Text text(const std::string& s) {
    return s.empty() ? Text() : Text(s);
}

class InvariantCheckerTest : public ::testing::Test {
  protected:
    void SetUp() override {
        connection_ = host_sim::sqlite_connection_string(dir_.path() / "erp.db");
        erp_ = std::make_unique<host_sim::ReferenceErp>(connection_);
        erp_->migrate();
        erp_sql::Migrator(erp_->session(), erp_sql::Dialect::sqlite, "jodo").migrate();
    }

    // An invoice of two lines, 600.25 + 400.25 = 1000.50.
    void invoice(const std::string& id) {
        host_sim::SampleInvoice inv;
        inv.invoice_id = id;
        inv.payer_id = "P-" + id;
        inv.payer_name = "Asha Rao";
        inv.phone = "9876543210";
        inv.email = "asha@example.com";
        inv.lines = {{"TUITION_FEE", "600.25"}, {"LAB_FEE", "400.25"}};
        erp_->add_invoice(inv);
    }

    void collection(const std::string& collection_id, const std::string& invoice_id,
                    const std::string& status, int active, const std::string& amount,
                    const std::string& order_id = "", const std::string& transaction_id = "",
                    const std::string& error_reason = "", const std::string& review_reason = "") {
        auto& s = erp_->session();
        std::string id = collection_id, inv = invoice_id, st = status, amt = amount;
        short act = static_cast<short>(active);
        Text order = text(order_id), txn = text(transaction_id), error = text(error_reason),
             review = text(review_reason);
        std::string kind = "order", at = "2026-11-24T10:00:00.000Z";
        s << "INSERT INTO jodo_collections (collection_id, invoice_id, kind, status, active, "
             "amount, order_id, transaction_id, error_reason, review_reason, created_at, "
             "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            use(id), use(inv), use(kind), use(st), use(act), use(amt), use(order), use(txn),
            use(error), use(review), use(at), use(at), now;
    }

    // Lines as the plugin writes them; paid amounts and UTRs when given.
    void lines(const std::string& collection_id, std::optional<std::string> paid1,
               std::optional<std::string> paid2, const std::string& utr = "") {
        auto& s = erp_->session();
        std::string id = collection_id;
        const std::vector<std::tuple<int, std::string, std::string, std::optional<std::string>>>
            rows = {{1, "TUITION_FEE", "600.25", paid1}, {2, "LAB_FEE", "400.25", paid2}};
        for (const auto& [no, component, amount, paid] : rows) {
            int line_no = no;
            std::string c = component, a = amount;
            Text p = paid ? Text(*paid) : Text(),
                 u = text(utr.empty() ? "" : utr + std::to_string(no));
            s << "INSERT INTO jodo_collection_lines (collection_id, line_no, component_type, "
                 "amount, paid_amount, settlement_utr) VALUES (?, ?, ?, ?, ?, ?)",
                use(id), use(line_no), use(c), use(a), use(p), use(u), now;
        }
    }

    static JodoOrderView order(const std::string& order_id, const std::string& status,
                               const std::string& invoice, const std::string& collection_id,
                               const std::string& utr = "") {
        JodoOrderView o;
        o.order_id = order_id;
        o.status = status;
        o.invoice_id = invoice;
        o.collection_id = collection_id;
        o.transaction_id = status == "paid" ? "trans_" + order_id : "";
        o.lines = {{60025, utr.empty() ? "" : utr + "1"}, {40025, utr.empty() ? "" : utr + "2"}};
        return o;
    }

    // A settled invoice, fully consistent.
    void settled_invoice(const std::string& id, std::vector<JodoOrderView>& jodo) {
        invoice(id);
        collection("c-" + id, id, "settled", 1, "1000.50", "order_" + id, "trans_order_" + id);
        lines("c-" + id, "600.25", "400.25", "UTR" + id);
        jodo.push_back(order("order_" + id, "paid", id, "c-" + id, "UTR" + id));
    }

    InvariantReport check(const std::vector<JodoOrderView>& jodo) {
        return InvariantChecker(connection_, "INV-").check(jodo);
    }

    static bool names(const InvariantReport& r, const std::string& invariant,
                      const std::string& invoice) {
        for (const auto& v : r.violations)
            if (v.invariant == invariant && v.invoice_id == invoice)
                return true;
        return false;
    }

    testing_support::TempDir dir_;
    std::string connection_;
    std::unique_ptr<host_sim::ReferenceErp> erp_;
};

TEST_F(InvariantCheckerTest, AConsistentLedgerHoldsEveryInvariant) {
    std::vector<JodoOrderView> jodo;
    settled_invoice("INV-1", jodo);
    // Paid, not yet settled.
    invoice("INV-2");
    collection("c-2", "INV-2", "paid", 1, "1000.50", "order_2", "trans_order_2");
    lines("c-2", "600.25", "400.25");
    jodo.push_back(order("order_2", "paid", "INV-2", "c-2"));
    // Unpaid.
    invoice("INV-3");
    collection("c-3", "INV-3", "unpaid", 1, "1000.50", "order_3");
    lines("c-3", std::nullopt, std::nullopt);
    jodo.push_back(order("order_3", "unpaid", "INV-3", "c-3"));
    // Refused before anything was sent.
    invoice("INV-4");
    collection("c-4", "INV-4", "rejected", 0, "1000.50", "", "", "payer.phone is missing");
    // The create's answer was lost; Jodo made the order and it was paid, but
    // no event named it: unresolved and flagged, not lost.
    invoice("INV-5");
    collection("c-5", "INV-5", "unknown", 1, "1000.50", "", "", "the answer was lost");
    lines("c-5", std::nullopt, std::nullopt);
    jodo.push_back(order("order_5", "paid", "INV-5", "c-5"));

    const auto r = check(jodo);
    for (const auto& v : r.violations)
        ADD_FAILURE() << v.invariant << " " << v.invoice_id << ": " << v.detail;
    EXPECT_TRUE(r.ok());
    EXPECT_EQ(r.invoices, 5);
    EXPECT_EQ(r.jodo_paid, 3);
    EXPECT_EQ(r.jodo_settled, 1);
    EXPECT_EQ(r.paid_reflected, 2);
    EXPECT_EQ(r.unresolved_flagged, 1);
    EXPECT_EQ(r.lost, 0);
    EXPECT_EQ(r.jodo_paid_total, 3 * 100050);
    EXPECT_EQ(r.db_paid_total, 2 * 100050);
    EXPECT_EQ(r.unresolved_total, 100050);
}

TEST_F(InvariantCheckerTest, AnOrderPaidAtJodoButUnpaidInTheDatabaseIsLost) {
    std::vector<JodoOrderView> jodo;
    settled_invoice("INV-1", jodo);
    invoice("INV-2");
    collection("c-2", "INV-2", "unpaid", 1, "1000.50", "order_2");
    lines("c-2", std::nullopt, std::nullopt);
    jodo.push_back(order("order_2", "paid", "INV-2", "c-2"));

    const auto r = check(jodo);
    EXPECT_FALSE(r.ok());
    EXPECT_TRUE(names(r, "i", "INV-2"));
    EXPECT_FALSE(names(r, "i", "INV-1"));
    EXPECT_EQ(r.lost, 1);
    // Jodo's total no longer equals the database's.
    EXPECT_TRUE(names(r, "ii", "(all)"));
}

TEST_F(InvariantCheckerTest, APaidOrderTheDatabaseNeverLearnedOfIsLostUnlessFlagged) {
    std::vector<JodoOrderView> jodo;
    invoice("INV-1");
    // 'failed' claims no order exists, yet Jodo holds a paid one for it.
    collection("c-1", "INV-1", "failed", 0, "1000.50", "", "", "Jodo refused");
    lines("c-1", std::nullopt, std::nullopt);
    jodo.push_back(order("order_1", "paid", "INV-1", "c-1"));

    const auto r = check(jodo);
    EXPECT_TRUE(names(r, "i", "INV-1"));
    EXPECT_EQ(r.lost, 1);
    EXPECT_EQ(r.unresolved_flagged, 0);
}

TEST_F(InvariantCheckerTest, APaymentInTheDatabaseThatJodoDoesNotReportIsDetected) {
    std::vector<JodoOrderView> jodo;
    invoice("INV-1");
    collection("c-1", "INV-1", "paid", 1, "1000.50", "order_1", "trans_order_1");
    lines("c-1", "600.25", "400.25");
    jodo.push_back(order("order_1", "unpaid", "INV-1", "c-1"));

    const auto r = check(jodo);
    EXPECT_TRUE(names(r, "i", "INV-1"));
}

TEST_F(InvariantCheckerTest, ASumMismatchIsDetectedToThePaisa) {
    std::vector<JodoOrderView> jodo;
    settled_invoice("INV-1", jodo);
    invoice("INV-2");
    collection("c-2", "INV-2", "paid", 1, "1000.50", "order_2", "trans_order_2");
    // One paisa short on line 2.
    lines("c-2", "600.25", "400.24");
    jodo.push_back(order("order_2", "paid", "INV-2", "c-2"));

    const auto r = check(jodo);
    EXPECT_FALSE(r.ok());
    EXPECT_TRUE(names(r, "ii", "INV-2"));
    EXPECT_FALSE(names(r, "ii", "INV-1"));
    EXPECT_TRUE(names(r, "ii", "(all)"));
    EXPECT_EQ(r.jodo_paid_total - r.db_paid_total, 1);
}

TEST_F(InvariantCheckerTest, TwoActiveCollectionsForOneInvoiceAreDetected) {
    // The partial unique index forbids this; the checker does not rely on it.
    erp_->session() << "DROP INDEX jodo_collections_one_active", now;
    std::vector<JodoOrderView> jodo;
    invoice("INV-1");
    collection("c-1a", "INV-1", "unpaid", 1, "1000.50", "order_1a");
    lines("c-1a", std::nullopt, std::nullopt);
    collection("c-1b", "INV-1", "unpaid", 1, "1000.50", "order_1b");
    lines("c-1b", std::nullopt, std::nullopt);
    jodo.push_back(order("order_1a", "unpaid", "INV-1", "c-1a"));
    jodo.push_back(order("order_1b", "unpaid", "INV-1", "c-1b"));

    const auto r = check(jodo);
    EXPECT_TRUE(names(r, "iii", "INV-1"));
    // Two active, two orders at Jodo, two payable: each reported.
    EXPECT_EQ(r.violations_of("iii"), 3);
}

TEST_F(InvariantCheckerTest, TwoOrdersAtJodoAreAllowedOnlyWhenFlaggedForReview) {
    std::vector<JodoOrderView> jodo;
    invoice("INV-1");
    collection("c-1a", "INV-1", "superseded", 0, "1000.50", "order_1a", "", "",
               "invoice changed; replaced by a new order");
    lines("c-1a", std::nullopt, std::nullopt);
    collection("c-1b", "INV-1", "unpaid", 1, "1000.50", "order_1b");
    lines("c-1b", std::nullopt, std::nullopt);
    jodo.push_back(order("order_1a", "unpaid", "INV-1", "c-1a"));
    jodo.push_back(order("order_1b", "unpaid", "INV-1", "c-1b"));
    invoice("INV-2");
    collection("c-2a", "INV-2", "unpaid", 1, "1000.50", "order_2a");
    lines("c-2a", std::nullopt, std::nullopt);
    // A second order at Jodo naming INV-2 that the database tracks as a
    // failed, reasonless attempt.
    collection("c-2b", "INV-2", "expired", 0, "1000.50", "order_2b");
    lines("c-2b", std::nullopt, std::nullopt);
    jodo.push_back(order("order_2a", "unpaid", "INV-2", "c-2a"));
    jodo.push_back(order("order_2b", "unpaid", "INV-2", "c-2b"));

    const auto r = check(jodo);
    EXPECT_FALSE(names(r, "iii", "INV-1"));
    EXPECT_TRUE(names(r, "iii", "INV-2"));
}

TEST_F(InvariantCheckerTest, ARowLeftInCreatingIsDetected) {
    std::vector<JodoOrderView> jodo;
    settled_invoice("INV-1", jodo);
    invoice("INV-2");
    // Even with a reason: 'creating' means no outcome was ever recorded.
    collection("c-2", "INV-2", "creating", 1, "1000.50", "", "", "in flight");
    lines("c-2", std::nullopt, std::nullopt);

    const auto r = check(jodo);
    EXPECT_FALSE(r.ok());
    EXPECT_TRUE(names(r, "iv", "INV-2"));
    EXPECT_EQ(r.violations.size(), 1u);
}

TEST_F(InvariantCheckerTest, AnUnknownOutcomeWithoutAReasonIsDetected) {
    std::vector<JodoOrderView> jodo;
    invoice("INV-1");
    collection("c-1", "INV-1", "unknown", 1, "1000.50");
    lines("c-1", std::nullopt, std::nullopt);

    const auto r = check(jodo);
    EXPECT_TRUE(names(r, "iv", "INV-1"));
}

TEST_F(InvariantCheckerTest, AnInvoiceNeverCollectedIsDetected) {
    std::vector<JodoOrderView> jodo;
    settled_invoice("INV-1", jodo);
    invoice("INV-2");

    const auto r = check(jodo);
    EXPECT_TRUE(names(r, "iv", "INV-2"));
    EXPECT_EQ(r.violations.size(), 1u);
}

TEST_F(InvariantCheckerTest, OtherInvoicesInTheDatabaseAreNotLookedAt) {
    std::vector<JodoOrderView> jodo;
    settled_invoice("INV-1", jodo);
    invoice("OTHER-1");  // never collected, but not ours

    const auto r = check(jodo);
    EXPECT_TRUE(r.ok());
    EXPECT_EQ(r.invoices, 1);
}

}  // namespace
