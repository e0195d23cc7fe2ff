// Add Payment, List Payments and Cancel Payment of the sandbox over real HTTP
// (shared/jodo-api/student-add-payment.txt, student-list-payments.txt): a
// transaction_id is recorded once, a cancel hides it.
#include <string>

#include <Poco/JSON/Array.h>

#include "SandboxTestSupport.hpp"

namespace jodo::sandbox::test {
namespace {

using Poco::JSON::Array;

const char* const kFees =
    R"([{"component_type":"TUITION_FEE","fee_amount":30000},{"component_type":"TRANSPORT_FEE","fee_amount":4500}])";

std::string payment_body(const std::string& transaction_id, const std::string& amount = "2000") {
    return R"({"amount":)" + amount +
           R"(,"paid_at":"2026-01-29T15:35:45+05:30","mode":"cash","transaction_id":")" +
           transaction_id +
           R"(","notes":"counter","fee_components":[{"component_type":"TUITION_FEE","amount":1500},)"
           R"({"component_type":"TRANSPORT_FEE","amount":500}]})";
}

class StudentPaymentsTest : public SandboxTest {
  protected:
    void SetUp() override {
        SandboxTest::SetUp();
        id = register_student("FAM-1", student_body("ENR-1", kFees));
    }

    std::string payments() const { return std::string(kErp) + "/students/" + id + "/payments"; }

    Array::Ptr list() {
        const auto result = api("GET", payments());
        EXPECT_EQ(result.status, 200) << result.body;
        EXPECT_EQ(result.json()->optValue<std::string>("status", ""), "success");
        auto data = result.json()->getArray("data");
        if (data.isNull()) {
            ADD_FAILURE() << "no data array in " << result.body;
            return new Array;
        }
        return data;
    }

    std::string id;
};

TEST_F(StudentPaymentsTest, AddPaymentAnswers201AndListPaymentsShowsIt) {
    EXPECT_EQ(list()->size(), 0u);
    const auto added = api("POST", payments(), payment_body("RCPT-1"));
    ASSERT_EQ(added.status, 201) << added.body;
    EXPECT_EQ(added.json()->optValue<std::string>("status", ""), "success");

    auto data = list();
    ASSERT_EQ(data->size(), 1u);
    auto payment = data->getObject(0);
    EXPECT_EQ(payment->getValue<std::string>("id"), "RCPT-1");
    EXPECT_EQ(payment->getValue<double>("amount"), 2000.0);
    EXPECT_EQ(payment->getValue<std::string>("product"), "direct");
    EXPECT_EQ(payment->getValue<std::string>("mode"), "cash");
    EXPECT_EQ(payment->getValue<std::string>("paid_at"), "2026-01-29T10:05:45Z");
    auto details = payment->getArray("details");
    ASSERT_EQ(details->size(), 2u);
    EXPECT_EQ(details->getObject(0)->getValue<std::string>("fee_component"), "TUITION_FEE");
    EXPECT_EQ(details->getObject(0)->getValue<double>("amount"), 1500.0);
    EXPECT_TRUE(details->getObject(0)->isNull("settlement_utr"));
    EXPECT_TRUE(details->getObject(1)->isNull("settled_at"));
}

TEST_F(StudentPaymentsTest, TheSameTransactionIdAgainIsAConflictAndNotASecondPayment) {
    ASSERT_EQ(api("POST", payments(), payment_body("RCPT-1")).status, 201);
    const auto again = api("POST", payments(), payment_body("RCPT-1"));
    EXPECT_EQ(again.status, 409) << again.body;
    EXPECT_EQ(again.json()->optValue<std::string>("code", ""), "HUE00409");
    EXPECT_NE(again.json()->optValue<std::string>("message", "").find("RCPT-1"), std::string::npos);
    EXPECT_EQ(list()->size(), 1u);
    // Another receipt is another payment.
    ASSERT_EQ(api("POST", payments(), payment_body("RCPT-2")).status, 201);
    EXPECT_EQ(list()->size(), 2u);
}

TEST_F(StudentPaymentsTest, CancelPaymentRemovesItFromListPayments) {
    ASSERT_EQ(api("POST", payments(), payment_body("RCPT-1")).status, 201);
    ASSERT_EQ(api("POST", payments(), payment_body("RCPT-2")).status, 201);
    const auto cancelled = api("DELETE", payments() + "/RCPT-1");
    ASSERT_EQ(cancelled.status, 200) << cancelled.body;
    EXPECT_EQ(cancelled.json()->optValue<std::string>("status", ""), "success");
    auto data = list();
    ASSERT_EQ(data->size(), 1u);
    EXPECT_EQ(data->getObject(0)->getValue<std::string>("id"), "RCPT-2");

    EXPECT_EQ(api("DELETE", payments() + "/RCPT-1").status, 200);  // again: still cancelled
    EXPECT_EQ(api("DELETE", payments() + "/RCPT-9").status, 404);
    // A cancelled transaction_id stays used.
    EXPECT_EQ(api("POST", payments(), payment_body("RCPT-1")).status, 409);
    EXPECT_EQ(list()->size(), 1u);
}

TEST_F(StudentPaymentsTest, ABadPaymentBodyIsRefusedNamingTheField) {
    auto refused = [&](const std::string& body, const std::string& field) {
        const auto result = api("POST", payments(), body);
        EXPECT_EQ(result.status, 400) << result.body;
        EXPECT_EQ(result.json()->optValue<std::string>("code", ""), "MAE00000");
        EXPECT_EQ(result.json()->optValue<std::string>("message", "").rfind(field + " ", 0), 0u)
            << "expected " << field << ": " << result.body;
    };
    refused(payment_body("RCPT-1", "2500"), "fee_components");  // lines add up to 2000
    refused(payment_body("RCPT-1", "\"lots\""), "amount");
    refused(R"({"amount":10,"fee_components":[{"component_type":"T","amount":10}]})", "paid_at");
    refused(R"({"amount":10,"paid_at":"yesterday","fee_components":[]})", "paid_at");
    refused(R"({"amount":10,"paid_at":"2026-01-05T10:00:00Z"})", "fee_components");
    refused(R"({"amount":10,"paid_at":"2026-01-05T10:00:00Z","transaction_id":7,)"
            R"("fee_components":[{"component_type":"T","amount":10}]})",
            "transaction_id");
    EXPECT_EQ(list()->size(), 0u);
}

}  // namespace
}  // namespace jodo::sandbox::test
