#include "host_sim/sandbox/SandboxControls.hpp"

#include <Poco/JSON/Array.h>

#include "host_sim/sandbox/SandboxErrors.hpp"
#include "host_sim/sandbox/StudentControls.hpp"
#include "host_sim/sandbox/WebhookControls.hpp"

namespace jodo::sandbox {

SandboxControls::SandboxControls(SandboxState& state) : state_(state) {}

Reply SandboxControls::handle(const Request& request) {
    if (!request.from_loopback)
        return error_reply(403, kCodeForbidden, "sandbox controls accept loopback callers only");
    const auto segments = path_segments(request.path);  // {"_sandbox","orders",id,action}
    if (auto reply = handle_webhook_control(state_, request, segments))
        return *reply;
    if (auto reply = handle_student_control(state_, request, segments))
        return *reply;
    if (segments.size() == 2 && segments[1] == "faults")
        return handle_fault_control(state_.faults(), request);
    if (segments.size() != 4 || segments[1] != "orders")
        return error_reply(404, kCodeNotFound,
                           "sandbox control " + request.path + " was not found");
    const std::string& order_id = segments[2];
    const std::string& action = segments[3];
    if (action != "pay" && action != "settle" && action != "expire")
        return error_reply(404, kCodeNotFound,
                           "sandbox control " + request.path + " was not found");
    if (request.method != "POST")
        return method_not_allowed(request, "POST");

    Poco::JSON::Object::Ptr body = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    try {
        body->set("order_id", order_id);
        if (action == "pay") {
            body->set("transaction_id", state_.pay(order_id));
        } else if (action == "settle") {
            Poco::JSON::Array::Ptr utrs = new Poco::JSON::Array;
            for (const auto& utr : state_.settle(order_id))
                utrs->add(utr);
            body->set("utrs", utrs);
        } else {
            state_.expire(order_id);
            body->set("status", kStatusExpired);
        }
    } catch (const OrderNotFound& e) {
        return error_reply(404, kCodeNotFound, e.what());
    } catch (const OrderConflict& e) {
        return error_reply(409, kCodeConflict, e.what());
    }
    return json_reply(200, body);
}

}  // namespace jodo::sandbox
