// Create Pay Order (not repeatable: docs/jodo-choices.md "Retrying a create")
// through the real JodoClient + PocoHttpTransport against a faulty sandbox. The
// sandbox's create_count() is the ground truth of whether an order exists.
#include <chrono>

#include "FaultRig.hpp"

namespace faults_test {
namespace {

using CreateFaults = SandboxFixture;

TEST_F(CreateFaults, Answered503IsRetriedAndExactlyOneOrderExists) {
    ClientRig rig(sandbox.base_url());
    mark();
    sandbox.inject_next(1, Fault{FaultKind::status_503}, "POST");

    const jodo::CreatedOrder created = rig->create_pay_order(sample_order());

    EXPECT_EQ(sandbox.create_count(), 1u);
    EXPECT_TRUE(sandbox.find(created.order_id).has_value());
    EXPECT_EQ(requests_since_mark(), 2u);
    EXPECT_EQ(rig->stats().attempts, 2);
    EXPECT_EQ(rig->stats().retries, 1);
    EXPECT_EQ(rig.waits().size(), 1u);
}

TEST_F(CreateFaults, Answered429IsRetriedAfterRetryAfter) {
    ClientRig rig(sandbox.base_url());
    mark();
    Fault rate_limited{FaultKind::status_429};
    rate_limited.retry_after_s = 3;
    sandbox.inject_next(2, rate_limited, "POST");

    const jodo::CreatedOrder created = rig->create_pay_order(sample_order());

    EXPECT_EQ(sandbox.create_count(), 1u);
    EXPECT_TRUE(sandbox.find(created.order_id).has_value());
    EXPECT_EQ(rig.waits(), (std::vector<int>{3000, 3000}));
    EXPECT_EQ(requests_since_mark(), 3u);
}

class CreateLostStatus : public CreateFaults, public ::testing::WithParamInterface<FaultKind> {};

TEST_P(CreateLostStatus, IsOutcomeUnknownAndNeverRepeated) {
    ClientRig rig(sandbox.base_url());
    mark();
    sandbox.inject_next(1, Fault{GetParam()}, "POST");

    const auto error = error_of([&] { rig->create_pay_order(sample_order()); });

    ASSERT_TRUE(error);
    EXPECT_EQ(error->kind(), ErrorKind::outcome_unknown);
    const int status = GetParam() == FaultKind::status_500 ? 500 : 502;
    EXPECT_EQ(error->http_status(), status);
    EXPECT_EQ(error->code(), "HUE00" + std::to_string(status));
    EXPECT_EQ(requests_since_mark(), 1u);  // no second POST
    EXPECT_EQ(rig->stats().retries, 0);
    // The sandbox answered the status without processing: no order exists.
    EXPECT_EQ(sandbox.create_count(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Status500And502, CreateLostStatus,
                         ::testing::Values(FaultKind::status_500, FaultKind::status_502),
                         [](const auto& info) { return jodo::sandbox::to_string(info.param); });

TEST_F(CreateFaults, AnswerLostAfterCommitIsOutcomeUnknownAndOneOrderExists) {
    ClientRig rig(sandbox.base_url());
    mark();
    sandbox.inject_next(1, Fault{FaultKind::drop_after_commit}, "POST");

    const auto error = error_of([&] { rig->create_pay_order(sample_order("INV-LOST")); });

    ASSERT_TRUE(error);
    EXPECT_EQ(error->kind(), ErrorKind::outcome_unknown);
    EXPECT_EQ(error->http_status(), 0);
    EXPECT_EQ(requests_since_mark(), 1u);  // the client did not send a second POST
    EXPECT_EQ(rig->stats().attempts, 1);
    EXPECT_EQ(sandbox.create_count(), 1u);  // ...and the order does exist
}

TEST_F(CreateFaults, ConnectionDroppedBeforeProcessingIsStillOutcomeUnknown) {
    // The client cannot tell this drop from the one above: the request was sent,
    // so it must assume an order may exist. Here none does.
    ClientRig rig(sandbox.base_url());
    mark();
    sandbox.inject_next(1, Fault{FaultKind::drop_before}, "POST");

    const auto error = error_of([&] { rig->create_pay_order(sample_order()); });

    ASSERT_TRUE(error);
    EXPECT_EQ(error->kind(), ErrorKind::outcome_unknown);
    EXPECT_EQ(requests_since_mark(), 1u);
    EXPECT_EQ(rig->stats().retries, 0);
    EXPECT_EQ(sandbox.create_count(), 0u);
}

TEST_F(CreateFaults, SlowAnswerBeyondReadTimeoutIsOutcomeUnknownAndTheOrderExists) {
    RigOptions options;
    options.read_timeout_ms = 300;
    ClientRig rig(sandbox.base_url(), options);
    mark();
    Fault slow{FaultKind::slow};
    slow.delay_ms = 800;
    sandbox.inject_next(1, slow, "POST");

    const auto start = std::chrono::steady_clock::now();
    const auto error = error_of([&] { rig->create_pay_order(sample_order()); });
    const auto elapsed = std::chrono::steady_clock::now() - start;

    ASSERT_TRUE(error);
    EXPECT_EQ(error->kind(), ErrorKind::outcome_unknown);
    EXPECT_LT(elapsed, std::chrono::milliseconds(800));  // gave up at the read timeout
    EXPECT_EQ(requests_since_mark(), 1u);
    EXPECT_EQ(rig->stats().retries, 0);
    // The sandbox goes on and commits the order the client gave up on.
    EXPECT_TRUE(eventually([&] { return sandbox.create_count() == 1u; }));
}

TEST_F(CreateFaults, RefusedConnectionIsRetriedBecauseNothingWasSent) {
    ClientRig rig("http://127.0.0.1:" + std::to_string(unused_port()));

    const auto error = error_of([&] { rig->create_pay_order(sample_order()); });

    ASSERT_TRUE(error);
    EXPECT_EQ(error->kind(), ErrorKind::unreachable);
    EXPECT_EQ(rig->stats().attempts, 4);  // max_attempts: a refused create is safe to repeat
    EXPECT_EQ(rig->stats().retries, 3);
    EXPECT_EQ(rig.waits().size(), 3u);
    EXPECT_EQ(sandbox.api_request_count(), 0u);
}

TEST_F(CreateFaults, ManySequentialCreatesNeverWaitForIdleConnections) {
    // Each create parks its connection in the client's idle pool, where it holds
    // a sandbox thread until its keep-alive ends; the next one takes it again
    // (tests/faults/connection_reuse_test.cpp counts the connections).
    ClientRig rig(sandbox.base_url());
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < 24; ++i)
        rig->create_pay_order(sample_order("INV-SEQ-" + std::to_string(i)));
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(2000));
    EXPECT_EQ(sandbox.create_count(), 24u);
    EXPECT_EQ(rig->stats().retries, 0);
}

TEST_F(CreateFaults, GetOnlyFaultsLeaveCreatesAlone) {
    ClientRig rig(sandbox.base_url());
    mark();
    sandbox.inject_next(1, Fault{FaultKind::status_500}, "GET");

    const std::string id = rig->create_pay_order(sample_order()).order_id;
    EXPECT_EQ(requests_since_mark(), 1u);
    EXPECT_EQ(sandbox.fault_stats().total(), 0u);

    EXPECT_EQ(rig->get_pay_order(id).id, id);  // the GET takes the 500, then retries
    EXPECT_EQ(requests_since_mark(), 3u);
    EXPECT_EQ(sandbox.fault_stats().injected[FaultKind::status_500], 1u);
}

}  // namespace
}  // namespace faults_test
