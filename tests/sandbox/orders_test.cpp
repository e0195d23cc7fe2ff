// Create Pay Order and Get Pay Order over real HTTP.
#include <regex>
#include <string>

#include <Poco/JSON/Array.h>

#include "SandboxTestSupport.hpp"

namespace jodo::sandbox::test {
namespace {

using Poco::JSON::Object;

class OrdersTest : public SandboxTest {};

TEST_F(OrdersTest, CreateWithNumberAmountsReturnsDocumentedShape) {
    const auto result = api("POST", kOrders,
                            order_body(R"([{"component_type":"COURSE_FEE","amount":1000.0},
                                           {"component_type":"BUS_FEE","amount":250.5}])",
                                       R"("callback_url":"https://erp.example.com/s?x=1&y=2")"));
    ASSERT_EQ(result.status, 200) << result.body;
    auto json = result.json();
    EXPECT_FALSE(json->has("status")) << "Create Pay Order's documented response has no status";
    auto data = json->getObject("data");
    ASSERT_FALSE(data.isNull());
    const auto order_id = data->getValue<std::string>("order_id");
    EXPECT_TRUE(std::regex_match(order_id, std::regex("order_[0-9a-f]{16}"))) << order_id;
    EXPECT_EQ(data->getValue<std::string>("redirect_url"),
              sandbox.base_url() + "/p/" + order_id +
                  "?callback_url=https%3A%2F%2Ferp.example.com%2Fs%3Fx%3D1%26y%3D2");

    auto stored = sandbox.find(order_id);
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->kind, "order");
    EXPECT_EQ(stored->status, "unpaid");
    ASSERT_EQ(stored->lines.size(), 2u);
    EXPECT_EQ(stored->lines[0].amount, 100000);
    EXPECT_EQ(stored->lines[1].amount, 25050);
    EXPECT_EQ(stored->total(), 125050);
    EXPECT_EQ(stored->callback_url, "https://erp.example.com/s?x=1&y=2");
    EXPECT_EQ(sandbox.create_count(), 1u);
}

TEST_F(OrdersTest, RedirectUrlHasNoQueryWithoutCallback) {
    const auto result = api("POST", kOrders, order_body());
    ASSERT_EQ(result.status, 200) << result.body;
    auto data = result.json()->getObject("data");
    const auto order_id = data->getValue<std::string>("order_id");
    EXPECT_EQ(data->getValue<std::string>("redirect_url"), sandbox.base_url() + "/p/" + order_id);
}

TEST_F(OrdersTest, StringAmountsAreAcceptedAndEchoedAsNumbers) {
    const auto order_id = create_order(order_body(R"([
        {"component_type":"COURSE_FEE","amount":"1.0"},
        {"component_type":"ADMISSION_FEE","amount":"1.0"},
        {"component_type":"TUITION_FEE","amount":"12.34"}])"));
    auto stored = sandbox.find(order_id);
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->total(), 100 + 100 + 1234);

    auto details = get_order_data(order_id)->getArray("details");
    ASSERT_FALSE(details.isNull());
    ASSERT_EQ(details->size(), 3u);
    const auto first = details->getObject(0)->get("amount");
    EXPECT_TRUE(first.isNumeric()) << first.toString();
    EXPECT_DOUBLE_EQ(first.convert<double>(), 1.0);
    EXPECT_DOUBLE_EQ(details->getObject(2)->get("amount").convert<double>(), 12.34);
}

TEST_F(OrdersTest, GetUnpaidOrderEchoesTheRequest) {
    const auto order_id = create_order(R"({
        "name": "Customer Name", "phone": "9876543210", "identifier": "any_ref_id",
        "email": "you@example.com", "custom_identifier": "test4567", "grade": "grade_5733xxx",
        "new_admission": true, "academic_year_start": "2022", "academic_year_end": 2023,
        "student_name": "Student Name", "collector_code": "1", "unknown_field": {"x": 1},
        "details": [{"component_type": "COURSE_FEE", "amount": "1.0"}],
        "callback_url": "http://example.com",
        "notes": [{"key": "user_id", "value": "123"}, {"key": "erp_ref", "value": "INV-9"}]})");
    auto data = get_order_data(order_id);
    EXPECT_EQ(data->getValue<std::string>("id"), order_id);
    EXPECT_EQ(data->getValue<std::string>("name"), "Customer Name");
    EXPECT_EQ(data->getValue<std::string>("phone"), "9876543210");
    EXPECT_EQ(data->getValue<std::string>("email"), "you@example.com");
    EXPECT_EQ(data->getValue<std::string>("identifier"), "any_ref_id");
    EXPECT_EQ(data->getValue<std::string>("custom_identifier"), "test4567");
    EXPECT_EQ(data->getValue<std::string>("grade"), "grade_5733xxx");
    EXPECT_EQ(data->getValue<std::string>("student_name"), "Student Name");
    EXPECT_TRUE(data->get("academic_year_start").isInteger());
    EXPECT_EQ(data->getValue<int>("academic_year_start"), 2022);
    EXPECT_EQ(data->getValue<int>("academic_year_end"), 2023);
    EXPECT_TRUE(data->getValue<bool>("new_admission"));
    EXPECT_EQ(data->getValue<std::string>("status"), "unpaid");
    EXPECT_TRUE(data->has("transaction_id"));
    EXPECT_TRUE(data->isNull("transaction_id"));
    EXPECT_TRUE(data->has("paid_at"));
    EXPECT_TRUE(data->isNull("paid_at"));
    EXPECT_FALSE(data->has("expires_at"));
    auto line = data->getArray("details")->getObject(0);
    EXPECT_EQ(line->getValue<std::string>("component_type"), "COURSE_FEE");
    EXPECT_TRUE(line->has("settlement_utr"));
    EXPECT_TRUE(line->isNull("settlement_utr"));
    EXPECT_TRUE(line->isNull("settled_at"));
    auto notes = data->getArray("notes");
    ASSERT_EQ(notes->size(), 2u);
    EXPECT_EQ(notes->getObject(0)->getValue<std::string>("key"), "user_id");
    EXPECT_EQ(notes->getObject(0)->getValue<std::string>("value"), "123");
    EXPECT_EQ(notes->getObject(1)->getValue<std::string>("value"), "INV-9");
}

TEST_F(OrdersTest, PayThenSettleShowsTransactionPaidAtAndUtrs) {
    std::int64_t now = 1646129145;  // 2022-03-01T10:05:45Z
    sandbox.set_clock([&now] { return now; });
    const auto order_id = create_order(order_body(R"([{"component_type":"A","amount":1000},
                                                       {"component_type":"B","amount":"20.00"}])"));

    const auto pay = call("POST", "/_sandbox/orders/" + order_id + "/pay");
    ASSERT_EQ(pay.status, 200) << pay.body;
    const auto transaction = pay.json()->getValue<std::string>("transaction_id");
    EXPECT_TRUE(std::regex_match(transaction, std::regex("trans_[0-9a-f]{12}"))) << transaction;

    auto paid = get_order_data(order_id);
    EXPECT_EQ(paid->getValue<std::string>("status"), "paid");
    EXPECT_EQ(paid->getValue<std::string>("transaction_id"), transaction);
    EXPECT_EQ(paid->getValue<std::string>("paid_at"), "2022-03-01T10:05:45Z");
    EXPECT_TRUE(paid->getArray("details")->getObject(0)->isNull("settlement_utr"));

    now += 86400;
    const auto settle = call("POST", "/_sandbox/orders/" + order_id + "/settle");
    ASSERT_EQ(settle.status, 200) << settle.body;
    auto utrs = settle.json()->getArray("utrs");
    ASSERT_FALSE(utrs.isNull());
    ASSERT_EQ(utrs->size(), 2u);
    const auto utr0 = utrs->getElement<std::string>(0);
    const auto utr1 = utrs->getElement<std::string>(1);
    EXPECT_TRUE(std::regex_match(utr0, std::regex("UTR[0-9]{12}"))) << utr0;
    EXPECT_NE(utr0, utr1);

    auto settled = get_order_data(order_id)->getArray("details");
    EXPECT_EQ(settled->getObject(0)->getValue<std::string>("settlement_utr"), utr0);
    EXPECT_EQ(settled->getObject(1)->getValue<std::string>("settlement_utr"), utr1);
    EXPECT_EQ(settled->getObject(0)->getValue<std::string>("settled_at"), "2022-03-02T10:05:45Z");

    // Settling again keeps the first UTRs.
    EXPECT_EQ(sandbox.settle(order_id), (std::vector<std::string>{utr0, utr1}));
}

TEST_F(OrdersTest, PhoneWithCountryCodeIsStoredAsTenDigits) {
    const auto order_id = create_order(R"({"name":"A","phone":"+91 9876543210","email":"a@b.in",
        "details":[{"component_type":"X","amount":1}]})");
    EXPECT_EQ(get_order_data(order_id)->getValue<std::string>("phone"), "9876543210");
}

TEST_F(OrdersTest, UnknownOrderIs404) {
    const auto result = api("GET", std::string(kOrders) + "/order_0000000000000000");
    EXPECT_EQ(result.status, 404);
    auto json = result.json();
    EXPECT_EQ(json->getValue<std::string>("status"), "error");
    EXPECT_EQ(json->getValue<std::string>("code"), "HUE00001");
    EXPECT_NE(json->getValue<std::string>("message").find("order_0000000000000000"),
              std::string::npos);
}

TEST_F(OrdersTest, UnknownApiPathIs404) {
    const auto result = api("GET", "/api/v1/integrations/pay/refunds");
    EXPECT_EQ(result.status, 404);
    EXPECT_EQ(result.json()->getValue<std::string>("code"), "HUE00001");
}

TEST_F(OrdersTest, WrongMethodIs405) {
    const auto on_collection = api("GET", kOrders);
    EXPECT_EQ(on_collection.status, 405);
    EXPECT_EQ(on_collection.json()->getValue<std::string>("code"), "HUE00405");
    EXPECT_EQ(on_collection.allow, "POST");

    const auto order_id = create_order(order_body());
    const auto on_item = api("DELETE", std::string(kOrders) + "/" + order_id);
    EXPECT_EQ(on_item.status, 405);
    EXPECT_EQ(on_item.json()->getValue<std::string>("code"), "HUE00405");
    EXPECT_EQ(sandbox.find(order_id)->status, "unpaid");
}

struct BadRequestCase {
    const char* label;
    std::string body;
    std::string message;  // exact "message" expected in the 400 body
};

void PrintTo(const BadRequestCase& c, std::ostream* os) {
    *os << c.label;
}

class CreateValidationTest : public SandboxTest,
                             public ::testing::WithParamInterface<BadRequestCase> {};

TEST_P(CreateValidationTest, Is400NamingTheField) {
    const auto& c = GetParam();
    for (const char* path : {kOrders, kLinks}) {
        const auto result = api("POST", path, c.body);
        EXPECT_EQ(result.status, 400) << path << " " << result.body;
        auto json = result.json();
        EXPECT_EQ(json->optValue<std::string>("status", ""), "error");
        EXPECT_EQ(json->optValue<std::string>("code", ""), "HUE00000");
        EXPECT_EQ(json->optValue<std::string>("message", ""), c.message) << path;
    }
    EXPECT_EQ(sandbox.create_count(), 0u);
}

const std::string kOneLine = R"([{"component_type":"X","amount":1}])";

INSTANTIATE_TEST_SUITE_P(
    Sandbox, CreateValidationTest,
    ::testing::Values(
        BadRequestCase{"missing_phone",
                       R"({"name":"A","email":"a@b.in","details":)" + kOneLine + "}",
                       "phone is missing"},
        BadRequestCase{
            "short_phone",
            R"({"name":"A","phone":"98765","email":"a@b.in","details":)" + kOneLine + "}",
            "phone must be 10 digits, optionally prefixed with +91"},
        BadRequestCase{"missing_name",
                       R"({"phone":"9876543210","email":"a@b.in","details":)" + kOneLine + "}",
                       "name is missing"},
        BadRequestCase{
            "blank_name",
            R"({"name":"  ","phone":"9876543210","email":"a@b.in","details":)" + kOneLine + "}",
            "name must not be empty"},
        BadRequestCase{
            "email_without_at",
            R"({"name":"A","phone":"9876543210","email":"ab.in","details":)" + kOneLine + "}",
            "email must be an email address containing @"},
        BadRequestCase{"missing_details", R"({"name":"A","phone":"9876543210","email":"a@b.in"})",
                       "details is missing"},
        BadRequestCase{"empty_details",
                       R"({"name":"A","phone":"9876543210","email":"a@b.in","details":[]})",
                       "details must not be empty"},
        BadRequestCase{"zero_amount", order_body(R"([{"component_type":"A","amount":5},
                                      {"component_type":"B","amount":0}])"),
                       "details[1].amount must be greater than zero"},
        BadRequestCase{"zero_string_amount",
                       order_body(R"([{"component_type":"A","amount":"0.00"}])"),
                       "details[0].amount must be greater than zero"},
        BadRequestCase{"three_decimals", order_body(R"([{"component_type":"A","amount":"1.005"}])"),
                       "details[0].amount \"1.005\" has more than two decimals"},
        BadRequestCase{"missing_amount", order_body(R"([{"component_type":"A"}])"),
                       "details[0].amount is missing"},
        BadRequestCase{"blank_component", order_body(R"([{"component_type":"","amount":1}])"),
                       "details[0].component_type must not be empty"},
        BadRequestCase{"bad_year", order_body(kOneLine, R"("academic_year_start":"20x2")"),
                       "academic_year_start \"20x2\" is not a year"},
        BadRequestCase{"bad_callback", order_body(kOneLine, R"("callback_url":"erp/status")"),
                       "callback_url must be an http:// or https:// URL"},
        BadRequestCase{"note_without_key", order_body(kOneLine, R"("notes":[{"value":"1"}])"),
                       "notes[0].key is missing"},
        BadRequestCase{"not_json", "{name:", "request body is not valid JSON"},
        BadRequestCase{"not_an_object", "[1,2]", "request body is not a JSON object"}),
    [](const ::testing::TestParamInfo<BadRequestCase>& info) { return info.param.label; });

}  // namespace
}  // namespace jodo::sandbox::test
