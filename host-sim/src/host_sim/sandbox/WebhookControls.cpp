#include "host_sim/sandbox/WebhookControls.hpp"

#include "host_sim/sandbox/SandboxErrors.hpp"
#include "host_sim/sandbox/WebhookDispatcher.hpp"

namespace jodo::sandbox {

std::optional<Reply> handle_webhook_control(SandboxState& state, const Request& request,
                                            const std::vector<std::string>& segments) {
    const bool is_log =
        segments.size() == 2 && segments[0] == "_sandbox" && segments[1] == "webhooks";
    const bool is_event = segments.size() == 5 && segments[0] == "_sandbox" &&
                          segments[1] == "orders" && segments[3] == "events";
    if (!is_log && !is_event)
        return std::nullopt;
    WebhookDispatcher* webhooks = state.webhooks();
    if (!webhooks)
        return error_reply(404, kCodeNotFound, "webhooks are not available in this sandbox");

    if (is_log) {
        if (request.method != "GET")
            return method_not_allowed(request, "GET");
        return json_reply(200, webhook_log_json(webhooks->log()));
    }

    if (request.method != "POST")
        return method_not_allowed(request, "POST");
    const std::string& order_id = segments[2];
    const std::string& event = segments[4];
    try {
        const std::string event_id = webhooks->send_event(state, event, order_id);
        Poco::JSON::Object::Ptr body = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        body->set("order_id", order_id);
        body->set("event", event);
        body->set("event_id", event_id);
        return json_reply(200, body);
    } catch (const OrderNotFound& e) {
        return error_reply(404, kCodeNotFound, e.what());
    } catch (const OrderConflict& e) {
        return error_reply(409, kCodeConflict, e.what());
    }
}

}  // namespace jodo::sandbox
