// What JodoClient tells its AuditSink: one record per attempt, numbered, with
// the path as a template and nothing of the bodies (test doubles of our own
// HttpTransport and AuditSink interfaces).
#include <deque>
#include <variant>

#include <gtest/gtest.h>

#include "jodo/api/JodoClient.hpp"
#include "jodo/api/JodoError.hpp"

using jodo::AuditRecord;
using jodo::HttpReply;
using jodo::JodoClient;
using jodo::JodoError;
using jodo::Repeatable;
using jodo::TransportFailure;

namespace {

const char* kOrder = R"({"status":"success","data":{"id":"o 1","status":"unpaid","details":[]}})";
const char* kCreated = R"({"data":{"order_id":"o1","redirect_url":"http://127.0.0.1/p/o1"}})";
const char* kNoPhone =
    R"({"status":"error","code":"HUE00000","message":"phone 9876543210 is invalid"})";

using Outcome = std::variant<HttpReply, TransportFailure>;

class ScriptedTransport : public jodo::HttpTransport {
  public:
    explicit ScriptedTransport(std::deque<Outcome> script) : script_(std::move(script)) {}
    HttpReply send(const std::string&, const std::string&, const std::string&,
                   Repeatable) override {
        Outcome next = script_.front();
        script_.pop_front();
        if (auto* failure = std::get_if<TransportFailure>(&next))
            throw *failure;
        return std::get<HttpReply>(next);
    }

  private:
    std::deque<Outcome> script_;
};

class RecordingSink : public jodo::AuditSink {
  public:
    void record(AuditRecord r) noexcept override { records.push_back(std::move(r)); }
    std::vector<AuditRecord> records;
};

struct Rig {
    explicit Rig(std::deque<Outcome> script) {
        jodo::JodoConfig config;
        config.retry = {4, 1, 10, 1000};
        client = std::make_unique<JodoClient>(
            config, std::make_unique<ScriptedTransport>(std::move(script)), [](int) {});
        client->set_audit_sink(&sink);
    }
    RecordingSink sink;
    std::unique_ptr<JodoClient> client;
};

jodo::PayOrderRequest request() {
    jodo::PayOrderRequest r;
    r.name = "Asha Rao";
    r.phone = "9876543210";
    r.email = "asha@example.com";
    r.details.push_back({"Tuition Fee", 100});
    r.notes = {{jodo::kNoteInvoiceId, "INV-9"}, {jodo::kNoteCollectionId, "c-9"}};
    return r;
}

}  // namespace

TEST(JodoClientAudit, ACreateRetriedAfter503IsTwoNumberedAttempts) {
    Rig rig({HttpReply{503, R"({"status":"error","code":"HUE00503"})", ""},
             HttpReply{201, kCreated, ""}});
    EXPECT_EQ(rig.client->create_pay_order(request()).order_id, "o1");
    ASSERT_EQ(rig.sink.records.size(), 2u);
    const auto& first = rig.sink.records[0];
    EXPECT_EQ(first.direction, "out");
    EXPECT_EQ(first.endpoint, "POST /api/v1/integrations/pay/orders");
    EXPECT_EQ(first.attempt, 1);
    EXPECT_EQ(first.http_status, 503);
    EXPECT_EQ(first.error_code, "HUE00503");
    EXPECT_EQ(first.invoice_id, "INV-9");
    EXPECT_EQ(first.collection_id, "c-9");
    EXPECT_EQ(first.order_id, "");
    const auto& second = rig.sink.records[1];
    EXPECT_EQ(second.attempt, 2);
    EXPECT_EQ(second.http_status, 201);
    EXPECT_EQ(second.error_code, "");
    EXPECT_EQ(second.order_id, "o1");
    EXPECT_EQ(second.invoice_id, "INV-9");
}

TEST(JodoClientAudit, AFetchNamesTheOrderAndATemplateNotThePath) {
    Rig rig({TransportFailure("connection refused", false, false), HttpReply{200, kOrder, ""}});
    rig.client->get_pay_order("o 1");
    ASSERT_EQ(rig.sink.records.size(), 2u);
    EXPECT_EQ(rig.sink.records[0].http_status, 0);  // no answer
    EXPECT_EQ(rig.sink.records[0].attempt, 1);
    for (const auto& r : rig.sink.records) {
        EXPECT_EQ(r.endpoint, "GET /api/v1/integrations/pay/orders/{order_id}");
        EXPECT_EQ(r.order_id, "o 1");
    }
    EXPECT_EQ(rig.sink.records[1].attempt, 2);
}

TEST(JodoClientAudit, AnErrorKeepsJodosCodeNeverItsMessage) {
    Rig rig({HttpReply{400, kNoPhone, ""}});
    EXPECT_THROW(rig.client->create_pay_order(request()), JodoError);
    ASSERT_EQ(rig.sink.records.size(), 1u);
    EXPECT_EQ(rig.sink.records[0].error_code, "HUE00000");
    EXPECT_EQ(rig.sink.records[0].http_status, 400);
}

TEST(JodoClientAudit, ACodeThatIsNotACodeIsDropped) {
    EXPECT_EQ(jodo::audit_error_code("HUE00001"), "HUE00001");
    EXPECT_EQ(jodo::audit_error_code("asha@example.com"), "");
    EXPECT_EQ(jodo::audit_error_code("call 9876543210 now"), "");
    EXPECT_EQ(jodo::audit_error_code(std::string(41, 'A')), "");
}

TEST(JodoClientAudit, ACancelIsADeleteOfTheLinkTemplate) {
    Rig rig({HttpReply{200, "{}", ""}});
    rig.client->cancel_payment_link("pl_7");
    ASSERT_EQ(rig.sink.records.size(), 1u);
    EXPECT_EQ(rig.sink.records[0].endpoint,
              "DELETE /api/v1/integrations/pay/payment_links/{order_id}");
    EXPECT_EQ(rig.sink.records[0].order_id, "pl_7");
}

TEST(JodoClientAudit, StudentCallsNameTheirEndpointNotTheFamilyOrReceipt) {
    Rig rig({HttpReply{201, R"({"data":{"jodo_student_id":6001}})", ""},
             HttpReply{200, R"({"status":"success","data":[]})", ""}, HttpReply{200, "{}", ""}});
    EXPECT_EQ(rig.client->register_student("Vikram Rao", {}, {}), "6001");
    rig.client->list_student_payments("6001");
    rig.client->cancel_student_payment("6001", "CR-1");
    ASSERT_EQ(rig.sink.records.size(), 3u);
    EXPECT_EQ(rig.sink.records[0].endpoint,
              "POST /api/v1/integrations/erp/users/{registration_id}/students");
    EXPECT_EQ(rig.sink.records[1].endpoint,
              "GET /api/v1/integrations/erp/students/{jodo_student_id}/payments");
    EXPECT_EQ(rig.sink.records[2].endpoint,
              "DELETE /api/v1/integrations/erp/students/{jodo_student_id}/payments/"
              "{transaction_id}");
    for (const auto& r : rig.sink.records)
        EXPECT_EQ(r.endpoint.find("Vikram"), std::string::npos);
}
