// One JodoClient (one PocoHttpTransport and its keep-alive pool) shared by 8
// threads against the sandbox over real HTTP.
#include <atomic>
#include <thread>

#include "FaultRig.hpp"

namespace faults_test {
namespace {

constexpr int kThreads = 8;
constexpr int kCallsPerThread = 25;

class SharedClient : public SandboxFixture {
  protected:
    // One order per thread, each with its own amount so a crossed answer shows.
    void create_orders(ClientRig& rig) {
        for (int t = 0; t < kThreads; ++t) {
            ids_.push_back(
                rig->create_pay_order(sample_order("INV-T" + std::to_string(t), 100000 + t * 101))
                    .order_id);
        }
        mark();
    }

    std::vector<std::string> ids_;
};

TEST_F(SharedClient, EightThreadsTimesTwentyFiveGetsAreAllCorrect) {
    ClientRig rig(sandbox.base_url());
    create_orders(rig);
    const long attempts_before = rig->stats().attempts;

    std::atomic<int> correct{0};
    std::atomic<int> wrong{0};
    std::vector<std::string> errors(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kCallsPerThread; ++i) {
                // Alternate between this thread's order and a neighbour's.
                const int which = (i % 2 == 0) ? t : (t + 1) % kThreads;
                try {
                    const jodo::RemoteOrder order = rig->get_pay_order(ids_[which]);
                    if (order.id == ids_[which] && order.total() == 100000 + which * 101 &&
                        order.status == "unpaid")
                        ++correct;
                    else
                        ++wrong;
                } catch (const std::exception& e) {
                    ++wrong;
                    errors[t] = e.what();
                }
            }
        });
    }
    for (auto& thread : threads)
        thread.join();

    for (int t = 0; t < kThreads; ++t)
        EXPECT_EQ(errors[t], "") << "thread " << t;
    EXPECT_EQ(correct.load(), kThreads * kCallsPerThread);
    EXPECT_EQ(wrong.load(), 0);
    EXPECT_EQ(requests_since_mark(), static_cast<std::size_t>(kThreads * kCallsPerThread));
    EXPECT_EQ(rig->stats().attempts - attempts_before, kThreads * kCallsPerThread);
    EXPECT_EQ(rig->stats().retries, 0);
}

TEST_F(SharedClient, EightThreadsUnderChaosEndInSuccessOrATransientKind) {
    RigOptions options;
    options.policy = fast_policy(6);
    ClientRig rig(sandbox.base_url(), options);
    create_orders(rig);
    const long attempts_before = rig->stats().attempts;
    jodo::sandbox::ChaosFaults chaos;
    chaos.probability = 0.25;
    chaos.kinds = {FaultKind::status_429, FaultKind::status_500,  FaultKind::status_502,
                   FaultKind::status_503, FaultKind::drop_before, FaultKind::drop_after_commit};
    chaos.seed = 7;
    sandbox.set_chaos(chaos);

    std::atomic<int> succeeded{0};
    std::atomic<int> failed_transient{0};
    std::atomic<int> wrong{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kCallsPerThread; ++i) {
                try {
                    const jodo::RemoteOrder order = rig->get_pay_order(ids_[t]);
                    if (order.id == ids_[t] && order.total() == 100000 + t * 101)
                        ++succeeded;
                    else
                        ++wrong;
                } catch (const JodoError& e) {
                    (e.transient() ? failed_transient : wrong)++;
                } catch (const std::exception&) {
                    ++wrong;
                }
            }
        });
    }
    for (auto& thread : threads)
        thread.join();
    sandbox.set_chaos({});

    EXPECT_EQ(wrong.load(), 0);
    EXPECT_EQ(succeeded.load() + failed_transient.load(), kThreads * kCallsPerThread);
    EXPECT_GT(sandbox.fault_stats().total(), 0u);
    // Every attempt the shared client counted reached the sandbox, and every
    // unfaulted one succeeded.
    EXPECT_EQ(requests_since_mark(),
              static_cast<std::size_t>(rig->stats().attempts - attempts_before));
    EXPECT_EQ(requests_since_mark(),
              sandbox.fault_stats().total() + static_cast<std::size_t>(succeeded.load()));
}

}  // namespace
}  // namespace faults_test
