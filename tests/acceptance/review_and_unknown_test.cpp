// What needs a person: a create whose answer was lost, a payment on a link the
// ERP already saw die, an amount Jodo reports differently, a second payment.
#include <gtest/gtest.h>

#include <thread>

#include "host_sim/http/CheckoutPayer.hpp"
#include "host_sim/sandbox/FaultInjector.hpp"
#include "jodo/api/JodoClient.hpp"
#include "jodo/webhooks/WebhookVerifier.hpp"
#include "support/ErpDatabases.hpp"
#include "support/LifecycleHarness.hpp"

using acceptance::ErpDatabase;
using acceptance::HarnessOptions;
using acceptance::LifecycleHarness;
using acceptance::output;
using jodo::sandbox::Fault;
using jodo::sandbox::FaultKind;

namespace {
std::string only_new_order(LifecycleHarness& h, const std::vector<std::string>& before) {
    for (const auto& id : h.sandbox().order_ids())
        if (std::find(before.begin(), before.end(), id) == before.end())
            return id;
    return {};
}
}  // namespace

class NeedsAPerson : public testing::TestWithParam<std::string> {};

// A payment link whose create answer was lost may still reach a payer (Jodo
// can share a link itself), so it holds the invoice until Jodo names it.
TEST_P(NeedsAPerson, LostLinkAnswerBlocksASecondLinkUntilJodoNamesIt) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    HarnessOptions options;
    options.webhook_secret = "whsec_unknown";
    options.background = true;
    options.settings["jodo.reconcile.interval_ms"] = "0";
    LifecycleHarness h(db.connection_string(), options);
    const std::string invoice = h.add_invoice(LifecycleHarness::sample("INV-U1"));
    const auto before = h.sandbox().order_ids();
    h.sandbox().inject_next(1, Fault{FaultKind::drop_after_commit}, "POST");

    auto first = h.action("send_link", invoice);
    EXPECT_EQ(first.status.code, erp_plugin::StatusCode::outcome_unknown);
    EXPECT_NE(first.status.message.find("Do not collect again"), std::string::npos)
        << first.status.message;
    EXPECT_EQ(h.sandbox().create_count(), 1u);  // Jodo did make the link
    auto stored = h.collections(invoice);
    ASSERT_EQ(stored.size(), 1u);
    EXPECT_EQ(stored[0].status, "unknown");
    EXPECT_EQ(stored[0].active, 1);

    // A second click is refused: never a second link behind an unknown one.
    auto second = h.action("send_link", invoice);
    EXPECT_EQ(second.status.code, erp_plugin::StatusCode::outcome_unknown);
    EXPECT_EQ(h.sandbox().create_count(), 1u);

    // The orphan link is paid (Jodo had sent it to the payer); its webhook
    // carries our collection id in notes, so it is attached and verified.
    const std::string orphan = only_new_order(h, before);
    ASSERT_FALSE(orphan.empty());
    h.sandbox().pay(orphan);
    EXPECT_EQ(h.wait_for_status(invoice, "paid", 10000), "paid");
    EXPECT_EQ(h.collections(invoice)[0].order_id, orphan);
}

// A Pay Order is paid only through the redirect URL its create answers with:
// with the answer lost, nobody can pay it, so the invoice is released at once
// and the next click collects it (docs/guarantees.md).
TEST_P(NeedsAPerson, ALostPayOrderAnswerReleasesTheInvoiceForTheNextClick) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    LifecycleHarness h(db.connection_string());
    const std::string invoice = h.add_invoice(LifecycleHarness::sample("INV-U7"));
    const auto before = h.sandbox().order_ids();
    h.sandbox().inject_next(1, Fault{FaultKind::drop_after_commit}, "POST");

    auto first = h.collect(invoice);
    EXPECT_EQ(first.status.code, erp_plugin::StatusCode::unavailable);
    EXPECT_NE(first.status.message.find("collect it again"), std::string::npos)
        << first.status.message;
    EXPECT_EQ(h.sandbox().create_count(), 1u);
    const std::string orphan = only_new_order(h, before);
    auto stored = h.collections(invoice);
    ASSERT_EQ(stored.size(), 1u);
    EXPECT_EQ(stored[0].status, "abandoned");
    EXPECT_EQ(stored[0].active, 0);
    EXPECT_NE(stored[0].error_reason.find("answer to this order was lost"), std::string::npos)
        << stored[0].error_reason;

    auto again = h.collect(invoice);
    ASSERT_TRUE(again.status.ok()) << again.status.message;
    EXPECT_EQ(output(again, "status"), "unpaid");
    EXPECT_NE(output(again, "order_id"), orphan);
    EXPECT_EQ(h.sandbox().create_count(), 2u);
    stored = h.collections(invoice);
    ASSERT_EQ(stored.size(), 2u);
    EXPECT_EQ(stored[0].active, 1);
    EXPECT_EQ(stored[1].status, "abandoned");
}

TEST_P(NeedsAPerson, AnEventNamingOurCollectionIsBelievedOnlyIfJodoAgrees) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    HarnessOptions options;
    options.settings["jodo.webhook.secret"] = "whsec_claim";
    LifecycleHarness h(db.connection_string(), options);
    const std::string invoice = h.add_invoice(LifecycleHarness::sample("INV-U6"));
    h.sandbox().inject_next(1, Fault{FaultKind::drop_after_commit}, "POST");
    ASSERT_EQ(h.collect(invoice).status.code, erp_plugin::StatusCode::unavailable);
    std::string collection_id;
    std::string id = invoice;
    h.erp().session() << "SELECT collection_id FROM jodo_collections WHERE invoice_id = ?",
        Poco::Data::Keywords::use(id), Poco::Data::Keywords::into(collection_id),
        Poco::Data::Keywords::now;

    // An order some other system made at Jodo (a payment page, say), paid,
    // presented as ours.
    jodo::JodoConfig config;
    config.base_url = h.sandbox().base_url();
    config.api_key = "test_key";
    config.api_secret = "test_secret";
    jodo::JodoClient client(config, std::make_unique<jodo::PocoHttpTransport>(config));
    jodo::PayOrderRequest request;
    request.name = "Someone Else";
    request.phone = "9000000000";
    request.email = "else@example.com";
    request.details = {{"EVENT_FEE", 4870050}};
    const std::string foreign = client.create_pay_order(request).order_id;
    h.sandbox().pay(foreign);
    const std::string body =
        R"({"event_id":"claim-)" + invoice + R"(","event":"order.payment.debited",)" +
        R"("payload":{"order_id":")" + foreign +
        R"(","order":{"notes":[{"key":"erp_collection_id","value":")" + collection_id + R"("}]}}})";
    EXPECT_EQ(
        h.post_webhook(body, {{"X-Jodo-Signature", jodo::hmac_sha256_hex("whsec_claim", body)}}),
        200);
    h.batch("process_webhooks");
    auto stored = h.collections(invoice);
    ASSERT_EQ(stored.size(), 1u);
    EXPECT_EQ(stored[0].status, "abandoned");  // not attached, not paid
    EXPECT_EQ(stored[0].order_id, "");
    EXPECT_TRUE(h.collections(invoice)[0].review_reason.empty());
}

TEST_P(NeedsAPerson, ReleasedLostOrderThenLatePaymentIsFlaggedAsDuplicate) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    HarnessOptions options;
    options.webhook_secret = "whsec_release";
    options.background = true;
    options.settings["jodo.reconcile.interval_ms"] = "0";
    LifecycleHarness h(db.connection_string(), options);
    const std::string invoice = h.add_invoice(LifecycleHarness::sample("INV-U2"));
    const auto before = h.sandbox().order_ids();
    h.sandbox().inject_next(1, Fault{FaultKind::drop_after_commit}, "POST");
    // The lost Pay Order answer releases the invoice by itself.
    ASSERT_EQ(h.collect(invoice).status.code, erp_plugin::StatusCode::unavailable);
    const std::string orphan = only_new_order(h, before);
    EXPECT_EQ(h.action("release_unknown", invoice).status.code, erp_plugin::StatusCode::not_found);
    auto again = h.collect(invoice);
    ASSERT_TRUE(again.status.ok()) << again.status.message;
    const std::string current_order = output(again, "order_id");
    host_sim::pay_at_checkout(output(again, "redirect_url"));
    EXPECT_EQ(h.wait_for_status(invoice, "paid", 10000), "paid");

    // The payer also pays the orphan: both payments are recorded, the second flagged.
    h.sandbox().pay(orphan);
    ASSERT_TRUE(h.sandbox().wait_for_webhooks(10000));
    std::vector<acceptance::StoredCollection> rows;
    for (int i = 0; i < 100; ++i) {
        rows = h.collections(invoice);
        if (rows.size() == 2 && rows[1].status == "paid")
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ASSERT_EQ(rows.size(), 2u);
    const auto& late = rows[1].order_id == orphan ? rows[1] : rows[0];
    const auto& kept = rows[1].order_id == orphan ? rows[0] : rows[1];
    EXPECT_EQ(kept.order_id, current_order);
    EXPECT_EQ(kept.active, 1);
    EXPECT_EQ(late.status, "paid");
    EXPECT_EQ(late.active, 0);
    EXPECT_NE(late.review_reason.find("duplicate payment"), std::string::npos)
        << late.review_reason;
    EXPECT_NE(late.review_reason.find("refund needed"), std::string::npos);
}

TEST_P(NeedsAPerson, PaymentOnAnExpiredLinkIsRecordedAndFlagged) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    LifecycleHarness h(db.connection_string());
    const std::string invoice = h.add_invoice(LifecycleHarness::sample("INV-U3"));
    const std::string order_id = output(h.action("send_link", invoice), "order_id");
    h.sandbox().expire_now(order_id);
    ASSERT_TRUE(h.refresh(invoice).status.ok());
    ASSERT_EQ(h.collections(invoice)[0].status, "expired");

    h.sandbox().pay_even_if_closed(order_id);  // the payment was in flight when it expired
    ASSERT_TRUE(h.refresh(invoice).status.ok());
    auto stored = h.collections(invoice)[0];
    EXPECT_EQ(stored.status, "paid");
    EXPECT_EQ(stored.active, 1);  // nothing else held the invoice: it is paid by this link
    EXPECT_NE(stored.review_reason.find("paid after the link was expired"), std::string::npos)
        << stored.review_reason;
}

TEST_P(NeedsAPerson, AmountMismatchIsFlaggedWithBothFigures) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    LifecycleHarness h(db.connection_string());
    const std::string invoice = h.add_invoice(LifecycleHarness::sample("INV-U4"));
    const std::string order_id = output(h.collect(invoice), "order_id");
    h.sandbox().set_line_amount(order_id, 1, 600000);  // Jodo reports 6000.00 for the 6200.50 line
    h.sandbox().pay(order_id);
    ASSERT_TRUE(h.refresh(invoice).status.ok());
    auto stored = h.collections(invoice)[0];
    EXPECT_EQ(stored.status, "paid");
    EXPECT_EQ(stored.review_reason,
              "amount mismatch: invoiced 48700.50, Jodo reports 48500.00 paid; line 2 invoiced "
              "6200.50, paid 6000.00");
    // Refreshing again does not repeat or lose the flag.
    ASSERT_TRUE(h.refresh(invoice).status.ok());
    EXPECT_EQ(h.collections(invoice)[0].review_reason, stored.review_reason);
}

// What a process killed mid-request leaves: an intent row, no answer. A Pay
// Order's is released (nobody got its page); a link's becomes unknown.
TEST_P(NeedsAPerson, CrashBetweenIntentAndAnswerIsResolvedOnReconcile) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    LifecycleHarness h(db.connection_string());
    const std::string order_invoice = h.add_invoice(LifecycleHarness::sample("INV-U5"));
    const std::string link_invoice = h.add_invoice(LifecycleHarness::sample("INV-U8"));
    using namespace Poco::Data::Keywords;
    for (const auto& [invoice, kind] : {std::pair<std::string, std::string>{order_invoice, "order"},
                                        {link_invoice, "payment_link"}}) {
        std::string id = invoice, k = kind, cid = "crash-" + invoice,
                    at = "2026-01-01T00:00:00.000Z";
        h.erp().session() << "INSERT INTO jodo_collections (collection_id, invoice_id, kind, "
                             "status, active, amount, next_check_at, created_at, updated_at) "
                             "VALUES (?, ?, ?, 'creating', 1, 48700.50, ?, ?, ?)",
            use(cid), use(id), use(k), use(at), use(at), use(at), now;
    }
    h.batch("reconcile");
    auto order = h.collections(order_invoice);
    ASSERT_EQ(order.size(), 1u);
    EXPECT_EQ(order[0].status, "abandoned");
    EXPECT_EQ(order[0].active, 0);
    EXPECT_NE(order[0].error_reason.find("stopped while it was in flight"), std::string::npos);
    EXPECT_NE(order[0].error_reason.find("no payer can have reached it"), std::string::npos);
    EXPECT_TRUE(h.collect(order_invoice).status.ok());

    auto link = h.collections(link_invoice);
    ASSERT_EQ(link.size(), 1u);
    EXPECT_EQ(link[0].status, "unknown");
    EXPECT_NE(link[0].error_reason.find("stopped while it was in flight"), std::string::npos);
    EXPECT_EQ(h.action("send_link", link_invoice).status.code,
              erp_plugin::StatusCode::outcome_unknown);
}

INSTANTIATE_TEST_SUITE_P(Databases, NeedsAPerson,
                         testing::Values("sqlite", "postgresql", "mariadb"),
                         [](const auto& info) { return info.param; });
