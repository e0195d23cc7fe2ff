// An invoice whose amount changes after Jodo has a payable order or link for
// it: the old one is withdrawn before a new one exists, and money that still
// lands on the old one is recorded and flagged, never dropped.
#include <gtest/gtest.h>

#include "host_sim/http/CheckoutPayer.hpp"
#include "support/ErpDatabases.hpp"
#include "support/LifecycleHarness.hpp"

using acceptance::ErpDatabase;
using acceptance::LifecycleHarness;
using acceptance::output;
using namespace Poco::Data::Keywords;

namespace {
void change_line_amount(LifecycleHarness& h, const std::string& invoice, int line_no,
                        const std::string& amount) {
    std::string id = invoice, value = amount;
    h.erp().session()
        << "UPDATE erp_invoice_lines SET amount = ? WHERE invoice_id = ? AND line_no = ?",
        use(value), use(id), use(line_no), now;
    // The ERP recomputes what is owed, as an accountant's correction does.
    h.erp().session() << "UPDATE erp_invoices SET outstanding_amount = (SELECT SUM(amount) FROM "
                         "erp_invoice_lines l WHERE l.invoice_id = erp_invoices.invoice_id) "
                         "WHERE invoice_id = ?",
        use(id), now;
}

int payable_at_jodo(LifecycleHarness& h, const std::vector<acceptance::StoredCollection>& rows) {
    int payable = 0;
    for (const auto& row : rows)
        if (!row.order_id.empty() && h.sandbox().find(row.order_id)->status == "unpaid")
            ++payable;
    return payable;
}
}  // namespace

class ChangedInvoice : public testing::TestWithParam<std::string> {};

TEST_P(ChangedInvoice, OldLinkIsCancelledBeforeTheNewOneIsSent) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    LifecycleHarness h(db.connection_string());
    const std::string invoice = h.add_invoice(LifecycleHarness::sample("INV-C1"));
    const std::string old_link = output(h.action("send_link", invoice), "order_id");
    // Same invoice, same amounts: the same link comes back.
    EXPECT_EQ(output(h.action("send_link", invoice), "order_id"), old_link);

    change_line_amount(h, invoice, 2, "5200.50");  // a transport fee waiver of 1000.00
    auto resent = h.action("send_link", invoice);
    ASSERT_TRUE(resent.status.ok()) << resent.status.message;
    const std::string new_link = output(resent, "order_id");
    EXPECT_NE(new_link, old_link);
    EXPECT_EQ(output(resent, "amount"), "47700.50");
    EXPECT_EQ(h.sandbox().find(old_link)->status, "cancelled");
    EXPECT_EQ(h.sandbox().find(new_link)->total(), 4770050);

    auto rows = h.collections(invoice);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(payable_at_jodo(h, rows), 1);
    EXPECT_EQ(rows[0].order_id, new_link);
    EXPECT_EQ(rows[0].active, 1);
    EXPECT_EQ(rows[1].active, 0);
    EXPECT_TRUE(rows[1].status == "cancelled" || rows[1].status == "superseded") << rows[1].status;
}

TEST_P(ChangedInvoice, PaymentOnASupersededOrderIsRecordedAndFlaggedForRefund) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    LifecycleHarness h(db.connection_string());
    const std::string invoice = h.add_invoice(LifecycleHarness::sample("INV-C2"));
    auto first = h.collect(invoice);
    const std::string old_order = output(first, "order_id");
    change_line_amount(h, invoice, 1, "40000.00");
    auto second = h.collect(invoice);
    ASSERT_TRUE(second.status.ok()) << second.status.message;
    const std::string new_order = output(second, "order_id");
    ASSERT_NE(new_order, old_order);
    auto rows = h.collections(invoice);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[1].status, "superseded");  // a Pay Order cannot be cancelled at Jodo
    EXPECT_NE(rows[1].review_reason.find("invoice changed from 48700.50 to 46200.50"),
              std::string::npos)
        << rows[1].review_reason;

    // The payer still pays the old order's page, then the new one.
    host_sim::pay_at_checkout(output(first, "redirect_url"));
    host_sim::pay_at_checkout(output(second, "redirect_url"));
    h.advance_clock_s(31);
    h.batch("reconcile");
    rows = h.collections(invoice);
    const auto& current = rows[0].order_id == new_order ? rows[0] : rows[1];
    const auto& old = rows[0].order_id == new_order ? rows[1] : rows[0];
    EXPECT_EQ(current.status, "paid");
    EXPECT_EQ(current.active, 1);
    EXPECT_EQ(old.status, "paid");
    EXPECT_EQ(old.active, 0);
    EXPECT_NE(old.review_reason.find("duplicate payment"), std::string::npos) << old.review_reason;
    EXPECT_NE(old.review_reason.find("refund needed"), std::string::npos);
}

TEST_P(ChangedInvoice, LinkPaidBeforeTheChangeIsNotReplaced) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    LifecycleHarness h(db.connection_string());
    const std::string invoice = h.add_invoice(LifecycleHarness::sample("INV-C3"));
    const std::string link = output(h.action("send_link", invoice), "order_id");
    h.sandbox().pay(link);  // paid, but the ERP has not heard yet
    change_line_amount(h, invoice, 1, "40000.00");
    const auto creates = h.sandbox().create_count();
    auto result = h.action("send_link", invoice);
    EXPECT_TRUE(result.status.ok()) << result.status.message;
    EXPECT_NE(output(result, "message").find("was paid on its old link"), std::string::npos)
        << output(result, "message");
    EXPECT_EQ(h.sandbox().create_count(), creates);  // nothing new sent
    EXPECT_EQ(h.collections(invoice)[0].status, "paid");
}

INSTANTIATE_TEST_SUITE_P(Databases, ChangedInvoice,
                         testing::Values("sqlite", "postgresql", "mariadb"),
                         [](const auto& info) { return info.param; });
