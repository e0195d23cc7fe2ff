// Retry behaviour of JodoClient against a scripted transport (a test double of
// our own HttpTransport interface); the same behaviour over real HTTP is in
// the acceptance suites.
#include "jodo/api/JodoClient.hpp"

#include <deque>
#include <variant>

#include <gtest/gtest.h>

#include "jodo/api/JodoError.hpp"

using jodo::ErrorKind;
using jodo::HttpReply;
using jodo::JodoClient;
using jodo::JodoError;
using jodo::Repeatable;
using jodo::TransportFailure;

namespace {

const char* kOrder = R"({"status":"success","data":{"id":"o1","status":"unpaid","details":[]}})";
const char* kCreated = R"({"data":{"order_id":"o1","redirect_url":"http://127.0.0.1/p/o1"}})";

struct Step {
    std::variant<HttpReply, TransportFailure> outcome;
};

class ScriptedTransport : public jodo::HttpTransport {
  public:
    explicit ScriptedTransport(std::deque<Step> script) : script_(std::move(script)) {}
    HttpReply send(const std::string&, const std::string&, const std::string&,
                   Repeatable) override {
        ++calls;
        if (script_.empty())
            throw std::logic_error("script exhausted");
        Step step = script_.front();
        script_.pop_front();
        if (auto* failure = std::get_if<TransportFailure>(&step.outcome))
            throw *failure;
        return std::get<HttpReply>(step.outcome);
    }
    int calls = 0;

  private:
    std::deque<Step> script_;
};

struct Harness {
    explicit Harness(std::deque<Step> script, jodo::RetryPolicy policy = {}) {
        auto transport = std::make_unique<ScriptedTransport>(std::move(script));
        scripted = transport.get();
        jodo::JodoConfig config;
        config.retry = policy;
        client = std::make_unique<JodoClient>(config, std::move(transport),
                                              [this](int ms) { waits.push_back(ms); });
    }
    ScriptedTransport* scripted;
    std::vector<int> waits;
    std::unique_ptr<JodoClient> client;
};

Step reply(int status, std::string body = "{}", std::string retry_after = "") {
    return {HttpReply{status, std::move(body), std::move(retry_after)}};
}
Step refused() {
    return {TransportFailure("connection refused", false, false)};
}
Step lost_answer() {
    return {TransportFailure("read timed out", true, true)};
}

}  // namespace

TEST(JodoClientRetry, GetRetriesTransientFailuresWithGrowingWaits) {
    Harness h({reply(503), reply(429), refused(), reply(200, kOrder)}, {5, 100, 10000, 60000});
    EXPECT_EQ(h.client->get_pay_order("o1").status, "unpaid");
    EXPECT_EQ(h.scripted->calls, 4);
    ASSERT_EQ(h.waits.size(), 3u);
    // Equal jitter: each wait is within [ceiling/2, ceiling] of 100, 200, 400.
    EXPECT_GE(h.waits[0], 50);
    EXPECT_LE(h.waits[0], 100);
    EXPECT_GE(h.waits[1], 100);
    EXPECT_LE(h.waits[1], 200);
    EXPECT_GE(h.waits[2], 200);
    EXPECT_LE(h.waits[2], 400);
    EXPECT_EQ(h.client->stats().retries, 3);
}

TEST(JodoClientRetry, StopsAfterMaxAttempts) {
    Harness h({reply(500), reply(500), reply(500), reply(200, kOrder)}, {3, 10, 100, 10000});
    try {
        h.client->get_pay_order("o1");
        FAIL();
    } catch (const JodoError& e) {
        EXPECT_EQ(e.kind(), ErrorKind::server_error);
    }
    EXPECT_EQ(h.scripted->calls, 3);
}

TEST(JodoClientRetry, StopsWhenTotalWaitWouldExceedBudget) {
    Harness h({reply(503), reply(503), reply(503), reply(200, kOrder)}, {10, 1000, 1000, 1000});
    EXPECT_THROW(h.client->get_pay_order("o1"), JodoError);
    EXPECT_EQ(h.scripted->calls, 2);
    EXPECT_EQ(h.waits.size(), 1u);
}

TEST(JodoClientRetry, HonoursRetryAfterSeconds) {
    Harness h({reply(429, "{}", "2"), reply(200, kOrder)}, {4, 10, 100, 10000});
    h.client->get_pay_order("o1");
    ASSERT_EQ(h.waits.size(), 1u);
    EXPECT_EQ(h.waits[0], 2000);
}

TEST(JodoClientRetry, NeverRetriesOtherClientErrors) {
    for (int status : {400, 401, 403, 404, 405, 409}) {
        Harness h({reply(status), reply(200, kOrder)});
        EXPECT_THROW(h.client->get_pay_order("o1"), JodoError) << status;
        EXPECT_EQ(h.scripted->calls, 1) << status;
    }
}

TEST(JodoClientRetry, CreateRetriesOnlyWhatCannotHaveTakenEffect) {
    Harness h({refused(), reply(503), reply(429), reply(200, kCreated)});
    EXPECT_EQ(h.client->create_pay_order({}).order_id, "o1");
    EXPECT_EQ(h.scripted->calls, 4);
}

TEST(JodoClientRetry, CreateWhoseAnswerWasLostIsOutcomeUnknownAndNotRepeated) {
    Harness h({lost_answer(), reply(200, kCreated)});
    try {
        h.client->create_pay_order({});
        FAIL();
    } catch (const JodoError& e) {
        EXPECT_EQ(e.kind(), ErrorKind::outcome_unknown);
    }
    EXPECT_EQ(h.scripted->calls, 1);
}

TEST(JodoClientRetry, CreateAnswered500IsOutcomeUnknown) {
    Harness h({reply(500), reply(200, kCreated)});
    try {
        h.client->create_pay_order({});
        FAIL();
    } catch (const JodoError& e) {
        EXPECT_EQ(e.kind(), ErrorKind::outcome_unknown);
    }
    EXPECT_EQ(h.scripted->calls, 1);
}

TEST(JodoClientRetry, CreateAnsweredAnyOther5xxIsOutcomeUnknown) {
    for (int status : {501, 502, 504, 520, 524}) {
        Harness h({reply(status), reply(200, kCreated)});
        try {
            h.client->create_pay_order({});
            FAIL() << status;
        } catch (const JodoError& e) {
            EXPECT_EQ(e.kind(), ErrorKind::outcome_unknown) << status;
        }
        EXPECT_EQ(h.scripted->calls, 1) << status;
    }
}

TEST(JodoClientRetry, GetWhoseAnswerWasLostIsRetried) {
    Harness h({lost_answer(), reply(200, kOrder)});
    EXPECT_EQ(h.client->get_pay_order("o1").id, "o1");
}

TEST(JodoClientRetry, CancelRefusedWithTheDocumented400IsAStateConflict) {
    // Cancel Payment Link documents 400 HUE00000 for a link that can no longer
    // be cancelled; a DELETE carries no data that could be wrong.
    Harness h({reply(400, R"({"status":"error","code":"HUE00000","message":"already paid"})")});
    try {
        h.client->cancel_payment_link("o1");
        FAIL();
    } catch (const JodoError& e) {
        EXPECT_EQ(e.kind(), ErrorKind::conflict);
        EXPECT_EQ(e.code(), "HUE00000");
        EXPECT_EQ(e.http_status(), 400);
        EXPECT_EQ(e.advice().find("correct the invoice"), std::string::npos) << e.advice();
    }
    EXPECT_EQ(h.scripted->calls, 1);
}
