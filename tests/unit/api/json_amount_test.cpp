// Amounts as Jodo's JSON carries them, judged on the digits Jodo wrote: a
// third decimal is never rounded away, every DECIMAL(14,2) value is accepted,
// and any other number is a WireError naming the field (never another
// exception type that escapes the callers' handlers).
#include <gtest/gtest.h>

#include <string>

#include "jodo/api/RemoteOrder.hpp"
#include "jodo/api/json_fields.hpp"
#include "jodo/api/money.hpp"
#include "jodo/api/wire_error.hpp"

using jodo::amount_from_json;
using jodo::Paise;
using jodo::WireError;

namespace {
// Get Pay Order's answer with one line whose amount is written as `amount`.
std::string order_with_amount(const std::string& amount) {
    return R"({"status":"success","data":{"id":"order_1","status":"paid","details":[)"
           R"({"component_type":"Fee","amount":)" +
           amount + "}]}}";
}

Paise wire_amount(const std::string& amount) {
    return jodo::parse_remote_order_response(order_with_amount(amount)).lines.at(0).amount;
}

// The reason the wire amount was refused; fails the test when it was accepted
// or refused with anything but a WireError naming the amount's field.
std::string refusal(const std::string& amount) {
    try {
        const Paise p = wire_amount(amount);
        ADD_FAILURE() << amount << " accepted as " << p << " paise";
    } catch (const WireError& e) {
        EXPECT_EQ(e.field(), "data.details[0].amount") << amount;
        return e.what();
    } catch (const std::exception& e) {
        ADD_FAILURE() << amount << " raised a non-WireError: " << e.what();
    }
    return {};
}

bool says(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}
}  // namespace

TEST(JsonAmount, AThirdDecimalIsRefusedAtEveryMagnitude) {
    EXPECT_TRUE(says(refusal("10000000.123"), "more than two decimals"));
    EXPECT_TRUE(says(refusal("999999999999.995"), "more than two decimals"));
    EXPECT_TRUE(says(refusal("123456789012.345"), "more than two decimals"));
    EXPECT_TRUE(says(refusal("0.001"), "more than two decimals"));
    EXPECT_THROW(amount_from_json(Poco::Dynamic::Var(10000000.123), "x"), WireError);
    EXPECT_THROW(amount_from_json(Poco::Dynamic::Var(99999999999.991), "x"), WireError);
}

TEST(JsonAmount, EveryDecimal14Point2ValueIsAccepted) {
    EXPECT_EQ(wire_amount("999999999999.99"), 99999999999999);
    EXPECT_EQ(wire_amount("999999999999"), 99999999999900);
    EXPECT_EQ(wire_amount("123456789012.34"), 12345678901234);
    EXPECT_EQ(wire_amount("10000000000.01"), 1000000000001);
    EXPECT_EQ(wire_amount("0.01"), 1);
    EXPECT_EQ(wire_amount("0"), 0);
    EXPECT_EQ(wire_amount("1000.0"), 100000);
    EXPECT_EQ(wire_amount("\"999999999999.99\""), 99999999999999);
    EXPECT_EQ(amount_from_json(Poco::Dynamic::Var(999999999999.99), "x"), 99999999999999);
    EXPECT_EQ(amount_from_json(Poco::Dynamic::Var(Poco::Int64(999999999999)), "x"), 99999999999900);
}

TEST(JsonAmount, BeyondDecimal14Point2IsTooLarge) {
    EXPECT_TRUE(says(refusal("1000000000000"), "too large"));
    EXPECT_TRUE(says(refusal("1000000000000.00"), "too large"));
    EXPECT_TRUE(says(refusal("9223372036854775807"), "too large"));
    // Past int64 (Poco makes these UInt64 or throws RangeException on conversion).
    EXPECT_TRUE(says(refusal("9223372036854775808"), "too large"));
    // Past uint64: Poco's parser wraps this one to 0.
    EXPECT_TRUE(says(refusal("18446744073709551616"), "too large"));
    EXPECT_TRUE(says(refusal("99999999999999999999999"), "too large"));
    EXPECT_THROW(amount_from_json(Poco::Dynamic::Var(Poco::UInt64(9223372036854775808ULL)), "x"),
                 WireError);
}

TEST(JsonAmount, DigitsADoubleCannotCarryAreJudgedAsWritten) {
    // A double rounds these to 100 exactly; the text says otherwise.
    EXPECT_TRUE(says(refusal("100.000000000000001"), "more than two decimals"));
    EXPECT_TRUE(says(refusal("0.0000000000000000000001"), "more than two decimals"));
    // Zeros are not decimals, however many.
    EXPECT_EQ(wire_amount("100.000000000000000000"), 10000);
}

TEST(JsonAmount, NegativeExponentAndNonNumbersAreRefused) {
    EXPECT_TRUE(says(refusal("-1"), "negative"));
    EXPECT_TRUE(says(refusal("-0.5"), "negative"));
    EXPECT_FALSE(refusal("1e3").empty());
    EXPECT_FALSE(refusal("1e-400").empty());
    EXPECT_FALSE(refusal("1e400").empty());
    EXPECT_FALSE(refusal("true").empty());
    EXPECT_FALSE(refusal("null").empty());
    EXPECT_FALSE(refusal("\"12.345\"").empty());
}

TEST(JsonAmount, OtherNumbersInTheAnswerAreLeftAlone) {
    // Exact numbers keep their JSON type; numbers a double or int64 cannot carry
    // reach the readers as their exact text.
    auto obj = jodo::json::parse_object(
        R"({"n":1692011944,"d":12.5,"big":123456789012345678901,"e":1e3,"s":"1e3",)"
        R"("a":[1,-2.25,3.0000000000000001],"o":{"k":-0}})",
        "body");
    EXPECT_TRUE(obj->get("n").isInteger());
    EXPECT_EQ(obj->get("n").convert<Poco::Int64>(), 1692011944);
    EXPECT_EQ(obj->get("d").convert<double>(), 12.5);
    EXPECT_EQ(obj->get("big").extract<std::string>(), "123456789012345678901");
    EXPECT_EQ(obj->get("e").extract<std::string>(), "1e3");
    EXPECT_EQ(obj->get("s").extract<std::string>(), "1e3");
    auto array = obj->getArray("a");
    EXPECT_EQ(array->get(0).convert<int>(), 1);
    EXPECT_EQ(array->get(1).convert<double>(), -2.25);
    EXPECT_EQ(array->get(2).extract<std::string>(), "3.0000000000000001");
    // Invalid JSON stays invalid.
    EXPECT_THROW(jodo::json::parse_object(R"({1e30: 1})", "body"), WireError);
    EXPECT_THROW(jodo::json::parse_object(R"({"a": 01})", "body"), WireError);
    EXPECT_THROW(jodo::json::parse_object(R"({"a": 1.})", "body"), WireError);
    EXPECT_THROW(jodo::json::parse_object(R"({"a": "1e30})", "body"), WireError);
}
