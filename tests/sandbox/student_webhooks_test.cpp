// A parent paying a student's fees in the sandbox (as Jodo's app would) and the
// bank settling it: the payment appears in List Payments and payment.debited /
// payment.settled reach a webhook receiver on 127.0.0.1, signed like every event.
#include <string>
#include <vector>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include "SandboxTestSupport.hpp"
#include "TestHmac.hpp"
#include "WebhookReceiver.hpp"

namespace jodo::sandbox::test {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

const char* const kSecret = "whsec_student_test";
const char* const kFees =
    R"([{"component_type":"TUITION_FEE","fee_amount":30000,"discounts":[{"discount_type":"SIBLING","value":5000}]},{"component_type":"TRANSPORT_FEE","fee_amount":4500}])";

Object::Ptr parse(const std::string& body) {
    try {
        return Poco::JSON::Parser().parse(body).extract<Object::Ptr>();
    } catch (const std::exception&) {
        ADD_FAILURE() << "not a JSON object: " << body;
        return new Object;
    }
}

class StudentWebhooksTest : public SandboxTest {
  protected:
    void SetUp() override {
        SandboxTest::SetUp();
        WebhookOptions options;
        options.url = receiver.url();
        options.secret = kSecret;
        options.retry_delays_ms = {20, 40};
        sandbox.set_webhooks(options);
        id = register_student("FAM-1", student_body("ENR-1", kFees));
    }

    std::vector<ReceivedRequest> delivered(std::size_t count) {
        EXPECT_TRUE(sandbox.wait_for_webhooks(5000));
        EXPECT_TRUE(receiver.wait_for(count, 5000));
        auto got = receiver.received();
        EXPECT_EQ(got.size(), count);
        return got;
    }

    Array::Ptr payments() {
        const auto result = api("GET", std::string(kErp) + "/students/" + id + "/payments");
        EXPECT_EQ(result.status, 200) << result.body;
        auto data = result.json()->getArray("data");
        return data.isNull() ? Array::Ptr(new Array) : data;
    }

    // POST /_sandbox/students/<id>/pay; the payment id.
    std::string pay(const std::string& body = "") {
        const auto result = call("POST", "/_sandbox/students/" + id + "/pay", body);
        EXPECT_EQ(result.status, 200) << result.body;
        return result.json()->optValue<std::string>("payment_id", "");
    }

    WebhookReceiver receiver;
    std::string id;
};

TEST_F(StudentWebhooksTest, AParentPayingRecordsAJodoPaymentAndSendsPaymentDebited) {
    const auto payment_id =
        pay(R"({"fee_components":[{"component_type":"TUITION_FEE","amount":10000}],"mode":"upi"})");
    ASSERT_EQ(payment_id.rfind("pg_", 0), 0u) << payment_id;

    auto listed = payments();
    ASSERT_EQ(listed->size(), 1u);
    auto payment = listed->getObject(0);
    EXPECT_EQ(payment->getValue<std::string>("id"), payment_id);
    EXPECT_EQ(payment->getValue<double>("amount"), 10000.0);
    EXPECT_EQ(payment->getValue<std::string>("product"), "pg");
    EXPECT_EQ(payment->getValue<std::string>("mode"), "upi");
    ASSERT_EQ(payment->getArray("details")->size(), 1u);

    const auto got = delivered(1);
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].headers.get("X-Jodo-Signature", ""),
              openssl_hmac_sha256_hex(kSecret, got[0].body));
    auto envelope = parse(got[0].body);
    EXPECT_EQ(envelope->optValue<std::string>("event", ""), "payment.debited");
    EXPECT_EQ(envelope->optValue<std::string>("version", ""), "1.0");
    EXPECT_TRUE(envelope->get("timestamp").isInteger());
    auto body = envelope->getObject("payload");
    ASSERT_FALSE(body.isNull()) << got[0].body;
    EXPECT_EQ(body->get("student_id").toString(), id);
    EXPECT_EQ(body->getValue<std::string>("payment_id"), payment_id);
    EXPECT_EQ(body->getObject("student")->getValue<std::string>("registration_id"), "FAM-1");
    EXPECT_EQ(body->getObject("student")->getValue<std::string>("identifier"), "ENR-1");
    auto lines = body->getObject("payment")->getArray("details");
    ASSERT_EQ(lines->size(), 1u);
    EXPECT_EQ(lines->getObject(0)->getValue<std::string>("fee_component"), "TUITION_FEE");
    EXPECT_EQ(lines->getObject(0)->getValue<double>("amount"), 10000.0);
    EXPECT_TRUE(lines->getObject(0)->isNull("settlement_utr"));
}

TEST_F(StudentWebhooksTest, WithoutABodyTheParentPaysEverythingOutstandingPerComponent) {
    pay(R"({"fee_components":[{"component_type":"TUITION_FEE","amount":10000}]})");
    const auto second = pay();
    auto listed = payments();
    ASSERT_EQ(listed->size(), 2u);
    auto lines = listed->getObject(1)->getArray("details");
    ASSERT_EQ(lines->size(), 2u);
    // 30000 less the 5000 discount less the 10000 already paid; transport in full.
    EXPECT_EQ(lines->getObject(0)->getValue<double>("amount"), 15000.0);
    EXPECT_EQ(lines->getObject(1)->getValue<double>("amount"), 4500.0);
    EXPECT_EQ(listed->getObject(1)->getValue<std::string>("id"), second);
    // Nothing is owed any more.
    EXPECT_EQ(call("POST", "/_sandbox/students/" + id + "/pay").status, 409);
    EXPECT_EQ(call("POST", "/_sandbox/students/424242/pay").status, 404);
    delivered(2);
}

TEST_F(StudentWebhooksTest, SettlingSendsPaymentSettledWithAUtrPerComponent) {
    const auto payment_id = pay();
    delivered(1);
    const auto settled =
        call("POST", "/_sandbox/students/" + id + "/payments/" + payment_id + "/settle");
    ASSERT_EQ(settled.status, 200) << settled.body;
    auto utrs = settled.json()->getArray("utrs");
    ASSERT_EQ(utrs->size(), 2u);
    EXPECT_NE(utrs->getElement<std::string>(0), utrs->getElement<std::string>(1));

    const auto got = delivered(2);
    ASSERT_EQ(got.size(), 2u);
    auto envelope = parse(got[1].body);
    EXPECT_EQ(envelope->optValue<std::string>("event", ""), "payment.settled");
    auto lines = envelope->getObject("payload")->getObject("payment")->getArray("details");
    ASSERT_EQ(lines->size(), 2u);
    for (unsigned i = 0; i < 2; ++i) {
        EXPECT_EQ(lines->getObject(i)->getValue<std::string>("settlement_utr"),
                  utrs->getElement<std::string>(i));
        EXPECT_FALSE(lines->getObject(i)->isNull("settled_at"));
    }
    auto listed = payments()->getObject(0)->getArray("details");
    EXPECT_EQ(listed->getObject(0)->getValue<std::string>("settlement_utr"),
              utrs->getElement<std::string>(0));

    // Settling again keeps the UTRs and sends nothing more.
    const auto again =
        call("POST", "/_sandbox/students/" + id + "/payments/" + payment_id + "/settle");
    EXPECT_EQ(again.json()->getArray("utrs")->getElement<std::string>(0),
              utrs->getElement<std::string>(0));
    EXPECT_TRUE(sandbox.wait_for_webhooks(5000));
    EXPECT_EQ(sandbox.webhook_log().size(), 2u);
}

TEST_F(StudentWebhooksTest, TheWebhookSwitchesApplyToStudentEventsToo) {
    sandbox.duplicate_next_webhooks(1);
    pay(R"({"fee_components":[{"component_type":"TRANSPORT_FEE","amount":100}]})");
    const auto got = delivered(2);
    ASSERT_EQ(got.size(), 2u);
    EXPECT_EQ(got[0].body, got[1].body);

    sandbox.drop_next_webhooks(1);
    pay(R"({"fee_components":[{"component_type":"TRANSPORT_FEE","amount":100}]})");
    EXPECT_TRUE(sandbox.wait_for_webhooks(5000));
    const auto log = sandbox.webhook_log();
    ASSERT_EQ(log.size(), 3u);
    EXPECT_TRUE(log[2].dropped);
    EXPECT_EQ(log[2].event, "payment.debited");
    EXPECT_EQ(receiver.received().size(), 2u);
}

TEST_F(StudentWebhooksTest, AnErpPaymentCannotBeSettledByTheBankControl) {
    const auto added =
        api("POST", std::string(kErp) + "/students/" + id + "/payments",
            R"({"amount":100,"paid_at":"2026-01-05T10:00:00Z","transaction_id":"R1",)"
            R"("fee_components":[{"component_type":"TRANSPORT_FEE","amount":100}]})");
    ASSERT_EQ(added.status, 201) << added.body;
    EXPECT_EQ(call("POST", "/_sandbox/students/" + id + "/payments/R1/settle").status, 409);
    EXPECT_EQ(call("POST", "/_sandbox/students/" + id + "/payments/pg_0/settle").status, 404);
    // A Jodo payment cannot be cancelled through Cancel Payment.
    const auto jodo =
        pay(R"({"fee_components":[{"component_type":"TRANSPORT_FEE","amount":100}]})");
    EXPECT_EQ(api("DELETE", std::string(kErp) + "/students/" + id + "/payments/" + jodo).status,
              400);
    EXPECT_TRUE(sandbox.wait_for_webhooks(5000));
}

}  // namespace
}  // namespace jodo::sandbox::test
