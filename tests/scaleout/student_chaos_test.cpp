// Issue 22 under chaos: student-linked Pay run by several host-sim processes at
// once against one database, while the sandbox fails ~20% of the student API
// calls (5xx, lost requests, lost answers, slow answers), duplicates, reorders
// and drops webhooks, and processes are SIGKILLed at every student crash
// point. Parents pay in Jodo meanwhile, payments settle and the school cancels
// receipts. After a calm phase that runs the actions until nothing changes,
// the student invariants (support/StudentInvariants.hpp) must hold.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <mutex>
#include <thread>

#include "erp_sql/NativeStatement.hpp"
#include "host_sim/sandbox/SandboxErrors.hpp"
#include "support/ErpDatabases.hpp"
#include "support/Invariants.hpp"
#include "support/ScaleRig.hpp"
#include "support/StudentInvariants.hpp"
#include "support/StudentSchool.hpp"

using jodo::sandbox::FaultKind;
using scaleout::Exit;
using scaleout::PrivateDatabase;
using scaleout::ScaleRig;
using scaleout::StudentSchool;

namespace {
constexpr int kGenerated = 24;
constexpr int kGraceS = 3;  // jodo.reconcile.creating_grace_s: crashed intents resolve after it

const char* const kActions[] = {"sync_students", "push_counter_payments", "pull_student_payments"};

// Processes that run one action after another until stopped; a pause lets
// the test make fresh work for the crashing processes with nobody racing it.
class Lanes {
  public:
    Lanes(ScaleRig& rig, const std::filesystem::path& config) : rig_(rig), config_(config) {}
    ~Lanes() { stop(); }
    void start() {
        for (const char* action : kActions)
            threads_.emplace_back([this, action] { loop(action); });
    }
    void pause() {
        paused_ = true;
        while (busy_ > 0)
            scaleout::sleep_ms(20);
    }
    void resume() { paused_ = false; }
    void stop() {
        stop_ = true;
        for (auto& t : threads_)
            t.join();
        threads_.clear();
    }
    std::vector<Exit> exits() {
        std::lock_guard<std::mutex> lock(mutex_);
        return exits_;
    }

  private:
    void loop(const std::string& action) {
        while (!stop_) {
            if (paused_) {
                scaleout::sleep_ms(20);
                continue;
            }
            ++busy_;
            if (!paused_) {
                Exit e = rig_.run({"action", action}, config_, {}, 60000);
                std::lock_guard<std::mutex> lock(mutex_);
                exits_.push_back(std::move(e));
            }
            --busy_;
        }
    }
    ScaleRig& rig_;
    std::filesystem::path config_;
    std::atomic<bool> stop_{false}, paused_{false};
    std::atomic<int> busy_{0};
    std::mutex mutex_;
    std::vector<Exit> exits_;
    std::vector<std::thread> threads_;
};

long field_sum(const Exit& e, const std::vector<std::string>& keys) {
    long sum = 0;
    for (const auto& key : keys) {
        const std::string value = scaleout::field(e.out, key);
        sum += value.empty() ? 0 : std::stol(value);
    }
    return sum;
}

int pending_events(ScaleRig& rig) {
    auto session = rig.session();
    const auto rows = erp_sql::NativeStatement(session,
                                               "SELECT COUNT(*) FROM jodo_webhook_inbox "
                                               "WHERE state = 'pending'")
                          .run({});
    return std::stoi(rows.rows.at(0).at(0).value_or("0"));
}
}  // namespace

class StudentChaos : public testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        db_ = std::make_unique<PrivateDatabase>(GetParam());
        ACCEPTANCE_REQUIRE_DATABASE(*db_);
        rig_ = std::make_unique<ScaleRig>(db_->connection_string());
        rig_->use_plugin_dir(JODO_TEST_HOOKS_PLUGIN_DIR);
        config_ =
            rig_->write_config("host", {{"reconcile.creating_grace_s", std::to_string(kGraceS)},
                                        {"students.interval_s", "0"}});
    }
    // Processes SIGKILLed at `points`, all at once; returns how many died there.
    int crash(const std::string& action, const std::vector<std::string>& points) {
        std::vector<std::unique_ptr<scaleout::Subprocess>> running;
        for (const auto& point : points)
            running.push_back(rig_->spawn({"action", action}, config_, {{"JODO_CRASH_AT", point}}));
        int killed = 0;
        for (std::size_t i = 0; i < running.size(); ++i) {
            const Exit e = running[i]->wait(60000);
            EXPECT_FALSE(e.timed_out) << points[i] << ": " << e.describe();
            killed += e.signal == SIGKILL ? 1 : 0;
            crashes_ += points[i] + (e.signal == SIGKILL ? "=killed " : "=not_reached ");
        }
        return killed;
    }
    void pay(std::int64_t jodo_id, std::vector<std::pair<std::int64_t, std::string>>& paid) {
        try {
            paid.emplace_back(jodo_id, rig_->sandbox().pay_student(jodo_id));
        } catch (const jodo::sandbox::StudentConflict&) {
            ++owed_nothing_;  // everything was paid already (a counter receipt, say)
        }
    }
    void settle(const std::vector<std::pair<std::int64_t, std::string>>& paid, std::size_t from,
                std::size_t step) {
        for (std::size_t i = from; i < paid.size(); i += step) {
            try {
                rig_->sandbox().settle_student_payment(paid[i].first, paid[i].second);
            } catch (const jodo::sandbox::StudentConflict&) {
                // settled already
            }
        }
    }

    std::unique_ptr<PrivateDatabase> db_;
    std::unique_ptr<ScaleRig> rig_;
    std::filesystem::path config_;
    std::string crashes_;
    int owed_nothing_ = 0;
};

TEST_P(StudentChaos, EveryStudentPaymentAndReceiptEndsOnceOrFlagged) {
    ScaleRig& rig = *rig_;
    auto& sandbox = rig.sandbox();
    StudentSchool school(rig, kGenerated);
    school.add_receipts(1, 8);
    const auto started = std::chrono::steady_clock::now();

    const auto serve_config = rig.write_config(
        "serve", {{"webhook.worker_interval_ms", "50"}, {"students.interval_s", "0"}});
    std::string url;
    auto server = rig.serve(serve_config, &url);
    ASSERT_FALSE(url.empty()) << server->err();
    rig.send_webhooks_to(url, {200, 400, 800, 1600});
    jodo::sandbox::ChaosFaults chaos;
    chaos.probability = 0.2;
    chaos.kinds = {FaultKind::status_500, FaultKind::status_503, FaultKind::drop_before,
                   FaultKind::drop_after_commit, FaultKind::slow};
    chaos.slow_ms = 400;
    chaos.seed = 22;
    chaos.path_prefix = "/api/v1/integrations/erp/";
    sandbox.set_chaos(chaos);
    sandbox.set_webhook_chaos({0.2, 0.1, 0.2, 150, 22});

    // Chaos: registrations cut off, then three processes at it concurrently.
    int killed =
        crash("sync_students", {"student.after_register_intent", "student.after_register"});
    Lanes lanes(rig, config_);
    lanes.start();
    for (int i = 0; i < 100 && school.registered().size() < 20; ++i)
        scaleout::sleep_ms(100);

    // Fresh receipts and payments with the lanes paused, so the crashing
    // processes are the ones to take them; the serve process sees the
    // payments' webhooks only afterwards, reversed.
    lanes.pause();
    school.add_receipts(9, 8);
    killed += crash("push_counter_payments", {"counter.after_intent", "counter.after_add"});
    std::vector<std::pair<std::int64_t, std::string>> paid;
    const auto registered = school.registered();
    ASSERT_GE(registered.size(), 4u) << crashes_;
    sandbox.hold_webhooks();
    for (std::size_t i = 0; i < registered.size(); i += 3)
        pay(std::stoll(registered[i].second), paid);
    killed += crash("pull_student_payments",
                    {"student_payment.before_post", "student_payment.after_post"});
    sandbox.release_webhooks(true);
    // Two students' transport fee rises: the sync sends Update Fee and the
    // parents pay again below.
    school.set_fee(registered[0].first, "TRANSPORT_FEE", "10500.75");
    school.set_fee(registered[3].first, "TRANSPORT_FEE", "10100.10");
    lanes.resume();

    for (std::size_t i = 1; i < registered.size(); i += 3)
        pay(std::stoll(registered[i].second), paid);
    scaleout::sleep_ms(800);
    school.cancel_receipt("CR-G-01");
    school.cancel_receipt("CR-G-09");
    settle(paid, 0, 2);
    scaleout::sleep_ms(800);
    pay(std::stoll(registered[0].second), paid);
    pay(std::stoll(registered[3].second), paid);
    school.cancel_receipt("CR-G-05");
    school.cancel_receipt("CR-G-16");
    settle(paid, 1, 4);
    scaleout::sleep_ms(800);
    lanes.stop();
    const auto faults = sandbox.fault_stats().total();
    for (const auto& e : lanes.exits())
        EXPECT_TRUE(!e.timed_out && e.signal == 0) << e.describe();

    // Calm: no faults, webhooks drain, crashed intents age past the grace,
    // then the three actions run until a round changes nothing.
    sandbox.clear_faults();
    sandbox.set_webhook_chaos({});
    settle(paid, 3, 4);  // settled in the calm: by webhook or by the pull
    EXPECT_TRUE(sandbox.wait_for_webhooks(20000));
    scaleout::sleep_ms(kGraceS * 1000 + 200);
    for (int i = 0; i < 100 && pending_events(rig) > 0; ++i)
        scaleout::sleep_ms(100);
    int rounds = 0;
    for (long changed = 1; changed > 0 && rounds < 6; ++rounds) {
        changed = 0;
        for (const char* action : kActions) {
            const Exit e = rig.run({"action", action}, config_);
            ASSERT_TRUE(e.ok()) << e.describe();
            changed += field_sum(e, {"registered", "updated", "sent", "confirmed", "cancelled",
                                     "review", "posted", "settled"});
        }
    }
    EXPECT_LT(rounds, 6) << "the actions still change something after 6 calm rounds";

    const auto world = scaleout::read_student_world(rig);
    const auto violations = scaleout::student_violations(world);
    EXPECT_TRUE(violations.empty()) << scaleout::joined(violations);
    std::size_t flagged_students = 0, posted = world.payments.size(), sent = 0, flagged = 0;
    for (const auto& [id, m] : world.module_students)
        flagged_students += m.state != "registered";
    for (const auto& [id, row] : world.counter_rows)
        (row.state == "sent" || row.state == "cancelled" ? sent : flagged) += 1;
    EXPECT_GE(killed, 3) << crashes_;
    EXPECT_GE(posted, 4u);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf(
        "[student chaos %s] %zu students (%zu flagged), %zu Jodo payments posted, %zu "
        "receipts sent/cancelled, %zu flagged, %zu faults, %d crashed (%s), %d lane runs, "
        "%d calm rounds, %d owed nothing, %.1f s\n",
        GetParam().c_str(), world.students.size(), flagged_students, posted, sent, flagged, faults,
        killed, crashes_.c_str(), int(lanes.exits().size()), rounds, owed_nothing_, seconds);
    RecordProperty("crashes", crashes_);
}

INSTANTIATE_TEST_SUITE_P(Databases, StudentChaos,
                         testing::Values("sqlite", "postgresql", "mariadb"),
                         [](const auto& info) { return info.param; });
