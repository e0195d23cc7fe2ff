#include "jodo/api/money.hpp"

#include <gtest/gtest.h>

#include <Poco/JSON/Parser.h>

#include "jodo/api/RemoteOrder.hpp"
#include "jodo/api/wire_error.hpp"

using jodo::amount_from_json;
using jodo::format_rupees;
using jodo::parse_rupees;

TEST(Money, ParsesRupeeTextToPaise) {
    EXPECT_EQ(parse_rupees("1000"), 100000);
    EXPECT_EQ(parse_rupees("1000.5"), 100050);
    EXPECT_EQ(parse_rupees("1000.50"), 100050);
    EXPECT_EQ(parse_rupees(" 0.01 "), 1);
    EXPECT_EQ(parse_rupees("1.000"), 100);
    EXPECT_EQ(parse_rupees(".5"), 50);
}

TEST(Money, RejectsWhatIsNotAnAmountAndSaysWhy) {
    std::string reason;
    EXPECT_FALSE(parse_rupees("12.345", &reason));
    EXPECT_EQ(reason, "has more than two decimals");
    EXPECT_FALSE(parse_rupees("-5", &reason));
    EXPECT_EQ(reason, "is not a plain decimal amount");
    EXPECT_FALSE(parse_rupees("1.2.3", &reason));
    EXPECT_FALSE(parse_rupees("", &reason));
    EXPECT_EQ(reason, "is empty");
    EXPECT_FALSE(parse_rupees("1e5", &reason));
    EXPECT_FALSE(parse_rupees("99999999999999999999", &reason));
    EXPECT_EQ(reason, "is too large");
    // DECIMAL(14,2) holds 999,999,999,999.99 at most; no int64 overflow on the way.
    EXPECT_EQ(parse_rupees("999999999999.99"), 99999999999999);
    EXPECT_FALSE(parse_rupees("1000000000000", &reason));
    EXPECT_FALSE(parse_rupees("92233720368547758.99", &reason));
}

TEST(Money, FormatsPaiseAsRupees) {
    EXPECT_EQ(format_rupees(100050), "1000.50");
    EXPECT_EQ(format_rupees(5), "0.05");
    EXPECT_EQ(format_rupees(0), "0.00");
    EXPECT_EQ(format_rupees(-150), "-1.50");
}

TEST(Money, ReadsJsonNumbersAndStringsAlike) {
    EXPECT_EQ(amount_from_json(Poco::Dynamic::Var(1000), "a"), 100000);
    EXPECT_EQ(amount_from_json(Poco::Dynamic::Var(1000.0), "a"), 100000);
    EXPECT_EQ(amount_from_json(Poco::Dynamic::Var(0.1), "a"), 10);
    EXPECT_EQ(amount_from_json(Poco::Dynamic::Var(1234.56), "a"), 123456);
    EXPECT_EQ(amount_from_json(Poco::Dynamic::Var(std::string("1.0")), "a"), 100);
}

TEST(Money, UnreadableJsonAmountNamesTheField) {
    try {
        amount_from_json(Poco::Dynamic::Var(std::string("ten")), "data.details[0].amount");
        FAIL() << "accepted \"ten\"";
    } catch (const jodo::WireError& e) {
        EXPECT_EQ(e.field(), "data.details[0].amount");
        EXPECT_NE(std::string(e.what()).find("ten"), std::string::npos);
    }
    EXPECT_THROW(amount_from_json(Poco::Dynamic::Var(10.005), "x"), jodo::WireError);
    // Large amounts too: a third decimal is never rounded away.
    EXPECT_THROW(amount_from_json(Poco::Dynamic::Var(5000.001), "x"), jodo::WireError);
    EXPECT_THROW(amount_from_json(Poco::Dynamic::Var(12345.678), "x"), jodo::WireError);
    EXPECT_EQ(amount_from_json(Poco::Dynamic::Var(99999999.99), "x"), 9999999999);
    EXPECT_THROW(amount_from_json(Poco::Dynamic::Var(-1), "x"), jodo::WireError);
    EXPECT_THROW(amount_from_json(Poco::Dynamic::Var(), "x"), jodo::WireError);
}

TEST(Money, AmountsSurviveTheWireExactly) {
    for (jodo::Paise p : {1LL, 10LL, 99LL, 123456LL, 4250000LL, 620050LL, 999999999999LL}) {
        EXPECT_EQ(amount_from_json(jodo::amount_to_json(p), "x"), p) << p;
        EXPECT_EQ(parse_rupees(jodo::amount_to_json(p).convert<std::string>()), p) << p;
    }
}

TEST(Money, Decimal14Point2Bounds) {
    EXPECT_TRUE(jodo::fits_decimal_14_2(jodo::kMaxPaise));
    EXPECT_TRUE(jodo::fits_decimal_14_2(-jodo::kMaxPaise));
    EXPECT_FALSE(jodo::fits_decimal_14_2(jodo::kMaxPaise + 1));
    EXPECT_FALSE(jodo::fits_decimal_14_2(3 * jodo::kMaxPaise));
    EXPECT_EQ(parse_rupees(format_rupees(jodo::kMaxPaise)), jodo::kMaxPaise);
}

TEST(Money, DoublesInExponentFormAreJudgedExactly) {
    EXPECT_THROW(amount_from_json(Poco::Dynamic::Var(1e15), "x"), jodo::WireError);
    EXPECT_THROW(amount_from_json(Poco::Dynamic::Var(1e-8), "x"), jodo::WireError);
    EXPECT_EQ(amount_from_json(Poco::Dynamic::Var(0.0), "x"), 0);
    EXPECT_THROW(amount_from_json(Poco::Dynamic::Var(true), "x"), jodo::WireError);
}

// Found by fuzz_money (regression seed tests/fuzz/regressions/fuzz_money/): an
// integer past int64 made Poco throw RangeException past every WireError handler.
TEST(Money, IntegerBeyondInt64IsAWireErrorNamingTheField) {
    auto array =
        Poco::JSON::Parser().parse("[9999999999999999999]").extract<Poco::JSON::Array::Ptr>();
    try {
        amount_from_json(array->get(0), "data.details[0].amount");
        FAIL() << "accepted " << array->get(0).toString();
    } catch (const jodo::WireError& e) {
        EXPECT_EQ(e.field(), "data.details[0].amount");
    }
}

// Poco reads 18446744073709551616 as 0 and clamps -9223372036854775809: an answer
// with such a number is refused before Poco sees it, not read as a wrong amount.
TEST(Money, AnswerWithANumberPocoCannotReadExactlyIsRefused) {
    for (const char* amount : {"18446744073709551616", "9223372036854775808",
                               "-9223372036854775809", "1000000000000000000.5"}) {
        const std::string body =
            std::string(R"({"data":{"status":"paid","details":[{"amount":)") + amount + "}]}}";
        EXPECT_THROW(jodo::parse_remote_order_response(body), jodo::WireError) << amount;
    }
    // Long digit runs inside strings and fractions are not numbers Poco misreads.
    const auto order = jodo::parse_remote_order_response(
        R"({"data":{"status":"paid","transaction_id":"12345678901234567890",)"
        R"("details":[{"amount":1000.1000000000000000000}]}})");
    EXPECT_EQ(order.transaction_id, "12345678901234567890");
    EXPECT_EQ(order.lines.at(0).amount, 100010);
}

TEST(Money, SignedRupeesTakeALeadingMinusAndNothingElse) {
    EXPECT_EQ(jodo::parse_signed_rupees("-2000"), -200000);
    EXPECT_EQ(jodo::parse_signed_rupees(" -2000.000000000 "), -200000);
    EXPECT_EQ(jodo::parse_signed_rupees("750.5"), 75050);
    std::string reason;
    EXPECT_FALSE(jodo::parse_signed_rupees("--1", &reason));
    EXPECT_EQ(reason, "is not a plain decimal amount");
    EXPECT_FALSE(jodo::parse_signed_rupees("+1", &reason));
    EXPECT_FALSE(jodo::parse_signed_rupees("-", &reason));
    // What Jodo sends stays unsigned.
    EXPECT_FALSE(jodo::parse_rupees("-2000"));
}
