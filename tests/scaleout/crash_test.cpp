// Item 3 of issue 5: crash safety. A host-sim process kills itself (SIGKILL,
// JODO_CRASH_AT) at each step of collect and of webhook processing; a new
// process takes over, reconciliation runs, and the invariants hold: no second
// order, no two payable orders without a flag, every payment at Jodo recorded,
// nothing left in 'creating'.
#include <gtest/gtest.h>

#include <csignal>

#include "jodo/api/HttpTransport.hpp"
#include "jodo/api/JodoClient.hpp"
#include "support/ErpDatabases.hpp"
#include "support/Invariants.hpp"
#include "support/ScaleRig.hpp"

using scaleout::Exit;
using scaleout::PrivateDatabase;
using scaleout::ScaleRig;
using scaleout::Subprocess;

class CrashSafety : public testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        db_ = std::make_unique<PrivateDatabase>(GetParam());
        ACCEPTANCE_REQUIRE_DATABASE(*db_);
        rig_ = std::make_unique<ScaleRig>(db_->connection_string());
        rig_->use_plugin_dir(JODO_TEST_HOOKS_PLUGIN_DIR);
        config_ = rig_->write_config("host");
    }

    // Runs host-sim with a crash point armed; it must die by SIGKILL there.
    void run_and_die(const std::vector<std::string>& args, const std::string& point) {
        const Exit died = rig().run(args, config_, {{"JODO_CRASH_AT", point}});
        ASSERT_EQ(died.signal, SIGKILL) << died.describe();
    }
    Exit run(const std::vector<std::string>& args) { return rig().run(args, config_); }
    // The restarted host's reconciler, once the collection's first check is due.
    Exit reconcile_when_due() {
        scaleout::sleep_ms(1100);
        Exit e = run({"action", "reconcile"});
        EXPECT_TRUE(e.ok()) << e.describe();
        EXPECT_EQ(scaleout::field(e.out, "errors"), "0") << e.out;
        return e;
    }
    // Collecting again while the outcome is open is refused, and Jodo gets no request.
    void expect_collect_refused(const std::string& invoice) {
        const std::size_t orders = rig().sandbox().create_count();
        const Exit again = run({"action", "collect", invoice});
        EXPECT_EQ(again.code, 1) << again.describe();
        EXPECT_NE(again.out.find("outcome_unknown: A previous request for invoice " + invoice +
                                 " is still being confirmed with Jodo"),
                  std::string::npos)
            << again.out;
        EXPECT_EQ(rig().sandbox().create_count(), orders);
    }
    std::string collect(const std::string& invoice) {
        const Exit e = run({"action", "collect", invoice});
        EXPECT_TRUE(e.ok()) << e.describe();
        EXPECT_EQ(scaleout::field(e.out, "status"), "unpaid") << e.out;
        return scaleout::field(e.out, "order_id");
    }
    void expect_invariants() {
        const auto violations = scaleout::invariant_violations(rig());
        EXPECT_TRUE(violations.empty()) << scaleout::joined(violations);
    }
    ScaleRig& rig() { return *rig_; }

    std::unique_ptr<PrivateDatabase> db_;
    std::unique_ptr<ScaleRig> rig_;
    std::filesystem::path config_;
};

TEST_P(CrashSafety, CollectDiesAfterRecordingItsIntent) {
    const std::string invoice = rig().add_invoice("CR-INTENT");
    run_and_die({"action", "collect", invoice}, "collect.after_intent");
    auto rows = rig().collections(invoice);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].status, "creating");
    EXPECT_EQ(rows[0].active, 1);
    EXPECT_EQ(rows[0].order_id, "");
    EXPECT_EQ(rig().sandbox().create_count(), 0u);

    expect_collect_refused(invoice);
    const Exit reconciled = reconcile_when_due();
    EXPECT_EQ(scaleout::field(reconciled.out, "checked"), "1") << reconciled.out;
    // Nobody got the order's page (the answer died with the process): the
    // reconciler releases the invoice, saying why.
    rows = rig().collections(invoice);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].status, "abandoned");
    EXPECT_EQ(rows[0].active, 0);
    EXPECT_NE(rows[0].error_reason.find("no answer from Jodo was recorded"), std::string::npos)
        << rows[0].error_reason;
    EXPECT_EQ(rig().sandbox().create_count(), 0u);
    expect_invariants();

    // The next click collects it: one new order.
    EXPECT_FALSE(collect(invoice).empty());
    EXPECT_EQ(rig().sandbox().create_count(), 1u);
    rows = rig().collections(invoice);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].status, "unpaid");
    EXPECT_EQ(rows[1].status, "abandoned");
    expect_invariants();
}

TEST_P(CrashSafety, CollectDiesAfterJodoCreatedTheOrder) {
    const std::string invoice = rig().add_invoice("CR-CREATE");
    run_and_die({"action", "collect", invoice}, "collect.after_create");
    ASSERT_EQ(rig().sandbox().create_count(), 1u);
    const std::string order_id = rig().sandbox().order_ids().at(0);
    auto rows = rig().collections(invoice);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].status, "creating");
    EXPECT_EQ(rows[0].order_id, "");

    expect_collect_refused(invoice);
    reconcile_when_due();
    rows = rig().collections(invoice);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].status, "abandoned");
    EXPECT_NE(rows[0].error_reason.find("no answer from Jodo was recorded"), std::string::npos)
        << rows[0].error_reason;
    expect_invariants();

    // The order's page never reached anyone, so the invoice is collected again.
    const std::string second_order = collect(invoice);
    EXPECT_EQ(rig().sandbox().create_count(), 2u);

    // Should the orphan be paid all the same (say a payer reached it through
    // Jodo), its event names our collection: the restarted server records the
    // payment on it and flags it as a duplicate to refund; the new order stays.
    const auto serve_config = rig().write_config("serve", {{"webhook.worker_interval_ms", "100"}});
    std::string url;
    auto server = rig().serve(serve_config, &url);
    ASSERT_FALSE(url.empty()) << server->err();
    rig().send_webhooks_to(url);
    rig().sandbox().pay(order_id);
    for (int i = 0; i < 300; ++i) {
        rows = rig().collections(invoice);
        if (rows.size() == 2 && rows[1].status == "paid")
            break;
        scaleout::sleep_ms(50);
    }
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].order_id, second_order);
    EXPECT_EQ(rows[0].status, "unpaid");
    EXPECT_EQ(rows[1].order_id, order_id);
    EXPECT_EQ(rows[1].status, "paid");
    EXPECT_NE(rows[1].review_reason.find("duplicate"), std::string::npos) << rows[1].review_reason;
    expect_invariants();
}

TEST_P(CrashSafety, RefreshDiesAfterFetchingThePayment) {
    const std::string invoice = rig().add_invoice("CR-REFRESH");
    const std::string order_id = collect(invoice);
    rig().sandbox().pay(order_id);
    run_and_die({"action", "refresh", invoice}, "sync.after_fetch");
    EXPECT_EQ(rig().collections(invoice).at(0).status, "unpaid");

    const Exit reconciled = reconcile_when_due();
    EXPECT_EQ(scaleout::field(reconciled.out, "changed"), "1") << reconciled.out;
    EXPECT_EQ(rig().collections(invoice).at(0).status, "paid");
    EXPECT_EQ(rig().sandbox().create_count(), 1u);
    expect_invariants();
}

TEST_P(CrashSafety, ReconcileDiesAfterFetchingThePayment) {
    const std::string invoice = rig().add_invoice("CR-RECON");
    const std::string order_id = collect(invoice);
    const int port = scaleout::free_port();
    const auto serve_config =
        rig().write_config("serve", {{"webhook.worker_interval_ms", "100"}}, port);
    rig().send_webhooks_to("http://127.0.0.1:" + std::to_string(port));
    rig().sandbox().hold_webhooks();  // Jodo's event is late
    rig().sandbox().pay(order_id);
    scaleout::sleep_ms(1100);
    run_and_die({"action", "reconcile"}, "sync.after_fetch");
    auto rows = rig().collections(invoice);
    EXPECT_EQ(rows.at(0).status, "unpaid");
    // The dead process's claim holds the row until its lease ends, so no other
    // process checks it twice meanwhile...
    const Exit again = run({"action", "reconcile"});
    ASSERT_TRUE(again.ok()) << again.describe();
    EXPECT_EQ(scaleout::field(again.out, "checked"), "0") << again.out;
    // ...and the late webhook, received by a restarted server, records the payment.
    std::string url;
    auto server = rig().serve(serve_config, &url);
    ASSERT_EQ(url, "http://127.0.0.1:" + std::to_string(port)) << server->err();
    rig().sandbox().release_webhooks(false);
    EXPECT_EQ(rig().wait_for_status(invoice, "paid", 15000), "paid") << server->err();
    expect_invariants();
}

TEST_P(CrashSafety, WebhookWorkerDiesAfterFetchingThePayment) {
    const std::string invoice = rig().add_invoice("CR-WORKER");
    const std::string order_id = collect(invoice);
    const int port = scaleout::free_port();
    const auto serve_config =
        rig().write_config("serve", {{"webhook.worker_interval_ms", "100"}}, port);
    std::string url;
    auto dying = rig().serve(serve_config, &url, {{"JODO_CRASH_AT", "sync.after_fetch"}});
    ASSERT_FALSE(url.empty()) << dying->err();
    rig().send_webhooks_to(url);
    rig().sandbox().pay(order_id);
    const Exit died = dying->wait(15000);
    ASSERT_EQ(died.signal, SIGKILL) << died.describe();
    auto inbox = rig().inbox();
    ASSERT_EQ(inbox.size(), 1u);
    EXPECT_EQ(inbox[0].state, "processing");  // claimed by the dead worker
    EXPECT_EQ(rig().collections(invoice).at(0).status, "unpaid");

    // A restarted server (which also takes Jodo's redelivery if the 200 was lost)
    // and the reconciler finish the job.
    auto server = rig().serve(serve_config, &url);
    ASSERT_EQ(url, "http://127.0.0.1:" + std::to_string(port)) << server->err();
    reconcile_when_due();
    EXPECT_EQ(rig().collections(invoice).at(0).status, "paid");
    ASSERT_TRUE(rig().sandbox().wait_for_webhooks(15000));
    const auto log = rig().sandbox().webhook_log();
    ASSERT_EQ(log.size(), 1u);
    EXPECT_TRUE(log[0].delivered);
    EXPECT_EQ(rig().inbox().size(), 1u);  // a redelivery is not a second event
    expect_invariants();
}

TEST_P(CrashSafety, ServerDiesAfterStoringTheEvent) {
    const std::string invoice = rig().add_invoice("CR-STORE");
    const std::string order_id = collect(invoice);
    const int port = scaleout::free_port();
    // The dying server has no worker: it stores the event and dies before answering.
    const auto dying_config = rig().write_config("dying", {}, port);
    const auto serve_config =
        rig().write_config("serve", {{"webhook.worker_interval_ms", "100"}}, port);
    std::string url;
    auto dying = rig().serve(dying_config, &url, {{"JODO_CRASH_AT", "webhook.after_store"}});
    ASSERT_FALSE(url.empty()) << dying->err();
    rig().send_webhooks_to(url, {500, 1000, 2000, 4000});
    rig().sandbox().pay(order_id);
    const Exit died = dying->wait(15000);
    ASSERT_EQ(died.signal, SIGKILL) << died.describe();
    auto inbox = rig().inbox();
    ASSERT_EQ(inbox.size(), 1u);
    EXPECT_EQ(inbox[0].state, "pending");
    const std::string event_id = inbox[0].event_id;

    auto server = rig().serve(serve_config, &url);
    ASSERT_EQ(url, "http://127.0.0.1:" + std::to_string(port)) << server->err();
    ASSERT_TRUE(rig().sandbox().wait_for_webhooks(15000));
    const auto log = rig().sandbox().webhook_log();
    ASSERT_EQ(log.size(), 1u);
    EXPECT_EQ(log[0].event_id, event_id);
    EXPECT_GE(log[0].attempts, 2);  // the first answer never came
    EXPECT_TRUE(log[0].delivered);
    EXPECT_EQ(log[0].last_status, 200);  // the redelivery: a duplicate, acknowledged
    EXPECT_EQ(rig().wait_for_status(invoice, "paid", 15000), "paid") << server->err();
    inbox = rig().inbox();
    ASSERT_EQ(inbox.size(), 1u);
    EXPECT_EQ(inbox[0].event_id, event_id);
    EXPECT_EQ(inbox[0].state, "processed");
    EXPECT_EQ(inbox[0].attempts, 1);
    expect_invariants();
}

// Issue 9 item 2: the module a user installs has no crash points. The same
// environment that kills the test-hooks module at collect.after_intent leaves
// the shipped one alone: the collect completes.
TEST(ShippedModule, IgnoresJodoCrashAt) {
    PrivateDatabase db("sqlite");
    ScaleRig rig(db.connection_string());  // the default: build/plugins, as installed
    const auto config = rig.write_config("host");
    const std::string invoice = rig.add_invoice("SHIP-1");
    for (const char* point : {"collect.after_intent", "collect.after_create", "sync.after_fetch"}) {
        const Exit e = rig.run({"action", "collect", invoice}, config, {{"JODO_CRASH_AT", point}});
        EXPECT_TRUE(e.ok()) << point << ": " << e.describe();
        EXPECT_EQ(scaleout::field(e.out, "status"), "unpaid") << e.out;
    }
    EXPECT_EQ(rig.sandbox().create_count(), 1u);
}

// The checker itself must not be vacuous: a second order made behind the
// plugin's back, its payment, and a row left in 'creating' are all reported.
TEST(CrashInvariants, EveryBrokenRuleIsReported) {
    PrivateDatabase db("sqlite");
    ScaleRig rig(db.connection_string());
    const auto config = rig.write_config("host");
    const std::string invoice = rig.add_invoice("CHK-1");
    const Exit collected = rig.run({"action", "collect", invoice}, config);
    ASSERT_TRUE(collected.ok()) << collected.describe();
    EXPECT_TRUE(scaleout::invariant_violations(rig).empty());

    jodo::JodoConfig api;
    api.base_url = rig.sandbox().base_url();
    api.api_key = "scale_key";
    api.api_secret = "scale_secret";
    jodo::JodoClient client(api, std::make_unique<jodo::PocoHttpTransport>(api));
    jodo::PayOrderRequest second;
    second.name = "Anita Sharma";
    second.phone = "9876543210";
    second.email = "anita@example.com";
    second.notes = {{"erp_invoice_id", invoice}};
    second.details = {{"TUITION_FEE", 100}};
    const std::string stray = client.create_pay_order(second).order_id;
    auto violations = scaleout::joined(scaleout::invariant_violations(rig));
    EXPECT_NE(violations.find(invoice + ": Jodo holds 2 orders and no collection is flagged"),
              std::string::npos)
        << violations;
    EXPECT_NE(violations.find(invoice + ": 2 payable orders at Jodo and no collection is flagged"),
              std::string::npos)
        << violations;

    rig.sandbox().pay(stray);
    {
        auto session = rig.session();
        session << "UPDATE jodo_collections SET status = 'creating'", Poco::Data::Keywords::now;
    }
    violations = scaleout::joined(scaleout::invariant_violations(rig));
    EXPECT_NE(violations.find(invoice + ": order " + stray +
                              " is paid at Jodo but no collection records it"),
              std::string::npos)
        << violations;
    EXPECT_NE(violations.find("is still 'creating'"), std::string::npos) << violations;
}

INSTANTIATE_TEST_SUITE_P(Databases, CrashSafety, testing::Values("sqlite", "postgresql", "mariadb"),
                         [](const auto& info) { return info.param; });
