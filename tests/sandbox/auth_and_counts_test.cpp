// Authentication, request counters, keep-alive, concurrency and the facade's
// own controls.
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/StreamSocket.h>

#include "SandboxTestSupport.hpp"
#include "host_sim/sandbox/BasicAuth.hpp"

namespace jodo::sandbox::test {
namespace {

class AuthTest : public SandboxTest {
  protected:
    void expect_401(const HttpResult& result) {
        EXPECT_EQ(result.status, 401) << result.body;
        auto json = result.json();
        EXPECT_EQ(json->optValue<std::string>("status", ""), "error");
        EXPECT_EQ(json->optValue<std::string>("code", ""), "HUE00401");
        EXPECT_EQ(json->optValue<std::string>("message", ""),
                  "Authentication failed: invalid API key or secret");
    }
};

TEST_F(AuthTest, MissingOrWrongCredentialsAre401) {
    expect_401(call("POST", kOrders, order_body()));
    expect_401(call("POST", kOrders, order_body(), BasicAuth::header_value("sandbox_key", "nope")));
    expect_401(
        call("POST", kOrders, order_body(), BasicAuth::header_value("other", "sandbox_secret")));
    expect_401(call("POST", kOrders, order_body(),
                    BasicAuth::header_value("sandbox_key", "sandbox_secret2")));
    expect_401(call("GET", std::string(kOrders) + "/x", "", "Bearer sandbox_key:sandbox_secret"));
    expect_401(call("GET", std::string(kOrders) + "/x", "", "Basic !!!not-base64!!!"));
    expect_401(call("GET", "/api/anything", "", ""));
    EXPECT_EQ(sandbox.create_count(), 0u);
}

TEST_F(AuthTest, LowercaseSchemeIsAccepted) {
    std::string header = good_auth();
    header.replace(0, 5, "basic");
    EXPECT_EQ(call("POST", kOrders, order_body(), header).status, 200);
}

TEST(SandboxCredentials, CustomKeyAndSecretAreEnforced) {
    SandboxOptions options;
    options.api_key = "live_like_key";
    options.api_secret = "s3cr:et";  // a colon in the secret is fine
    JodoSandbox sandbox(options);
    sandbox.start();
    Poco::Net::HTTPClientSession session("127.0.0.1", sandbox.port());
    EXPECT_EQ(send(session, "POST", kOrders, order_body(),
                   BasicAuth::header_value("sandbox_key", "sandbox_secret"))
                  .status,
              401);
    EXPECT_EQ(send(session, "POST", kOrders, order_body(),
                   BasicAuth::header_value("live_like_key", "s3cr:et"))
                  .status,
              200);
    EXPECT_EQ(sandbox.create_count(), 1u);
}

TEST_F(AuthTest, ApiRequestCountIncludesRejectedRequests) {
    EXPECT_EQ(sandbox.api_request_count(), 0u);
    EXPECT_EQ(call("POST", kOrders, order_body()).status, 401);
    EXPECT_EQ(api("POST", kOrders, "{}").status, 400);
    EXPECT_EQ(api("GET", std::string(kOrders) + "/order_missing").status, 404);
    EXPECT_EQ(api("PUT", kOrders, order_body()).status, 405);
    EXPECT_EQ(api("GET", "/api/v2/nothing").status, 404);
    EXPECT_EQ(sandbox.api_request_count(), 5u);
    EXPECT_EQ(sandbox.create_count(), 0u);

    const auto id = create_order(order_body());
    EXPECT_EQ(sandbox.api_request_count(), 6u);
    EXPECT_EQ(sandbox.create_count(), 1u);

    // Checkout, controls and other paths are not Jodo API requests.
    EXPECT_EQ(call("GET", "/p/" + id).status, 200);
    EXPECT_EQ(call("POST", "/_sandbox/orders/" + id + "/pay").status, 200);
    EXPECT_EQ(call("GET", "/favicon.ico").status, 404);
    EXPECT_EQ(sandbox.api_request_count(), 6u);
}

TEST_F(AuthTest, KeepAliveSessionSurvivesRejectedRequestsWithBodies) {
    Poco::Net::HTTPClientSession session("127.0.0.1", sandbox.port());
    session.setKeepAlive(true);
    EXPECT_EQ(send(session, "POST", kOrders, order_body()).status, 401);
    const auto created = send(session, "POST", kOrders, order_body(), good_auth());
    ASSERT_EQ(created.status, 200) << created.body;
    const auto id = created.json()->getObject("data")->getValue<std::string>("order_id");
    EXPECT_EQ(send(session, "POST", kOrders, "{bad", good_auth()).status, 400);
    const auto got = send(session, "GET", std::string(kOrders) + "/" + id, "", good_auth());
    EXPECT_EQ(got.status, 200);
    EXPECT_EQ(sandbox.api_request_count(), 4u);
}

TEST_F(AuthTest, ConcurrentCreatesAreAllStored) {
    constexpr int kThreads = 4;
    constexpr int kPerThread = 10;
    std::vector<std::vector<std::string>> ids(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([this, t, &ids] {
            Poco::Net::HTTPClientSession session("127.0.0.1", sandbox.port());
            for (int i = 0; i < kPerThread; ++i) {
                const auto r = send(session, "POST", kOrders, order_body(), good_auth());
                if (r.status == 200)
                    ids[t].push_back(
                        r.json()->getObject("data")->getValue<std::string>("order_id"));
            }
        });
    }
    for (auto& thread : threads)
        thread.join();
    std::set<std::string> unique;
    for (const auto& list : ids)
        unique.insert(list.begin(), list.end());
    EXPECT_EQ(unique.size(), static_cast<std::size_t>(kThreads * kPerThread));
    EXPECT_EQ(sandbox.create_count(), static_cast<std::size_t>(kThreads * kPerThread));
    EXPECT_EQ(sandbox.api_request_count(), static_cast<std::size_t>(kThreads * kPerThread));
    for (const auto& id : unique)
        EXPECT_TRUE(sandbox.find(id)) << id;
}

TEST_F(AuthTest, FacadeControlsRefuseWhatCannotHappen) {
    EXPECT_THROW(sandbox.pay("order_unknown"), std::runtime_error);
    EXPECT_THROW(sandbox.settle("order_unknown"), std::runtime_error);
    EXPECT_THROW(sandbox.expire_now("order_unknown"), std::runtime_error);
    EXPECT_FALSE(sandbox.find("order_unknown"));

    const auto id = create_order(order_body());
    EXPECT_THROW(sandbox.settle(id), std::runtime_error) << "unpaid orders cannot settle";
    const auto transaction = sandbox.pay(id);
    EXPECT_EQ(sandbox.find(id)->transaction_id, transaction);
    EXPECT_THROW(sandbox.pay(id), std::runtime_error) << "paid orders cannot be paid again";
    const auto utrs = sandbox.settle(id);
    ASSERT_EQ(utrs.size(), 1u);
    EXPECT_EQ(sandbox.find(id)->lines[0].settlement_utr, utrs[0]);
}

TEST_F(AuthTest, ControlRoutesAnswer404And409AsJson) {
    const auto unknown = call("POST", "/_sandbox/orders/order_nope/pay");
    EXPECT_EQ(unknown.status, 404);
    EXPECT_EQ(unknown.json()->getValue<std::string>("code"), "HUE00001");

    const auto id = create_order(order_body());
    const auto settle = call("POST", "/_sandbox/orders/" + id + "/settle");
    EXPECT_EQ(settle.status, 409);
    EXPECT_EQ(settle.json()->getValue<std::string>("code"), "HUE00409");
    EXPECT_EQ(call("GET", "/_sandbox/orders/" + id + "/pay").status, 405);
    EXPECT_EQ(sandbox.find(id)->status, "unpaid");
}

TEST_F(AuthTest, PostWithoutContentLengthHasAnEmptyBody) {
    // curl -X POST sends neither Content-Length nor chunked coding; RFC 7230 says
    // the body is empty, so the sandbox must answer at once instead of waiting.
    const auto id = create_order(order_body());
    Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", sandbox.port()));
    socket.setReceiveTimeout(Poco::Timespan(2, 0));
    const std::string request =
        "POST /_sandbox/orders/" + id + "/pay HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    socket.sendBytes(request.data(), static_cast<int>(request.size()));
    char buffer[512] = {};
    const int received = socket.receiveBytes(buffer, sizeof buffer - 1);
    ASSERT_GT(received, 0);
    EXPECT_EQ(std::string(buffer).rfind("HTTP/1.1 200", 0), 0u) << buffer;
    EXPECT_EQ(sandbox.find(id)->status, "paid");
}

TEST(SandboxLifecycle, StartFailsWhenThePortIsTaken) {
    JodoSandbox first;
    first.start();
    ASSERT_NE(first.port(), 0);
    EXPECT_EQ(first.base_url(), "http://127.0.0.1:" + std::to_string(first.port()));

    SandboxOptions options;
    options.port = first.port();
    JodoSandbox second(options);
    EXPECT_THROW(second.start(), std::runtime_error);
}

TEST(SandboxLifecycle, StopIsIdempotentAndClosesThePort) {
    JodoSandbox sandbox;
    sandbox.start();
    const auto port = sandbox.port();
    sandbox.stop();
    sandbox.stop();
    Poco::Net::HTTPClientSession session("127.0.0.1", port);
    session.setTimeout(Poco::Timespan(2, 0));
    EXPECT_ANY_THROW(send(session, "GET", "/p/x"));
}

}  // namespace
}  // namespace jodo::sandbox::test
