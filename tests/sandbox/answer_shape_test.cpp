// The sandbox's answer shapes and its own money reading (AnswerShape.hpp,
// SandboxMoney.hpp, RequestFields.hpp): what each shape puts on the wire, to
// the character, and the amounts the sandbox refuses.
#include <gtest/gtest.h>

#include <sstream>

#include <Poco/JSON/Object.h>

#include "host_sim/sandbox/AnswerShape.hpp"
#include "host_sim/sandbox/OrderJson.hpp"
#include "host_sim/sandbox/RequestFields.hpp"
#include "host_sim/sandbox/WebhookEnvelope.hpp"

using namespace jodo::sandbox;

namespace {

std::string shape_text(Paise paise, const std::string& traits, int year = 2022) {
    Poco::JSON::Object object(Poco::JSON_PRESERVE_KEY_ORDER);
    const AnswerShape shape = *parse_answer_shape(traits, nullptr);
    object.set("amount", amount_json(paise, shape));
    object.set("year", year_json(year, shape));
    std::ostringstream out;
    object.stringify(out);
    return out.str();
}

OrderRecord one_order() {
    OrderRecord record;
    record.order.order_id = "order_1";
    record.order.status = kStatusUnpaid;
    record.order.lines = {{"TUITION_FEE", 100000, "", ""}, {"BUS", 50005, "", ""}};
    record.academic_year_start = 2025;
    return record;
}

}  // namespace

TEST(AnswerShape, EachShapeWritesAmountsAndYearsAsTheDocsShowThem) {
    EXPECT_EQ(shape_text(100000, "documented"), R"({"amount":1000,"year":2022})");
    EXPECT_EQ(shape_text(100050, "integers"), R"({"amount":1000.5,"year":2022})");
    EXPECT_EQ(shape_text(100000, "numbers"), R"({"amount":1000.0,"year":2022})");
    EXPECT_EQ(shape_text(100005, "numbers"), R"({"amount":1000.05,"year":2022})");
    EXPECT_EQ(shape_text(100, "strings"), R"({"amount":"1.0","year":2022})");
    EXPECT_EQ(shape_text(99999999999999, "strings,string-years"),
              R"({"amount":"999999999999.99","year":"2022"})");
}

TEST(AnswerShape, UnknownTraitIsRefusedByName) {
    std::string reason;
    EXPECT_FALSE(parse_answer_shape("numbers,floats", &reason));
    EXPECT_EQ(reason, "unknown answer shape \"floats\"");
}

TEST(AnswerShape, WebhookBodyCarriesTheShapeAndUnknownFieldsAtEveryLevel) {
    const AnswerShape shape = *parse_answer_shape("strings,string-years,extra-fields", nullptr);
    const std::string body =
        webhook_body("ev_1", "order.payment.debited", 1700000000, one_order(), shape);
    EXPECT_NE(body.find(R"("amount":"1000.0")"), std::string::npos) << body;
    EXPECT_NE(body.find(R"("amount":"500.05")"), std::string::npos) << body;
    EXPECT_NE(body.find(R"("academic_year_start":"2025")"), std::string::npos) << body;
    for (const char* where : {"x_envelope_", "x_payload_", "x_order_", "x_line_"})
        EXPECT_NE(body.find(where), std::string::npos) << where << " in " << body;
}

TEST(SandboxMoney, DecimalTextIsReadExactlyOrRefusedWithAReason) {
    std::string reason;
    EXPECT_EQ(parse_decimal_rupees("1000", &reason), 100000);
    EXPECT_EQ(parse_decimal_rupees("1000.5", &reason), 100050);
    EXPECT_EQ(parse_decimal_rupees("999999999999.99", &reason), 99999999999999);
    EXPECT_FALSE(parse_decimal_rupees("1000000000000", &reason));
    EXPECT_EQ(reason, "is larger than 999999999999.99");
    EXPECT_FALSE(parse_decimal_rupees("1.005", &reason));
    EXPECT_EQ(reason, "has more than two decimals");
    EXPECT_FALSE(parse_decimal_rupees("1.", &reason));
    EXPECT_FALSE(parse_decimal_rupees(".5", &reason));
    EXPECT_FALSE(parse_decimal_rupees("-1", &reason));
    EXPECT_FALSE(parse_decimal_rupees(" 1", &reason));
    EXPECT_FALSE(parse_decimal_rupees("1e3", &reason));
}

TEST(SandboxMoney, JsonNumbersAreTwoDecimalAmountsOrRefused) {
    EXPECT_EQ(amount_value(Poco::Dynamic::Var(1000.5), "a"), 100050);
    EXPECT_EQ(amount_value(Poco::Dynamic::Var(999999999999.99), "a"), 99999999999999);
    EXPECT_EQ(amount_value(Poco::Dynamic::Var(Poco::Int64(12)), "a"), 1200);
    EXPECT_THROW(amount_value(Poco::Dynamic::Var(10000000.123), "a"), RequestError);
    EXPECT_THROW(amount_value(Poco::Dynamic::Var(Poco::UInt64(9223372036854775808ull)), "a"),
                 RequestError);
    EXPECT_THROW(amount_value(Poco::Dynamic::Var(true), "a"), RequestError);
    try {
        amount_value(Poco::Dynamic::Var(1.001), "details[0].amount");
        FAIL();
    } catch (const RequestError& e) {
        EXPECT_STREQ(e.what(), "details[0].amount has more than two decimals");
    }
}
