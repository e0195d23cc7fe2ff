#include "host_sim/sandbox/ApiHandlers.hpp"

#include <Poco/URI.h>

#include "host_sim/sandbox/OrderJson.hpp"
#include "host_sim/sandbox/OrderRequest.hpp"
#include "host_sim/sandbox/SandboxErrors.hpp"
#include "host_sim/sandbox/StudentApi.hpp"

namespace jodo::sandbox {

namespace {

using Poco::JSON::Object;

Object::Ptr new_object() {
    return new Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

bool is_pay_prefix(const std::vector<std::string>& s) {
    return s.size() >= 5 && s[0] == "api" && s[1] == "v1" && s[2] == "integrations" &&
           s[3] == "pay";
}

Reply not_found(const std::string& what) {
    return error_reply(404, kCodeNotFound, what + " was not found");
}

}  // namespace

ApiHandlers::ApiHandlers(SandboxState& state, BasicAuth auth, std::string base_url)
    : state_(state), auth_(std::move(auth)), base_url_(std::move(base_url)) {}

Reply ApiHandlers::handle(const Request& request) {
    state_.count_api_request();
    // Fault injection hook point (FaultInjector.hpp): a planned or chaos fault may
    // answer here (429/5xx, drop) before authentication and routing, delay the
    // request, or let it through and lose the answer.
    FaultDecision fault = state_.faults().decide(request.method, request.path);
    if (fault.reply)
        return *fault.reply;
    Reply reply = answer(request);
    reply.drop_connection = fault.lose_answer;
    return reply;
}

Reply ApiHandlers::answer(const Request& request) {
    if (!auth_.accepts(request.authorization)) {
        Reply reply =
            error_reply(401, kCodeUnauthorized, "Authentication failed: invalid API key or secret");
        reply.headers.emplace_back("WWW-Authenticate", "Basic realm=\"Jodo sandbox\"");
        return reply;
    }
    return route(request, path_segments(request.path));
}

Reply ApiHandlers::route(const Request& request, const std::vector<std::string>& segments) {
    if (auto reply = handle_student_api(state_, request, segments))
        return *reply;
    if (is_pay_prefix(segments) && segments.size() <= 6) {
        const std::string& collection = segments[4];
        const bool is_orders = collection == "orders";
        const bool is_links = collection == "payment_links";
        if (is_orders || is_links) {
            const std::string kind = is_orders ? kKindOrder : kKindPaymentLink;
            if (segments.size() == 5) {
                if (request.method != "POST")
                    return method_not_allowed(request, "POST");
                return create(request, kind);
            }
            const std::string& order_id = segments[5];
            if (request.method == "GET")
                return get(order_id, is_links);
            if (is_links && request.method == "DELETE")
                return cancel(order_id);
            return method_not_allowed(request, is_links ? "GET, DELETE" : "GET");
        }
    }
    return not_found("resource " + request.path);
}

Reply ApiHandlers::create(const Request& request, const std::string& kind) {
    OrderRecord record;
    try {
        record = parse_order_request(request.body, kind, state_.now());
    } catch (const RequestError& e) {
        return error_reply(400, kCodeBadRequest, e.what());
    }
    const std::string callback_url = record.order.callback_url;
    const std::string order_id = state_.create(std::move(record));

    const AnswerShape shape = state_.answer_shape();
    Object::Ptr data = new_object();
    data->set("order_id", order_id);
    data->set("redirect_url", redirect_url(order_id, callback_url));
    add_unknown_fields(*data, "created", shape);
    Object::Ptr body = new_object();
    // Create Pay Order's documented response has no "status" and is HTTP 200;
    // Create Payment Link's has one (unless the shape leaves it out) and is 201.
    if (kind == kKindPaymentLink && shape.create_status)
        body->set("status", "success");
    body->set("data", data);
    add_unknown_fields(*body, "answer", shape);
    return json_reply(kind == kKindOrder ? 200 : 201, body);
}

Reply ApiHandlers::get(const std::string& order_id, bool payment_link_route) {
    auto record = state_.get(order_id);
    if (!record || (payment_link_route && record->order.kind != kKindPaymentLink))
        return not_found(std::string(payment_link_route ? "payment link " : "order ") + order_id);
    const AnswerShape shape = state_.answer_shape();
    Object::Ptr body = new_object();
    body->set("status", "success");
    body->set("data", order_to_json(*record, payment_link_route, shape));
    add_unknown_fields(*body, "answer", shape);
    return json_reply(200, body);
}

Reply ApiHandlers::cancel(const std::string& order_id) {
    try {
        state_.cancel_link(order_id);
    } catch (const OrderNotFound&) {
        return not_found("payment link " + order_id);
    } catch (const OrderConflict& e) {
        // As documented (cancel-payment-link.txt): the only refusal besides 404.
        return error_reply(400, kCodeBadRequest, e.what());
    }
    Object::Ptr body = new_object();
    body->set("status", "success");
    body->set("message", "Payment link cancelled successfully!");
    return json_reply(200, body);
}

std::string ApiHandlers::redirect_url(const std::string& order_id,
                                      const std::string& callback_url) const {
    std::string url = base_url_ + "/p/" + order_id;
    if (!callback_url.empty()) {
        std::string encoded;
        Poco::URI::encode(callback_url, "!#$&'()*+,/:;=?@[]%\" <>", encoded);
        url += "?callback_url=" + encoded;
    }
    return url;
}

}  // namespace jodo::sandbox
