// The student APIs of the sandbox over real HTTP on 127.0.0.1: Register Student,
// Update Student, Update Fee, List Products, and the documented errors
// (shared/jodo-api/student-*.txt; the choices in docs/jodo-choices.md).
#include <string>

#include <Poco/JSON/Array.h>

#include "SandboxTestSupport.hpp"

namespace jodo::sandbox::test {
namespace {

const char* const kFees =
    R"([{"component_type":"TUITION_FEE","fee_amount":30000,"discounts":[{"discount_type":"SIBLING","value":5000}]},{"component_type":"TRANSPORT_FEE","fee_amount":"4500"}])";

class StudentsTest : public SandboxTest {
  protected:
    std::string path(const std::string& id, const std::string& tail = "") const {
        return std::string(kErp) + "/students/" + id + tail;
    }

    std::string product_status(const std::string& id) {
        const auto result = api("GET", path(id, "/products?product_type=pay"));
        EXPECT_EQ(result.status, 200) << result.body;
        auto data = result.json()->getArray("data");
        if (data.isNull() || data->size() != 1) {
            ADD_FAILURE() << "not one pay product in " << result.body;
            return {};
        }
        EXPECT_EQ(data->getObject(0)->getValue<std::string>("product_type"), "pay");
        EXPECT_TRUE(data->getObject(0)->get("id").isInteger()) << result.body;
        return data->getObject(0)->getValue<std::string>("status");
    }

    // Expects a 400 MAE00000 whose message begins with `field`; nothing is registered.
    void expect_refused(const std::string& body, const std::string& field) {
        const auto result = api("POST", std::string(kErp) + "/users/FAM-1/students", body);
        EXPECT_EQ(result.status, 400) << result.body;
        auto json = result.json();
        EXPECT_EQ(json->optValue<std::string>("status", ""), "error");
        EXPECT_EQ(json->optValue<std::string>("code", ""), "MAE00000");
        EXPECT_EQ(json->optValue<std::string>("message", "").rfind(field + " ", 0), 0u)
            << "expected the message to name " << field << ": " << result.body;
        EXPECT_TRUE(sandbox.student_ids().empty());
    }
};

TEST_F(StudentsTest, RegisterAnswers201WithTheNewJodoStudentId) {
    const auto result =
        api("POST", std::string(kErp) + "/users/FAM-1/students", student_body("ENR-1", kFees));
    ASSERT_EQ(result.status, 201) << result.body;
    auto json = result.json();
    EXPECT_EQ(json->optValue<std::string>("status", ""), "success");
    auto data = json->getObject("data");
    ASSERT_FALSE(data.isNull()) << result.body;
    ASSERT_TRUE(data->get("jodo_student_id").isInteger()) << result.body;
    const auto id = data->getValue<std::int64_t>("jodo_student_id");
    EXPECT_GT(id, 0);
    EXPECT_EQ(data->getValue<std::string>("registration_id"), "FAM-1");
    ASSERT_EQ(sandbox.student_ids().size(), 1u);
    EXPECT_EQ(sandbox.student_ids()[0], id);

    // A sibling shares the registration id and gets an id of its own.
    const auto sibling = register_student("FAM-1", student_body("ENR-2"));
    EXPECT_NE(sibling, std::to_string(id));
    EXPECT_EQ(sandbox.student_ids().size(), 2u);
}

TEST_F(StudentsTest, ABadRegisterBodyIsRefusedNamingTheField) {
    expect_refused("[]", "request body");
    expect_refused(R"({"fee_components":[]})", "student");
    std::string body = student_body("ENR-1");
    body.replace(body.find(R"("grade":"5",)"), 12, "");
    expect_refused(body, "student.grade");
    body = student_body("ENR-1");
    body.replace(body.find("false"), 5, "\"no\"");
    expect_refused(body, "student.new_admission");
    body = student_body("ENR-1");
    body.replace(body.find("2016-04-01"), 10, "01/04/2016");
    expect_refused(body, "student.date_of_birth");
    expect_refused(
        student_body("ENR-1", R"([{"component_type":"TUITION_FEE","fee_amount":"ten"}])"),
        "fee_components[0].fee_amount");
    expect_refused(student_body("ENR-1", R"([{"fee_amount":100}])"),
                   "fee_components[0].component_type");
    expect_refused(
        student_body(
            "ENR-1",
            R"([{"component_type":"T","fee_amount":1,"discounts":[{"discount_type":"S"}]}])"),
        "fee_components[0].discounts[0].value");
}

TEST_F(StudentsTest, AnIdentifierAlreadyRegisteredIsAConflict) {
    const auto id = register_student("FAM-1", student_body("ENR-1"));
    const auto again =
        api("POST", std::string(kErp) + "/users/FAM-2/students", student_body("ENR-1"));
    EXPECT_EQ(again.status, 409) << again.body;
    EXPECT_NE(again.json()->optValue<std::string>("message", "").find(id), std::string::npos);
    EXPECT_EQ(sandbox.student_ids().size(), 1u);
}

TEST_F(StudentsTest, UpdateStudentChangesTheProfileAndAnswersWithIt) {
    const auto id = register_student("FAM-1", student_body("ENR-1"));
    const auto result =
        api("PATCH", path(id), R"({"fullname":"Ravi K. Rao","identifier":"ENR-1A"})");
    ASSERT_EQ(result.status, 200) << result.body;
    auto json = result.json();
    EXPECT_EQ(json->optValue<std::string>("status", ""), "success");
    EXPECT_EQ(json->optValue<std::string>("registration_id", ""), "FAM-1");
    auto data = json->getObject("data");
    ASSERT_FALSE(data.isNull());
    EXPECT_EQ(data->getValue<std::string>("fullname"), "Ravi K. Rao");
    EXPECT_EQ(data->getValue<std::string>("identifier"), "ENR-1A");
    EXPECT_EQ(data->getValue<std::string>("grade"), "5");
    EXPECT_EQ(data->getValue<int>("academic_year_start"), 2026);

    // fullname and identifier are both required; a refusal changes nothing.
    const auto refused = api("PATCH", path(id), R"({"fullname":"Someone Else"})");
    EXPECT_EQ(refused.status, 400) << refused.body;
    EXPECT_EQ(refused.json()->optValue<std::string>("message", "").rfind("identifier ", 0), 0u);
    const auto again =
        api("PATCH", path(id), R"({"fullname":"Ravi K. Rao","identifier":"ENR-1A"})");
    EXPECT_EQ(again.json()->getObject("data")->getValue<std::string>("fullname"), "Ravi K. Rao");
}

TEST_F(StudentsTest, UpdateFeeChangesWhatListProductsShows) {
    const auto id = register_student("FAM-1", student_body("ENR-1"));
    EXPECT_EQ(product_status(id), "inactive");

    const auto fee = api("PATCH", path(id, "/fee"),
                         R"({"fee_components":[{"component_type":"8926","fee_amount":"2250"}]})");
    ASSERT_EQ(fee.status, 200) << fee.body;
    EXPECT_EQ(fee.json()->optValue<std::string>("status", ""), "success");
    EXPECT_EQ(product_status(id), "pending");

    const auto paid =
        api("POST", path(id, "/payments"),
            R"({"amount":2250,"paid_at":"2026-01-05T10:00:00Z","transaction_id":"RCPT-1",)"
            R"("fee_components":[{"component_type":"8926","amount":2250}]})");
    ASSERT_EQ(paid.status, 201) << paid.body;
    EXPECT_EQ(product_status(id), "paid");

    // A higher fee is owed again.
    api("PATCH", path(id, "/fee"),
        R"({"fee_components":[{"component_type":"8926","fee_amount":3000}]})");
    EXPECT_EQ(product_status(id), "pending");

    const auto flex = api("GET", path(id, "/products?product_type=flex"));
    EXPECT_EQ(flex.status, 200);
    EXPECT_EQ(flex.json()->getArray("data")->size(), 0u);
    const auto bogus = api("GET", path(id, "/products?product_type=loan"));
    EXPECT_EQ(bogus.status, 400) << bogus.body;
    const auto no_fees = api("PATCH", path(id, "/fee"), R"({"fees":[]})");
    EXPECT_EQ(no_fees.status, 400) << no_fees.body;
    EXPECT_EQ(no_fees.json()->optValue<std::string>("message", "").rfind("fee_components ", 0), 0u);
}

TEST_F(StudentsTest, AnUnknownStudentIs404OnEveryStudentPath) {
    for (const std::string id : {"999999", "abc"}) {
        for (
            const auto& [method, tail, body] :
            {std::tuple<std::string, std::string, std::string>{"GET", "/payments", ""},
             {"POST", "/payments",
              R"({"amount":1,"paid_at":"2026-01-05T10:00:00Z","fee_components":[{"component_type":"T","amount":1}]})"},
             {"DELETE", "/payments/RCPT-1", ""},
             {"GET", "/products?product_type=pay", ""},
             {"PATCH", "", R"({"fullname":"X","identifier":"Y"})"},
             {"PATCH", "/fee", R"({"fee_components":[]})"}}) {
            const auto result = api(method, path(id, tail), body);
            EXPECT_EQ(result.status, 404) << method << " " << tail << ": " << result.body;
            EXPECT_EQ(result.json()->optValue<std::string>("code", ""), "MAE00001");
        }
    }
}

TEST_F(StudentsTest, StudentPathsNeedBasicAuth) {
    const auto id = register_student("FAM-1", student_body("ENR-1"));
    EXPECT_EQ(call("GET", path(id, "/payments")).status, 401);
    EXPECT_EQ(call("POST", std::string(kErp) + "/users/FAM-1/students", student_body("ENR-2"),
                   "Basic d3Jvbmc6d3Jvbmc=")
                  .status,
              401);
    EXPECT_EQ(sandbox.student_ids().size(), 1u);
}

}  // namespace
}  // namespace jodo::sandbox::test
