#pragma once

// What the sandbox's webhook tests share: a receiver on 127.0.0.1, the
// sandbox's webhook options, and readers of the delivered envelopes.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <regex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>

#include "SandboxTestSupport.hpp"
#include "WebhookReceiver.hpp"

namespace jodo::sandbox::test {

using Poco::JSON::Array;
using Poco::JSON::Object;
using Clock = std::chrono::steady_clock;

inline constexpr std::int64_t kJan2026 = 1767225600;  // 2026-01-01T00:00:00Z
inline const char* const kSecret = "whsec_sandbox_test";
inline const char* const kUuid =
    "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

inline Object::Ptr parse(const std::string& body) {
    try {
        return Poco::JSON::Parser().parse(body).extract<Object::Ptr>();
    } catch (const std::exception&) {
        ADD_FAILURE() << "not a JSON object: " << body;
        return new Object;
    }
}

inline Object::Ptr order_of(const std::string& body) {
    auto payload = parse(body)->getObject("payload");
    if (payload.isNull() || payload->getObject("order").isNull()) {
        ADD_FAILURE() << "no payload.order in " << body;
        return new Object;
    }
    return payload->getObject("order");
}

inline std::string event_of(const ReceivedRequest& request) {
    return parse(request.body)->optValue<std::string>("event", "");
}

inline std::vector<std::string> events_of(const std::vector<ReceivedRequest>& requests) {
    std::vector<std::string> names;
    for (const auto& request : requests)
        names.push_back(event_of(request));
    return names;
}

inline long long ms_between(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(b - a).count();
}

// A loopback port nobody listens on (bound, then released).
inline std::uint16_t closed_port() {
    Poco::Net::ServerSocket socket;
    socket.bind(Poco::Net::SocketAddress("127.0.0.1", 0), true, false);
    const auto port = socket.address().port();
    socket.close();
    return port;
}

class WebhooksTest : public SandboxTest {
  protected:
    void SetUp() override {
        SandboxTest::SetUp();
        sandbox.set_clock([this] { return now.load(); });
    }

    WebhookOptions options(std::vector<int> delays = {20, 40}) const {
        WebhookOptions o;
        o.url = receiver.url();
        o.secret = kSecret;
        o.header_name = "X-Erp-Webhook-Token";
        o.header_value = "tok_123";
        o.retry_delays_ms = std::move(delays);
        o.timeout_ms = 2000;
        return o;
    }

    void use_webhooks(std::vector<int> delays = {20, 40}) { sandbox.set_webhooks(options(delays)); }

    std::string new_order() {
        return create_order(order_body(
            R"([{"component_type":"TUITION_FEE","amount":1000.0},{"component_type":"BUS_FEE","amount":250.5}])",
            R"("identifier":"INV-7","student_name":"Ravi Rao","notes":[{"key":"erp_invoice_id","value":"INV-7"}])"));
    }

    // Waits for the dispatcher and for `count` requests at the receiver.
    std::vector<ReceivedRequest> delivered(std::size_t count, int timeout_ms = 5000) {
        EXPECT_TRUE(sandbox.wait_for_webhooks(timeout_ms));
        EXPECT_TRUE(receiver.wait_for(count, timeout_ms));
        auto got = receiver.received();
        EXPECT_EQ(got.size(), count) << "events: " << ::testing::PrintToString(events_of(got));
        return got;
    }

    WebhookReceiver receiver;
    std::atomic<std::int64_t> now{kJan2026};
};

}  // namespace jodo::sandbox::test
