#include "SandboxTestSupport.hpp"

#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include "host_sim/sandbox/BasicAuth.hpp"

namespace jodo::sandbox::test {

Poco::JSON::Object::Ptr HttpResult::json() const {
    Poco::JSON::Parser parser;
    Poco::Dynamic::Var parsed;
    try {
        parsed = parser.parse(body);
    } catch (const std::exception& e) {
        ADD_FAILURE() << "not JSON: " << body;
        return new Poco::JSON::Object;
    }
    if (parsed.type() != typeid(Poco::JSON::Object::Ptr)) {
        ADD_FAILURE() << "not a JSON object: " << body;
        return new Poco::JSON::Object;
    }
    return parsed.extract<Poco::JSON::Object::Ptr>();
}

HttpResult send(Poco::Net::HTTPClientSession& session, const std::string& method,
                const std::string& path, const std::string& body,
                const std::string& authorization) {
    Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    request.setKeepAlive(true);
    if (!authorization.empty())
        request.set("Authorization", authorization);
    if (!body.empty()) {
        request.setContentType("application/json");
        request.setContentLength(static_cast<std::streamsize>(body.size()));
    } else if (method == "POST" || method == "PUT") {
        request.setContentLength(0);
    }
    session.sendRequest(request) << body;
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    HttpResult result;
    result.status = static_cast<int>(response.getStatus());
    result.content_type = response.getContentType();
    result.allow = response.get("Allow", "");
    result.location = response.get("Location", "");
    Poco::StreamCopier::copyToString(in, result.body);
    return result;
}

std::string order_body(const std::string& details_json, const std::string& extra_members) {
    std::string body = R"({"name":"Asha Rao","phone":"9876543210","email":"asha@example.com",)";
    body += R"("details":)" + details_json;
    if (!extra_members.empty())
        body += "," + extra_members;
    return body + "}";
}

std::string student_body(const std::string& identifier, const std::string& fees_json) {
    std::string body = R"({"student":{"fullname":"Ravi Rao","identifier":")" + identifier;
    body += R"(","grade":"5","new_admission":false,"academic_year_start":"2026",)";
    body += R"("academic_year_end":"2027","date_of_birth":"2016-04-01",)";
    body += R"("primary_contact_name":"Asha Rao","primary_contact_number":"9876543210",)";
    body += R"("primary_contact_email":"asha@example.com"})";
    if (!fees_json.empty())
        body += R"(,"fee_components":)" + fees_json;
    return body + "}";
}

std::string SandboxTest::register_student(const std::string& registration_id,
                                          const std::string& body) {
    const auto result =
        api("POST", std::string(kErp) + "/users/" + registration_id + "/students", body);
    EXPECT_EQ(result.status, 201) << result.body;
    auto data = result.json()->getObject("data");
    if (data.isNull() || !data->has("jodo_student_id")) {
        ADD_FAILURE() << "no data.jodo_student_id in " << result.body;
        return "0";
    }
    return data->get("jodo_student_id").toString();
}

void SandboxTest::SetUp() {
    sandbox.start();
}

void SandboxTest::TearDown() {
    sandbox.stop();
}

std::string SandboxTest::good_auth() const {
    return BasicAuth::header_value("sandbox_key", "sandbox_secret");
}

HttpResult SandboxTest::call(const std::string& method, const std::string& path,
                             const std::string& body, const std::string& authorization) {
    Poco::Net::HTTPClientSession session("127.0.0.1", sandbox.port());
    session.setTimeout(Poco::Timespan(5, 0));
    return send(session, method, path, body, authorization);
}

HttpResult SandboxTest::api(const std::string& method, const std::string& path,
                            const std::string& body) {
    return call(method, path, body, good_auth());
}

std::string SandboxTest::create_order(const std::string& body) {
    const auto result = api("POST", kOrders, body);
    EXPECT_EQ(result.status, 200) << result.body;
    auto data = result.json()->getObject("data");
    if (data.isNull()) {
        ADD_FAILURE() << "no data in " << result.body;
        return {};
    }
    return data->getValue<std::string>("order_id");
}

std::string SandboxTest::create_link(const std::string& body) {
    const auto result = api("POST", kLinks, body);
    EXPECT_EQ(result.status, 201) << result.body;
    auto data = result.json()->getObject("data");
    if (data.isNull()) {
        ADD_FAILURE() << "no data in " << result.body;
        return {};
    }
    return data->getValue<std::string>("order_id");
}

Poco::JSON::Object::Ptr SandboxTest::get_order_data(const std::string& order_id) {
    const auto result = api("GET", std::string(kOrders) + "/" + order_id);
    EXPECT_EQ(result.status, 200) << result.body;
    auto json = result.json();
    EXPECT_EQ(json->optValue<std::string>("status", ""), "success") << result.body;
    auto data = json->getObject("data");
    if (data.isNull()) {
        ADD_FAILURE() << "no data in " << result.body;
        return new Poco::JSON::Object;
    }
    return data;
}

Poco::JSON::Object::Ptr SandboxTest::get_link_data(const std::string& order_id) {
    const auto result = api("GET", std::string(kLinks) + "/" + order_id);
    EXPECT_EQ(result.status, 200) << result.body;
    auto data = result.json()->getObject("data");
    if (data.isNull()) {
        ADD_FAILURE() << "no data in " << result.body;
        return new Poco::JSON::Object;
    }
    return data;
}

}  // namespace jodo::sandbox::test
