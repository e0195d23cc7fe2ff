// The sandbox's fault injection itself, seen from raw HTTP (no JodoClient):
// what a faulted exchange looks like on the wire, the /_sandbox/faults control,
// plan ordering and chaos bookkeeping.
#include <chrono>
#include <sstream>
#include <stdexcept>

#include <Poco/Base64Encoder.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>

#include "FaultRig.hpp"

namespace faults_test {
namespace {

using jodo::sandbox::ChaosFaults;

const std::string kOrders = "/api/v1/integrations/pay/orders";
const std::string kOrderBody =
    R"({"name":"Asha Rao","phone":"9876543210","email":"asha@example.com",)"
    R"("details":[{"component_type":"Tuition Fee","amount":1500.5}]})";

std::string basic_auth() {
    std::ostringstream out;
    Poco::Base64Encoder encoder(out);
    encoder << "sandbox_key:sandbox_secret";
    encoder.close();
    return "Basic " + out.str();
}

struct Answer {
    int status = 0;
    std::string body;
    std::string retry_after;
    Poco::JSON::Object::Ptr json() const {
        return Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
    }
};

class SandboxFaults : public SandboxFixture {
  protected:
    // One exchange on a fresh connection; throws what Poco throws.
    Answer send(const std::string& method, const std::string& path, const std::string& body = "",
                bool api_auth = true) {
        Poco::Net::HTTPClientSession session("127.0.0.1", sandbox.port());
        session.setTimeout(Poco::Timespan(3, 0));
        Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
        if (api_auth)
            request.set("Authorization", basic_auth());
        if (!body.empty() || method == "POST") {
            request.setContentType("application/json");
            request.setContentLength(static_cast<std::streamsize>(body.size()));
        }
        session.sendRequest(request) << body;
        Poco::Net::HTTPResponse response;
        std::istream& in = session.receiveResponse(response);
        Answer answer;
        answer.status = static_cast<int>(response.getStatus());
        Poco::StreamCopier::copyToString(in, answer.body);
        answer.retry_after = response.get("Retry-After", "");
        return answer;
    }

    std::string create_order() {
        const Answer answer = send("POST", kOrders, kOrderBody);
        EXPECT_EQ(answer.status, 200) << answer.body;
        return answer.json()->getObject("data")->getValue<std::string>("order_id");
    }

    // Writes a raw request and reads until the server closes or resets the
    // connection; returns what arrived.
    std::string raw_exchange(const std::string& request_text, bool* reset) {
        Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", sandbox.port()));
        socket.setReceiveTimeout(Poco::Timespan(3, 0));
        socket.sendBytes(request_text.data(), static_cast<int>(request_text.size()));
        std::string received;
        *reset = false;
        char buffer[1024];
        try {
            for (;;) {
                const int n = socket.receiveBytes(buffer, sizeof buffer);
                if (n <= 0)
                    break;
                received.append(buffer, static_cast<std::size_t>(n));
            }
        } catch (const Poco::Net::ConnectionResetException&) {
            *reset = true;
        }
        return received;
    }
};

TEST_F(SandboxFaults, StatusFaultAnswersTheDocumentedErrorBodyWithoutProcessing) {
    Fault unavailable{FaultKind::status_503};
    unavailable.retry_after_s = 7;
    sandbox.inject_next(1, unavailable);

    const Answer answer = send("POST", kOrders, kOrderBody);

    EXPECT_EQ(answer.status, 503);
    EXPECT_EQ(answer.retry_after, "7");
    const auto json = answer.json();
    EXPECT_EQ(json->getValue<std::string>("status"), "error");
    EXPECT_EQ(json->getValue<std::string>("code"), "HUE00503");
    EXPECT_FALSE(json->getValue<std::string>("message").empty());
    EXPECT_EQ(json->size(), 3u);
    EXPECT_EQ(sandbox.create_count(), 0u);
    EXPECT_EQ(sandbox.api_request_count(), 1u);
}

TEST_F(SandboxFaults, EachStatusKindAnswersItsStatusAndCode) {
    const std::pair<FaultKind, int> kinds[] = {{FaultKind::status_429, 429},
                                               {FaultKind::status_500, 500},
                                               {FaultKind::status_502, 502},
                                               {FaultKind::status_503, 503}};
    for (const auto& [kind, status] : kinds) {
        sandbox.inject_next(1, Fault{kind});
        const Answer answer = send("GET", kOrders + "/order_x");
        EXPECT_EQ(answer.status, status);
        EXPECT_EQ(answer.json()->getValue<std::string>("code"), "HUE00" + std::to_string(status));
        EXPECT_EQ(answer.retry_after, "");  // retry_after_s -1: no header
    }
    EXPECT_EQ(sandbox.fault_stats().total(), 4u);
}

TEST_F(SandboxFaults, FaultsComeBeforeAuthentication) {
    sandbox.inject_next(1, Fault{FaultKind::status_429});
    EXPECT_EQ(send("GET", kOrders + "/order_x", "", /*api_auth=*/false).status, 429);
    EXPECT_EQ(send("GET", kOrders + "/order_x", "", /*api_auth=*/false).status, 401);
    EXPECT_EQ(sandbox.api_request_count(), 2u);
}

TEST_F(SandboxFaults, DropBeforeAnswersNothingAndResetsTheConnection) {
    sandbox.inject_next(1, Fault{FaultKind::drop_before});
    const std::string request = "POST " + kOrders +
                                " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + basic_auth() +
                                "\r\nContent-Type: application/json\r\nContent-Length: " +
                                std::to_string(kOrderBody.size()) + "\r\n\r\n" + kOrderBody;
    bool reset = false;
    const std::string received = raw_exchange(request, &reset);

    EXPECT_EQ(received, "");  // not a 500, not a status line: nothing
    EXPECT_TRUE(reset);       // SO_LINGER 0: a RST, not an orderly end
    EXPECT_EQ(sandbox.create_count(), 0u);
    EXPECT_EQ(sandbox.api_request_count(), 1u);
    EXPECT_EQ(sandbox.fault_stats().injected[FaultKind::drop_before], 1u);
}

TEST_F(SandboxFaults, DropAfterCommitCreatesTheOrderAndAnswersNothing) {
    sandbox.inject_next(1, Fault{FaultKind::drop_after_commit});
    EXPECT_THROW(send("POST", kOrders, kOrderBody), Poco::Exception);  // no response at all
    EXPECT_EQ(sandbox.create_count(), 1u);
    EXPECT_EQ(sandbox.api_request_count(), 1u);
    // The sandbox keeps serving new connections.
    EXPECT_EQ(send("POST", kOrders, kOrderBody).status, 200);
    EXPECT_EQ(sandbox.create_count(), 2u);
}

TEST_F(SandboxFaults, PlansApplyInOrderAndCountDown) {
    sandbox.inject_next(1, Fault{FaultKind::status_500});
    sandbox.inject_next(2, Fault{FaultKind::status_503});
    const std::string path = kOrders + "/order_x";
    EXPECT_EQ(send("GET", path).status, 500);
    EXPECT_EQ(send("GET", path).status, 503);
    EXPECT_EQ(send("GET", path).status, 503);
    EXPECT_EQ(send("GET", path).status, 404);  // plans used up: the real answer
}

TEST_F(SandboxFaults, MethodFilteredPlanSkipsOtherMethods) {
    sandbox.inject_next(1, Fault{FaultKind::status_502}, "post");  // any case
    sandbox.inject_next(1, Fault{FaultKind::status_429});
    // A GET skips the POST-only plan and takes the next one.
    EXPECT_EQ(send("GET", kOrders + "/order_x").status, 429);
    EXPECT_EQ(send("GET", kOrders + "/order_x").status, 404);
    EXPECT_EQ(send("POST", kOrders, kOrderBody).status, 502);
    EXPECT_EQ(send("POST", kOrders, kOrderBody).status, 200);
}

TEST_F(SandboxFaults, ControlsDoNotTakeFaults) {
    const std::string id = create_order();
    sandbox.inject_next(1, Fault{FaultKind::status_503});
    EXPECT_EQ(send("POST", "/_sandbox/orders/" + id + "/pay", "", false).status, 200);
    EXPECT_EQ(sandbox.fault_stats().total(), 0u);
    EXPECT_EQ(send("GET", kOrders + "/" + id).status, 503);
}

TEST_F(SandboxFaults, HttpControlQueuesListsAndClearsFaults) {
    const std::string id = create_order();
    Answer queued =
        send("POST", "/_sandbox/faults",
             R"({"count":2,"kind":"status_503","retry_after_s":4,"method":"GET"})", false);
    ASSERT_EQ(queued.status, 200) << queued.body;
    EXPECT_EQ(queued.json()->getValue<int>("count"), 2);

    EXPECT_EQ(send("POST", kOrders, kOrderBody).status, 200);  // POST: not matched
    const Answer first = send("GET", kOrders + "/" + id);
    EXPECT_EQ(first.status, 503);
    EXPECT_EQ(first.retry_after, "4");

    const Answer stats = send("GET", "/_sandbox/faults", "", false);
    ASSERT_EQ(stats.status, 200);
    EXPECT_EQ(stats.json()->getValue<int>("total"), 1);
    EXPECT_EQ(stats.json()->getObject("injected")->getValue<int>("status_503"), 1);

    EXPECT_EQ(send("DELETE", "/_sandbox/faults", "", false).status, 200);
    EXPECT_EQ(send("GET", kOrders + "/" + id).status, 200);  // the second one was cleared
    EXPECT_EQ(sandbox.fault_stats().total(), 1u);            // counts are kept
}

TEST_F(SandboxFaults, HttpControlSlowAndDropKinds) {
    const std::string id = create_order();
    ASSERT_EQ(send("POST", "/_sandbox/faults", R"({"kind":"slow","delay_ms":300})", false).status,
              200);
    const auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(send("GET", kOrders + "/" + id).status, 200);
    EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(300));

    ASSERT_EQ(send("POST", "/_sandbox/faults", R"({"kind":"drop_before"})", false).status, 200);
    EXPECT_THROW(send("GET", kOrders + "/" + id), Poco::Exception);
    EXPECT_EQ(sandbox.fault_stats().injected[FaultKind::slow], 1u);
    EXPECT_EQ(sandbox.fault_stats().injected[FaultKind::drop_before], 1u);
}

TEST_F(SandboxFaults, HttpControlRefusesBadBodies) {
    for (const char* body :
         {R"({"kind":"status_418"})", R"({"count":0,"kind":"status_503"})",
          R"({"kind":"slow","delay_ms":-5})", R"({"kind":"slow","delay_ms":"x"})", "[1]",
          "not json", R"({"count":1.5,"kind":"status_503"})"}) {
        const Answer answer = send("POST", "/_sandbox/faults", body, false);
        EXPECT_EQ(answer.status, 400) << body;
        EXPECT_EQ(answer.json()->getValue<std::string>("code"), "HUE00000") << body;
    }
    EXPECT_EQ(send("PUT", "/_sandbox/faults", "{}", false).status, 405);
    EXPECT_EQ(send("GET", kOrders + "/order_x").status, 404);  // nothing was queued
}

TEST_F(SandboxFaults, ChaosAtProbabilityOneFaultsEveryRequestWithTheGivenKinds) {
    ChaosFaults chaos;
    chaos.probability = 1.0;
    chaos.kinds = {FaultKind::status_429, FaultKind::status_502};
    sandbox.set_chaos(chaos);
    int answered_429 = 0;
    int answered_502 = 0;
    for (int i = 0; i < 40; ++i) {
        const int status = send("GET", kOrders + "/order_x").status;
        answered_429 += status == 429;
        answered_502 += status == 502;
    }
    EXPECT_EQ(answered_429 + answered_502, 40);
    EXPECT_GT(answered_429, 0);
    EXPECT_GT(answered_502, 0);
    const auto stats = sandbox.fault_stats();
    EXPECT_EQ(stats.injected.at(FaultKind::status_429), static_cast<std::size_t>(answered_429));
    EXPECT_EQ(stats.total(), 40u);

    sandbox.set_chaos({});  // probability 0: off
    EXPECT_EQ(send("GET", kOrders + "/order_x").status, 404);
}

TEST_F(SandboxFaults, ChaosIsReproducibleFromItsSeed) {
    ChaosFaults chaos;
    chaos.probability = 0.5;
    chaos.kinds = {FaultKind::status_500, FaultKind::status_503};
    chaos.seed = 42;
    auto run = [&] {
        sandbox.set_chaos(chaos);
        std::string statuses;
        for (int i = 0; i < 30; ++i)
            statuses += std::to_string(send("GET", kOrders + "/order_x").status) + " ";
        return statuses;
    };
    const std::string first = run();
    EXPECT_EQ(run(), first);
    EXPECT_NE(first.find("404"), std::string::npos);
    EXPECT_NE(first.find("50"), std::string::npos);
}

TEST_F(SandboxFaults, InvalidSettingsAreRefused) {
    ChaosFaults chaos;
    chaos.probability = 1.5;
    EXPECT_THROW(sandbox.set_chaos(chaos), std::invalid_argument);
    Fault slow{FaultKind::slow};
    slow.delay_ms = -1;
    EXPECT_THROW(sandbox.inject_next(1, slow), std::invalid_argument);
}

TEST_F(SandboxFaults, KindNamesRoundTrip) {
    for (FaultKind kind : {FaultKind::status_429, FaultKind::status_500, FaultKind::status_502,
                           FaultKind::status_503, FaultKind::slow, FaultKind::drop_before,
                           FaultKind::drop_after_commit}) {
        const auto back = jodo::sandbox::fault_kind_from_string(jodo::sandbox::to_string(kind));
        ASSERT_TRUE(back.has_value());
        EXPECT_EQ(*back, kind);
    }
    EXPECT_EQ(jodo::sandbox::to_string(FaultKind::drop_after_commit), "drop_after_commit");
}

TEST_F(SandboxFaults, StopCutsASlowFaultShort) {
    Fault slow{FaultKind::slow};
    slow.delay_ms = 20000;
    sandbox.inject_next(1, slow);
    std::thread client([&] {
        try {
            send("GET", kOrders + "/order_x");
        } catch (const Poco::Exception&) {
            // the sandbox stops under it
        }
    });
    ASSERT_TRUE(eventually([&] { return sandbox.fault_stats().total() == 1u; }));
    const auto start = std::chrono::steady_clock::now();
    sandbox.stop();
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
    client.join();
}

TEST_F(SandboxFaults, LatencyDelaysEveryApiRequestAndOutlivesClearFaults) {
    EXPECT_THROW(sandbox.set_latency_ms(-1), std::invalid_argument);
    sandbox.set_latency_ms(200);
    sandbox.clear_faults();  // latency is not a fault
    const auto start = std::chrono::steady_clock::now();
    const std::string order_id = create_order();
    const auto took = std::chrono::steady_clock::now() - start;
    EXPECT_GE(took, std::chrono::milliseconds(200));
    EXPECT_EQ(sandbox.create_count(), 1u);
    EXPECT_EQ(sandbox.fault_stats().total(), 0u);
    sandbox.set_latency_ms(0);
    EXPECT_EQ(send("GET", kOrders + "/" + order_id).status, 200);
}

}  // namespace
}  // namespace faults_test
