// Shared by the sandbox tests: a running sandbox on a free loopback port and a
// tiny real-HTTP client (Poco HTTPClientSession) to talk to it.
#pragma once

#include <string>

#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPClientSession.h>
#include <gtest/gtest.h>

#include "host_sim/sandbox/JodoSandbox.hpp"

namespace jodo::sandbox::test {

struct HttpResult {
    int status = 0;
    std::string body;
    std::string content_type;
    std::string allow;
    std::string location;
    Poco::JSON::Object::Ptr json() const;  // fails the test if the body is not a JSON object
};

// One request on `session` (which may be reused: keep-alive).
HttpResult send(Poco::Net::HTTPClientSession& session, const std::string& method,
                const std::string& path, const std::string& body = "",
                const std::string& authorization = "");

// A valid Create Pay Order / Create Payment Link body with the given details array
// and extra top-level members (each "\"key\": value", comma-joined).
std::string order_body(
    const std::string& details_json = R"([{"component_type":"Payable Amount","amount":1000.0}])",
    const std::string& extra_members = "");

// A valid Register Student body: every documented student field, and
// "fee_components": fees_json when not empty.
std::string student_body(const std::string& identifier, const std::string& fees_json = "");

class SandboxTest : public ::testing::Test {
  protected:
    void SetUp() override;
    void TearDown() override;

    // New connection per call, with valid credentials unless told otherwise.
    HttpResult api(const std::string& method, const std::string& path,
                   const std::string& body = "");
    HttpResult call(const std::string& method, const std::string& path,
                    const std::string& body = "", const std::string& authorization = "");

    // POSTs a body that must be accepted; returns data.order_id.
    std::string create_order(const std::string& body);
    std::string create_link(const std::string& body);

    Poco::JSON::Object::Ptr get_order_data(const std::string& order_id);
    Poco::JSON::Object::Ptr get_link_data(const std::string& order_id);

    std::string good_auth() const;

    // Registers a student under `registration_id` (must answer 201); its Jodo id as text.
    std::string register_student(const std::string& registration_id, const std::string& body);

    JodoSandbox sandbox;
};

inline constexpr const char* kOrders = "/api/v1/integrations/pay/orders";
inline constexpr const char* kLinks = "/api/v1/integrations/pay/payment_links";
inline constexpr const char* kErp = "/api/v1/integrations/erp";

}  // namespace jodo::sandbox::test
