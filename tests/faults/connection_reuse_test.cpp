// Kept-alive connections reused for creates and gets, through the real
// JodoClient + PocoHttpTransport against the sandbox over real HTTP: the
// sandbox counts the TCP connections it accepted.
#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "FaultRig.hpp"

namespace faults_test {
namespace {

using namespace std::chrono_literals;

TEST_F(SandboxFixture, TwoHundredCreatesShareOneConnection) {
    ClientRig rig(sandbox.base_url());
    for (int i = 0; i < 200; ++i)
        rig->create_pay_order(sample_order("INV-REUSE-" + std::to_string(i)));

    EXPECT_EQ(sandbox.create_count(), 200u);
    EXPECT_EQ(sandbox.api_request_count(), 200u);
    EXPECT_EQ(rig->stats().retries, 0);
    // One connection carries them all (it was 200 when every create dialled).
    EXPECT_LE(sandbox.connection_count(), 2u);
}

TEST_F(SandboxFixture, ConcurrentCreatesNeedAboutOneConnectionPerThread) {
    ClientRig rig(sandbox.base_url());
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 25; ++i) {
                try {
                    rig->create_pay_order(
                        sample_order("INV-T" + std::to_string(t) + "-" + std::to_string(i)));
                } catch (const std::exception&) {
                    ++failures;
                }
            }
        });
    for (auto& t : threads)
        t.join();

    EXPECT_EQ(failures, 0);
    EXPECT_EQ(sandbox.create_count(), 200u);
    EXPECT_LE(sandbox.connection_count(), 16u);
}

class ServerClosesIdle : public ::testing::Test {
  protected:
    ServerClosesIdle() : sandbox(options()) {}
    static jodo::sandbox::SandboxOptions options() {
        jodo::sandbox::SandboxOptions o;
        o.keep_alive_timeout_ms = 100;  // the server closes an idle connection quickly
        return o;
    }
    void SetUp() override { sandbox.start(); }
    jodo::sandbox::JodoSandbox sandbox;
};

TEST_F(ServerClosesIdle, SecondCreateAfterTheServerClosedTheConnectionIsCreatedOnce) {
    ClientRig rig(sandbox.base_url());
    rig->create_pay_order(sample_order("INV-CLOSED-1"));
    // Long past the server's keep-alive: it has closed the pooled connection,
    // whose FIN now sits unread on the client's socket.
    std::this_thread::sleep_for(600ms);

    const jodo::CreatedOrder second = rig->create_pay_order(sample_order("INV-CLOSED-2"));

    EXPECT_FALSE(second.order_id.empty());
    EXPECT_EQ(sandbox.create_count(), 2u);       // no duplicate order...
    EXPECT_EQ(sandbox.api_request_count(), 2u);  // ...and nothing sent twice
    EXPECT_EQ(rig->stats().attempts, 2);         // no retry, no unknown
    EXPECT_EQ(rig->stats().retries, 0);
    EXPECT_EQ(sandbox.connection_count(), 2u);  // the closed one was seen and not used
}

TEST_F(ServerClosesIdle, GetAfterTheServerClosedTheConnectionNeedsNoRetry) {
    ClientRig rig(sandbox.base_url());
    const std::string id = rig->create_pay_order(sample_order()).order_id;
    std::this_thread::sleep_for(600ms);

    EXPECT_EQ(rig->get_pay_order(id).id, id);

    EXPECT_EQ(rig->stats().retries, 0);
    EXPECT_TRUE(rig.waits().empty());
    EXPECT_EQ(sandbox.api_request_count(), 2u);
}

TEST_F(SandboxFixture, ReusedConnectionDroppedUnderAGetIsTriedOnceOnAFreshOne) {
    ClientRig rig(sandbox.base_url());
    const std::string id = rig->create_pay_order(sample_order()).order_id;
    mark();
    // As when the server closes an idle connection just as the request is
    // written: no answer byte on the reused connection.
    sandbox.inject_next(1, Fault{FaultKind::drop_before}, "GET");

    EXPECT_EQ(rig->get_pay_order(id).id, id);

    EXPECT_EQ(requests_since_mark(), 2u);
    EXPECT_EQ(rig->stats().retries, 1);  // sent again at once...
    EXPECT_TRUE(rig.waits().empty());    // ...without a wait
    EXPECT_EQ(sandbox.connection_count(), 2u);
}

TEST_F(SandboxFixture, TheFreeResendSpendsNoneOfMaxAttempts) {
    RigOptions options;
    options.policy = fast_policy(1);
    ClientRig rig(sandbox.base_url(), options);
    const std::string id = rig->create_pay_order(sample_order()).order_id;
    sandbox.inject_next(1, Fault{FaultKind::drop_before}, "GET");

    EXPECT_EQ(rig->get_pay_order(id).id, id);  // its one attempt, on a fresh connection
}

TEST_F(SandboxFixture, CreateDroppedOnAReusedConnectionIsUnknownAndNotRepeated) {
    ClientRig rig(sandbox.base_url());
    rig->create_pay_order(sample_order("INV-FIRST"));
    mark();
    sandbox.inject_next(1, Fault{FaultKind::drop_after_commit}, "POST");

    const auto error = error_of([&] { rig->create_pay_order(sample_order("INV-SECOND")); });

    ASSERT_TRUE(error);
    EXPECT_EQ(error->kind(), ErrorKind::outcome_unknown);
    EXPECT_EQ(requests_since_mark(), 1u);  // never sent again, on any connection
    EXPECT_EQ(sandbox.create_count(), 2u);
    EXPECT_EQ(sandbox.connection_count(), 1u);
}

TEST_F(SandboxFixture, CreateResetBeforeProcessingOnAReusedConnectionIsStillUnknown) {
    ClientRig rig(sandbox.base_url());
    rig->create_pay_order(sample_order("INV-FIRST"));
    mark();
    sandbox.inject_next(1, Fault{FaultKind::drop_before}, "POST");

    const auto error = error_of([&] { rig->create_pay_order(sample_order("INV-SECOND")); });

    ASSERT_TRUE(error);
    // The client cannot tell this from a server that acted and died.
    EXPECT_EQ(error->kind(), ErrorKind::outcome_unknown);
    EXPECT_EQ(requests_since_mark(), 1u);
    EXPECT_EQ(sandbox.create_count(), 1u);
}

}  // namespace
}  // namespace faults_test
