#include "host_sim/sandbox/StudentWebhook.hpp"

#include <sstream>

#include "host_sim/sandbox/StudentJson.hpp"
#include "host_sim/sandbox/WebhookEnvelope.hpp"

namespace jodo::sandbox {

std::string student_webhook_body(const std::string& event_id, const std::string& event,
                                 std::int64_t timestamp, const SandboxStudent& student,
                                 const StudentPayment& payment, const AnswerShape& shape) {
    using Poco::JSON::Object;
    const auto id = student_id_json(student.jodo_student_id, shape);
    Object::Ptr who = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    who->set("id", id);
    who->set("registration_id", student.registration_id);
    who->set("fullname", student.profile.fullname);
    who->set("identifier", student.profile.identifier);
    who->set("grade", student.profile.grade);
    add_unknown_fields(*who, "student", shape);

    Object::Ptr payload = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    payload->set("student_id", id);
    payload->set("payment_id", payment.id);
    payload->set("student", who);
    payload->set("payment", payment_to_json(payment, shape));
    add_unknown_fields(*payload, "payload", shape);

    return webhook_envelope(event_id, event, timestamp, payload, shape);
}

}  // namespace jodo::sandbox
