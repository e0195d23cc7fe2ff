// Fault injection on the student APIs: a plan limited to their path prefix hits
// them and nothing else; a 503 answered there has processed nothing; a lost
// answer (drop_after_commit) has; the HTTP control takes the same "path".
#include <string>

#include <Poco/JSON/Array.h>
#include <Poco/Net/NetException.h>

#include "SandboxTestSupport.hpp"

namespace jodo::sandbox::test {
namespace {

const char* const kStudentPrefix = "/api/v1/integrations/erp/";

class StudentFaultsTest : public SandboxTest {
  protected:
    std::string payments(const std::string& id) const {
        return std::string(kErp) + "/students/" + id + "/payments";
    }
    std::size_t listed(const std::string& id) {
        const auto result = api("GET", payments(id));
        EXPECT_EQ(result.status, 200) << result.body;
        auto data = result.json()->getArray("data");
        return data.isNull() ? 0 : data->size();
    }
    static std::string receipt(const std::string& transaction_id) {
        return R"({"amount":100,"paid_at":"2026-01-05T10:00:00Z","transaction_id":")" +
               transaction_id + R"(","fee_components":[{"component_type":"T","amount":100}]})";
    }
};

TEST_F(StudentFaultsTest, APlanOnTheStudentPathsHitsThemAndNothingElse) {
    const auto id = register_student("FAM-1", student_body("ENR-1"));
    sandbox.inject_next(1, Fault{FaultKind::status_503, 0, 2}, "POST", kStudentPrefix);

    // An order create passes the plan by.
    EXPECT_EQ(api("POST", kOrders, order_body()).status, 200);
    const auto faulted = api("POST", payments(id), receipt("R1"));
    EXPECT_EQ(faulted.status, 503) << faulted.body;
    EXPECT_EQ(faulted.json()->optValue<std::string>("code", ""), "HUE00503");
    EXPECT_EQ(listed(id), 0u);  // not processed
    EXPECT_EQ(api("POST", payments(id), receipt("R1")).status, 201);
    EXPECT_EQ(listed(id), 1u);
    EXPECT_EQ(sandbox.fault_stats().injected[FaultKind::status_503], 1u);
}

TEST_F(StudentFaultsTest, ALostAnswerOnAddPaymentHasRecordedThePayment) {
    const auto id = register_student("FAM-1", student_body("ENR-1"));
    sandbox.inject_next(1, Fault{FaultKind::drop_after_commit}, "POST", kStudentPrefix);
    EXPECT_THROW(api("POST", payments(id), receipt("R1")), Poco::Exception);
    EXPECT_EQ(listed(id), 1u);
    // The client's retry is refused, not recorded twice.
    EXPECT_EQ(api("POST", payments(id), receipt("R1")).status, 409);
    EXPECT_EQ(listed(id), 1u);
}

TEST_F(StudentFaultsTest, TheFaultControlTakesAPathPrefix) {
    const auto set = call("POST", "/_sandbox/faults",
                          R"({"kind":"status_429","count":2,"retry_after_s":1,"path":")" +
                              std::string(kStudentPrefix) + R"("})");
    ASSERT_EQ(set.status, 200) << set.body;
    EXPECT_EQ(set.json()->optValue<std::string>("path", ""), kStudentPrefix);
    const auto registered =
        api("POST", std::string(kErp) + "/users/FAM-1/students", student_body("ENR-1"));
    EXPECT_EQ(registered.status, 429) << registered.body;
    EXPECT_TRUE(sandbox.student_ids().empty());
    EXPECT_EQ(api("GET", std::string(kOrders) + "/order_0").status, 404);  // not faulted
    EXPECT_EQ(api("GET", payments("6001")).status, 429);
    const auto id = register_student("FAM-1", student_body("ENR-1"));
    EXPECT_EQ(listed(id), 0u);
}

}  // namespace
}  // namespace jodo::sandbox::test
