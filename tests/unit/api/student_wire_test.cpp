// What we send for students and what we read from Jodo's student answers:
// the documented shapes, and tolerance where the docs are silent.
#include <gtest/gtest.h>

#include "jodo/api/StudentWire.hpp"
#include "jodo/api/WebhookEnvelope.hpp"
#include "jodo/api/wire_error.hpp"

using namespace jodo;

TEST(StudentWire, TheRegisteredIdIsReadFromEveryLikelyKeyAsNumberOrString) {
    EXPECT_EQ(parse_registered_student_id(
                  R"({"status":"success","data":{"jodo_student_id":6001,"registration_id":"F"}})"),
              "6001");
    EXPECT_EQ(parse_registered_student_id(R"({"data":{"jodo_student_id":"6002"}})"), "6002");
    EXPECT_EQ(parse_registered_student_id(R"({"data":{"student_id":6003}})"), "6003");
    EXPECT_EQ(parse_registered_student_id(R"({"data":{"id":"6004"}})"), "6004");
    EXPECT_EQ(parse_registered_student_id(R"({"jodo_student_id":6005})"), "6005");
    EXPECT_THROW(parse_registered_student_id(R"({"status":"success"})"), WireError);
    EXPECT_THROW(parse_registered_student_id("not json"), WireError);
}

TEST(StudentWire, RegisterSendsTheDocumentedTypes) {
    StudentProfile p;
    p.fullname = "Meera Rao";
    p.identifier = "R-42";
    p.grade = "V";
    p.new_admission = true;
    p.academic_year_start = "2026";
    p.academic_year_end = "2027";
    p.date_of_birth = "2016-04-02";
    p.primary_contact_name = "Vikram Rao";
    p.primary_contact_number = "9845012345";
    p.primary_contact_email = "v@example.com";
    const std::string body =
        register_student_json(p, {{"TUITION_FEE", 2000050, {{"SIBLING", 100000}}}});
    EXPECT_NE(body.find(R"("new_admission":true)"), std::string::npos) << body;
    EXPECT_NE(body.find(R"("academic_year_start":"2026")"), std::string::npos) << body;
    EXPECT_NE(body.find(R"("fee_amount":20000.5)"), std::string::npos) << body;
    EXPECT_NE(body.find(R"("discounts":[{"discount_type":"SIBLING","value":1000})"),
              std::string::npos)
        << body;
    EXPECT_EQ(body.rfind(R"({"student":{"fullname":"Meera Rao")", 0), 0u) << body;
}

TEST(StudentWire, ANameLongerThanItsBoundIsCutOnACharacterBoundary) {
    StudentProfile p;
    // 101 Devanagari letters of three bytes each.
    for (int i = 0; i < 101; ++i)
        p.fullname += "\xE0\xA4\xB5";
    const std::string body = p.to_json();
    const auto start = body.find("\"fullname\":\"") + 12;
    const auto end = body.find('"', start);
    EXPECT_EQ(end - start, 300u);
}

TEST(StudentWire, ListPaymentsReadsAmountsAsNumbersOrStringsAndIgnoresUnknownFields) {
    const auto payments = parse_student_payments(R"({"status":"success","data":[
        {"id":"pg_1","amount":2000.5,"product":"pg","mode":"upi","paid_at":"2026-01-01T00:00:00Z",
         "surprise":{"x":1},
         "details":[{"fee_component":"TUITION_FEE","amount":"1500.50","settlement_utr":null},
                    {"fee_component":"BUS","amount":500,"settlement_utr":"UTR9","settled_at":"t"}]},
        {"id":1002,"amount":"10","details":[]}]})");
    ASSERT_EQ(payments.size(), 2u);
    EXPECT_EQ(payments[0].amount, 200050);
    EXPECT_EQ(payments[0].details[0].amount, 150050);
    EXPECT_FALSE(payments[0].settled());
    EXPECT_EQ(payments[0].details[1].settlement_utr, "UTR9");
    EXPECT_EQ(payments[1].id, "1002");
    EXPECT_EQ(payments[1].amount, 1000);
    EXPECT_THROW(parse_student_payments(R"({"data":[{"id":"x","amount":-1}]})"), WireError);
    EXPECT_THROW(parse_student_payments(R"({"data":[{"amount":1}]})"), WireError);
}

TEST(StudentWire, AStudentEventNamesItsStudentAndPaymentUnderEitherKey) {
    const std::string head = R"({"event_id":"e1","event":"payment.debited",)";
    auto ref =
        parse_webhook_envelope(head + R"("payload":{"student_id":6001,"payment_id":"pg_7"}})");
    EXPECT_TRUE(ref.names_a_student());
    EXPECT_EQ(ref.student_id, "6001");
    EXPECT_EQ(ref.payment_id, "pg_7");
    ref = parse_webhook_envelope(
        head + R"("payload":{"student":{"id":"6002"},"payment":{"id":"pg_8","amount":1}}})");
    EXPECT_EQ(ref.student_id, "6002");
    EXPECT_EQ(ref.payment_id, "pg_8");
    // No payment named: the event processor refuses it (payload.payment_id).
    EXPECT_EQ(parse_webhook_envelope(head + R"("payload":{"student_id":6001}})").payment_id, "");
    EXPECT_TRUE(parse_webhook_envelope(head + R"("payload":{"student_id":1,"payment_id":"p"}})")
                    .names_a_student());
    EXPECT_FALSE(parse_webhook_envelope(head + R"("payload":{"order_id":"o","student":{"id":1}}})")
                     .names_a_student());
    EXPECT_THROW(parse_webhook_envelope("{"), WireError);
}

TEST(StudentWire, ACounterPaymentCarriesTheReceiptAsItsTransactionId) {
    CounterPaymentRequest r;
    r.amount = 500000;
    r.paid_at = "2026-12-01T10:00:00Z";
    r.mode = "cash";
    r.transaction_id = "CR-1";
    r.fee_components = {{"TRANSPORT_FEE", 500000, "", ""}};
    EXPECT_EQ(r.to_json(),
              R"({"amount":5000,"paid_at":"2026-12-01T10:00:00Z","mode":"cash",)"
              R"("transaction_id":"CR-1","fee_components":[{"component_type":"TRANSPORT_FEE",)"
              R"("amount":5000}]})");
}

// MariaDB's INSERT IGNORE would cut a longer id into another payment's key.
TEST(StudentWire, AJodoIdLongerThanTheModuleKeepsIsRefusedNamingTheField) {
    const std::string kept(64, 'p'), longer(65, 'p');
    EXPECT_EQ(parse_student_payments(R"({"data":[{"id":")" + kept + R"(","amount":1}]})")[0].id,
              kept);
    try {
        parse_student_payments(R"({"data":[{"id":"x","amount":1},{"id":")" + longer +
                               R"(","amount":1}]})");
        FAIL() << "a 65-character payment id was accepted";
    } catch (const WireError& e) {
        EXPECT_NE(std::string(e.what()).find("data[1].id"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("65 characters"), std::string::npos) << e.what();
    }
    EXPECT_THROW(parse_registered_student_id(R"({"data":{"jodo_student_id":")" + longer + "\"}}"),
                 WireError);
}
