// Issue 9 items 5 and 11: an envelope is accepted only when what is stored
// can be exactly what was verified (one JSON object, valid UTF-8, nothing
// after it) and when every field we store fits its column. Anything else is
// a WireError naming the field: a permanent problem, answered 4xx.
#include <gtest/gtest.h>

#include "jodo/api/WebhookEnvelope.hpp"
#include "jodo/api/wire_error.hpp"

using jodo::parse_webhook_envelope;

namespace {

std::string envelope(const std::string& event_id,
                     const std::string& event = "order.payment.debited",
                     const std::string& order_id = "order_1") {
    return R"({"event_id":")" + event_id + R"(","event":")" + event +
           R"(","payload":{"order_id":")" + order_id + R"("}})";
}

// The field the WireError names, or "" when the body was accepted.
std::string refused_field(const std::string& body) {
    try {
        parse_webhook_envelope(body);
    } catch (const jodo::WireError& e) {
        return e.field();
    }
    return "";
}

std::string repeat(const std::string& piece, int times) {
    std::string out;
    for (int i = 0; i < times; ++i)
        out += piece;
    return out;
}

}  // namespace

TEST(WebhookEnvelopeLimits, EventIdIsOneToHundredCharacters) {
    EXPECT_EQ(refused_field(envelope("")), "event_id");
    EXPECT_EQ(refused_field(envelope(repeat("x", 300))), "event_id");
    EXPECT_EQ(refused_field(envelope(repeat("x", 101))), "event_id");
    EXPECT_EQ(refused_field(envelope(repeat("x", 100))), "");
    // Characters, not bytes: 100 two-byte characters fit VARCHAR(100).
    EXPECT_EQ(refused_field(envelope(repeat("\xc3\xa9", 100))), "");
    EXPECT_EQ(refused_field(envelope(repeat("\xc3\xa9", 101))), "event_id");
    try {
        parse_webhook_envelope(envelope(repeat("x", 300)));
    } catch (const jodo::WireError& e) {
        EXPECT_NE(std::string(e.what()).find("100 characters"), std::string::npos) << e.what();
    }
}

TEST(WebhookEnvelopeLimits, EventAndOrderIdFitTheirColumns) {
    EXPECT_EQ(refused_field(envelope("e1", "")), "event");
    EXPECT_EQ(refused_field(envelope("e1", repeat("a", 101))), "event");
    EXPECT_EQ(refused_field(envelope("e1", "order.payment.debited", repeat("o", 65))),
              "payload.order_id");
    EXPECT_EQ(refused_field(envelope("e1", "order.payment.debited", repeat("o", 64))), "");
}

TEST(WebhookEnvelopeLimits, NothingMayFollowTheObject) {
    const std::string body = envelope("e1");
    EXPECT_EQ(refused_field(body), "");
    EXPECT_EQ(refused_field(body + " \r\n\t"), "");  // JSON whitespace is part of the text
    for (const std::string& tail :
         {std::string(" trailing"), std::string("{}"), std::string("\n\nGET / HTTP/1.1"),
          std::string("\x00zz", 3), std::string("\xc2\xa0"), std::string(",")})
        EXPECT_EQ(refused_field(body + tail), "webhook body") << tail;
}

TEST(WebhookEnvelopeLimits, BodyMustBeValidUtf8) {
    const std::string good = R"({"event_id":"e1","event":"x","payload":{"order":{"name":")"
                             "Asha R\xc4\x81o \xe2\x82\xb9 \xf0\x9f\x8e\x93"
                             R"("}}})";
    EXPECT_EQ(refused_field(good), "");
    for (const std::string& bad :
         {std::string("\xff"), std::string("\xe9t\xe9"), std::string("\xc0\xaf"),
          std::string("\xed\xa0\x80"), std::string("\xf4\x90\x80\x80"), std::string("\xe2\x82"),
          std::string("\x80")}) {
        const std::string body =
            R"({"event_id":"e1","event":"x","payload":{"order":{"name":")" + bad + R"("}}})";
        EXPECT_EQ(refused_field(body), "webhook body") << body;
    }
    // Outside any string, too (after the object).
    EXPECT_EQ(refused_field(envelope("e1") + "\xff"), "webhook body");
}
