// Get Pay Order (a repeatable call) through the real JodoClient + PocoHttpTransport
// against a sandbox injecting faults over real HTTP on 127.0.0.1.
#include <chrono>
#include <map>

#include "FaultRig.hpp"

namespace faults_test {
namespace {

class GetRetry : public SandboxFixture {
  protected:
    // Creates one order through `rig` and marks the request counter after it.
    std::string order_via(ClientRig& rig) {
        const std::string id = rig->create_pay_order(sample_order()).order_id;
        mark();
        return id;
    }
};

class GetRetryOnStatus : public GetRetry, public ::testing::WithParamInterface<FaultKind> {};

TEST_P(GetRetryOnStatus, RetriedUntilTheSandboxAnswers) {
    ClientRig rig(sandbox.base_url());
    const std::string id = order_via(rig);
    sandbox.inject_next(2, Fault{GetParam()}, "GET");

    const jodo::RemoteOrder order = rig->get_pay_order(id);

    EXPECT_EQ(order.id, id);
    EXPECT_EQ(order.status, "unpaid");
    EXPECT_EQ(order.total(), 150050);
    EXPECT_EQ(requests_since_mark(), 3u);  // two faulted, one answered
    EXPECT_EQ(rig->stats().attempts, 1 + 3);
    EXPECT_EQ(rig->stats().retries, 2);
    EXPECT_EQ(rig.waits().size(), 2u);
    EXPECT_EQ(sandbox.fault_stats().injected[GetParam()], 2u);
    EXPECT_EQ(sandbox.fault_stats().total(), 2u);
}

INSTANTIATE_TEST_SUITE_P(EachTransientStatus, GetRetryOnStatus,
                         ::testing::Values(FaultKind::status_429, FaultKind::status_500,
                                           FaultKind::status_502, FaultKind::status_503),
                         [](const auto& info) { return jodo::sandbox::to_string(info.param); });

TEST_F(GetRetry, WaitsGrowExponentiallyWithinTheirJitterBounds) {
    RigOptions options;
    options.policy = fast_policy(5);  // base 20 ms
    ClientRig rig(sandbox.base_url(), options);
    const std::string id = order_via(rig);
    sandbox.inject_next(4, Fault{FaultKind::status_503}, "GET");

    EXPECT_EQ(rig->get_pay_order(id).id, id);

    EXPECT_EQ(requests_since_mark(), 5u);
    const std::vector<int> waits = rig.waits();
    ASSERT_EQ(waits.size(), 4u);
    // Wait n (from 0) lies in [ceiling/2, ceiling], ceiling = 20 ms * 2^n.
    for (std::size_t n = 0; n < waits.size(); ++n) {
        const int ceiling = 20 << n;
        EXPECT_GE(waits[n], ceiling / 2) << "wait " << n;
        EXPECT_LE(waits[n], ceiling) << "wait " << n;
    }
    EXPECT_GT(waits[2], waits[0]);
    EXPECT_GT(waits[3], waits[1]);
}

TEST_F(GetRetry, OneWaitNeverExceedsMaxDelay) {
    RigOptions options;
    options.policy = fast_policy(6);
    options.policy.max_delay_ms = 50;  // ceilings 20, 40, 50, 50, 50
    ClientRig rig(sandbox.base_url(), options);
    const std::string id = order_via(rig);
    sandbox.inject_next(5, Fault{FaultKind::status_502}, "GET");

    EXPECT_EQ(rig->get_pay_order(id).id, id);

    const std::vector<int> waits = rig.waits();
    ASSERT_EQ(waits.size(), 5u);
    for (std::size_t n = 2; n < waits.size(); ++n) {
        EXPECT_GE(waits[n], 25) << "wait " << n;
        EXPECT_LE(waits[n], 50) << "wait " << n;
    }
}

TEST_F(GetRetry, RetryAfterSecondsAreHonouredExactly) {
    ClientRig rig(sandbox.base_url());
    const std::string id = order_via(rig);
    Fault rate_limited{FaultKind::status_429};
    rate_limited.retry_after_s = 1;
    Fault unavailable{FaultKind::status_503};
    unavailable.retry_after_s = 2;
    sandbox.inject_next(1, rate_limited, "GET");
    sandbox.inject_next(1, unavailable, "GET");

    EXPECT_EQ(rig->get_pay_order(id).id, id);

    EXPECT_EQ(rig.waits(), (std::vector<int>{1000, 2000}));
    EXPECT_EQ(requests_since_mark(), 3u);
}

TEST_F(GetRetry, RetryAfterIsReallySlept) {
    RigOptions options;
    options.really_sleep = true;
    ClientRig rig(sandbox.base_url(), options);
    const std::string id = order_via(rig);
    Fault rate_limited{FaultKind::status_429};
    rate_limited.retry_after_s = 1;
    sandbox.inject_next(1, rate_limited, "GET");

    const auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(rig->get_pay_order(id).id, id);
    const auto elapsed = std::chrono::steady_clock::now() - start;

    EXPECT_GE(elapsed, std::chrono::milliseconds(1000));
    EXPECT_LT(elapsed, std::chrono::milliseconds(3000));
    EXPECT_EQ(requests_since_mark(), 2u);
}

TEST_F(GetRetry, StopsAtMaxAttempts) {
    RigOptions options;
    options.policy = fast_policy(3);
    ClientRig rig(sandbox.base_url(), options);
    const std::string id = order_via(rig);
    sandbox.inject_next(10, Fault{FaultKind::status_503}, "GET");

    const auto error = error_of([&] { rig->get_pay_order(id); });

    ASSERT_TRUE(error);
    EXPECT_EQ(error->kind(), ErrorKind::server_error);
    EXPECT_EQ(error->http_status(), 503);
    EXPECT_EQ(error->code(), "HUE00503");
    EXPECT_EQ(requests_since_mark(), 3u);
    EXPECT_EQ(rig->stats().attempts, 1 + 3);
    EXPECT_EQ(rig->stats().retries, 2);
    EXPECT_EQ(rig.waits().size(), 2u);

    // The 7 faults still queued are dropped by clear_faults(): next call is clean.
    sandbox.clear_faults();
    mark();
    EXPECT_EQ(rig->get_pay_order(id).id, id);
    EXPECT_EQ(requests_since_mark(), 1u);
}

TEST_F(GetRetry, StopsWhenTheNextWaitWouldExceedMaxTotal) {
    RigOptions options;
    options.policy = fast_policy(10);
    options.policy.max_total_ms = 2500;
    ClientRig rig(sandbox.base_url(), options);
    const std::string id = order_via(rig);
    Fault unavailable{FaultKind::status_503};
    unavailable.retry_after_s = 1;  // deterministic waits of 1000 ms
    sandbox.inject_next(10, unavailable, "GET");

    const auto error = error_of([&] { rig->get_pay_order(id); });

    ASSERT_TRUE(error);
    EXPECT_EQ(error->kind(), ErrorKind::server_error);
    EXPECT_EQ(rig.waits(), (std::vector<int>{1000, 1000}));  // a third would make 3000 > 2500
    EXPECT_EQ(requests_since_mark(), 3u);
}

TEST_F(GetRetry, RetryAfterBeyondTheBudgetEndsAtOnce) {
    ClientRig rig(sandbox.base_url());  // max_total_ms 20000
    const std::string id = order_via(rig);
    Fault rate_limited{FaultKind::status_429};
    rate_limited.retry_after_s = 30;
    sandbox.inject_next(1, rate_limited, "GET");

    const auto error = error_of([&] { rig->get_pay_order(id); });

    ASSERT_TRUE(error);
    EXPECT_EQ(error->kind(), ErrorKind::rate_limited);
    EXPECT_EQ(error->http_status(), 429);
    EXPECT_TRUE(rig.waits().empty());
    EXPECT_EQ(requests_since_mark(), 1u);
}

TEST_F(GetRetry, NotFoundIsNeverRetried) {
    ClientRig rig(sandbox.base_url());
    mark();
    const auto error = error_of([&] { rig->get_pay_order("order_0000000000000000"); });
    ASSERT_TRUE(error);
    EXPECT_EQ(error->kind(), ErrorKind::not_found);
    EXPECT_EQ(error->http_status(), 404);
    EXPECT_EQ(error->code(), "HUE00001");
    EXPECT_EQ(requests_since_mark(), 1u);
    EXPECT_EQ(rig->stats().retries, 0);
}

TEST_F(GetRetry, UnauthorizedIsNeverRetried) {
    RigOptions options;
    options.api_secret = "wrong_secret";
    ClientRig rig(sandbox.base_url(), options);
    mark();
    const auto error = error_of([&] { rig->get_pay_order("order_0000000000000000"); });
    ASSERT_TRUE(error);
    EXPECT_EQ(error->kind(), ErrorKind::unauthorized);
    EXPECT_EQ(error->http_status(), 401);
    EXPECT_EQ(requests_since_mark(), 1u);
    EXPECT_EQ(rig->stats().retries, 0);
}

TEST_F(GetRetry, InvalidRequestIsNeverRetried) {
    ClientRig rig(sandbox.base_url());
    mark();
    jodo::PayOrderRequest bad = sample_order();
    bad.phone = "12345";  // the client sends it; the sandbox refuses it
    const auto error = error_of([&] { rig->create_pay_order(bad); });
    ASSERT_TRUE(error);
    EXPECT_EQ(error->kind(), ErrorKind::invalid_request);
    EXPECT_EQ(error->http_status(), 400);
    EXPECT_EQ(error->code(), "HUE00000");
    EXPECT_EQ(requests_since_mark(), 1u);
    EXPECT_EQ(sandbox.create_count(), 0u);
    EXPECT_EQ(rig->stats().retries, 0);
}

TEST_F(GetRetry, SlowAnswerBeyondReadTimeoutIsRetried) {
    RigOptions options;
    options.read_timeout_ms = 300;
    ClientRig rig(sandbox.base_url(), options);
    const std::string id = order_via(rig);
    Fault slow{FaultKind::slow};
    slow.delay_ms = 1000;
    sandbox.inject_next(1, slow, "GET");

    const auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(rig->get_pay_order(id).id, id);
    const auto elapsed = std::chrono::steady_clock::now() - start;

    EXPECT_GE(elapsed, std::chrono::milliseconds(300));   // the timeout was waited out...
    EXPECT_LT(elapsed, std::chrono::milliseconds(1000));  // ...not the slow answer
    EXPECT_EQ(requests_since_mark(), 2u);
    EXPECT_EQ(rig->stats().retries, 1);
    EXPECT_EQ(sandbox.fault_stats().injected[FaultKind::slow], 1u);
}

TEST_F(GetRetry, SlowAnswerWithinReadTimeoutIsJustSlow) {
    RigOptions options;
    options.read_timeout_ms = 2000;
    ClientRig rig(sandbox.base_url(), options);
    const std::string id = order_via(rig);
    Fault slow{FaultKind::slow};
    slow.delay_ms = 300;
    sandbox.inject_next(1, slow, "GET");

    const auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(rig->get_pay_order(id).id, id);
    EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(300));
    EXPECT_EQ(requests_since_mark(), 1u);
    EXPECT_EQ(rig->stats().retries, 0);
}

TEST_F(GetRetry, DroppedConnectionsAreRetried) {
    ClientRig rig(sandbox.base_url());
    const std::string id = order_via(rig);
    sandbox.inject_next(1, Fault{FaultKind::drop_before}, "GET");
    sandbox.inject_next(1, Fault{FaultKind::drop_after_commit}, "GET");

    EXPECT_EQ(rig->get_pay_order(id).id, id);

    EXPECT_EQ(requests_since_mark(), 3u);
    EXPECT_EQ(rig->stats().retries, 2);
    EXPECT_EQ(sandbox.fault_stats().total(), 2u);
}

TEST_F(GetRetry, RefusedConnectionIsUnreachableAfterMaxAttempts) {
    ClientRig rig("http://127.0.0.1:" + std::to_string(unused_port()));

    const auto error = error_of([&] { rig->get_pay_order("order_0000000000000000"); });

    ASSERT_TRUE(error);
    EXPECT_EQ(error->kind(), ErrorKind::unreachable);
    EXPECT_EQ(rig->stats().attempts, 4);
    EXPECT_EQ(rig->stats().retries, 3);
    EXPECT_EQ(rig.waits().size(), 3u);
}

TEST_F(GetRetry, ChaosOverFiftyGetsEndsInSuccessOrATransientKind) {
    RigOptions options;
    options.read_timeout_ms = 200;
    ClientRig rig(sandbox.base_url(), options);
    const std::string id = order_via(rig);
    const long attempts_before = rig->stats().attempts;
    jodo::sandbox::ChaosFaults chaos;
    chaos.probability = 0.3;
    chaos.kinds = {FaultKind::status_429,       FaultKind::status_500, FaultKind::status_502,
                   FaultKind::status_503,       FaultKind::slow,       FaultKind::drop_before,
                   FaultKind::drop_after_commit};
    chaos.slow_ms = 400;  // beyond the 200 ms read timeout: every fault fails its attempt
    chaos.seed = 20261124;
    sandbox.set_chaos(chaos);

    std::size_t successes = 0;
    std::map<ErrorKind, int> failures;
    for (int i = 0; i < 50; ++i) {
        try {
            EXPECT_EQ(rig->get_pay_order(id).id, id);
            ++successes;
        } catch (const JodoError& e) {
            EXPECT_TRUE(e.transient()) << jodo::to_string(e.kind()) << ": " << e.what();
            ++failures[e.kind()];
        }
    }
    sandbox.set_chaos({});

    const jodo::sandbox::FaultStats stats = sandbox.fault_stats();
    std::size_t failed = 0;
    for (const auto& [kind, count] : failures)
        failed += static_cast<std::size_t>(count);
    EXPECT_EQ(successes + failed, 50u);
    EXPECT_GT(stats.total(), 0u);
    // Every attempt reached the sandbox; every faulted attempt failed and every
    // clean one answered, so attempts = faults + successes.
    EXPECT_EQ(requests_since_mark(),
              static_cast<std::size_t>(rig->stats().attempts - attempts_before));
    EXPECT_EQ(requests_since_mark(), stats.total() + successes);
    EXPECT_GE(successes, 45u);  // 0.3^4 per call: a failure is rare
}

}  // namespace
}  // namespace faults_test
