#include "jodo/webhooks/WebhookReceiver.hpp"

#include <sstream>

#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>

#include "jodo/api/WebhookEnvelope.hpp"
#include "jodo/api/wire_error.hpp"
#include "jodo/core/CrashPoint.hpp"

namespace jodo {

namespace {
erp_plugin::HttpResponse reply(int status, const std::string& state, const std::string& message) {
    // Stringified, not pasted: a reason may quote what was sent.
    Poco::JSON::Object answer(Poco::JSON_PRESERVE_KEY_ORDER);
    answer.set("status", state);
    answer.set("message", message);
    std::ostringstream text;
    answer.stringify(text);
    return {status, "application/json", text.str()};
}
}  // namespace

WebhookReceiver::WebhookReceiver(WebhookSecurity security, WebhookInbox& inbox, Clock clock,
                                 Log log, std::function<void()> on_stored)
    : security_(std::move(security)),
      committer_(inbox),
      clock_(std::move(clock)),
      log_(log),
      on_stored_(std::move(on_stored)) {}

erp_plugin::HttpResponse WebhookReceiver::handle(const erp_plugin::HttpRequest& request,
                                                 std::string* refusal) {
    if (request.method != "POST")
        return reply(405, "error", "webhooks are POST requests");
    const WebhookVerdict verdict = verify_webhook(security_, request);
    if (verdict.http_status != 0) {
        log_.warn("webhook from " + request.source_address + " rejected: " + verdict.reason);
        if (refusal)
            *refusal = verdict.code;
        return reply(verdict.http_status, "error",
                     verdict.http_status == 403 ? "forbidden" : "unauthorized");
    }
    WebhookEnvelope envelope;
    try {
        envelope = parse_webhook_envelope(request.body);
    } catch (const WireError& e) {
        // Retrying a malformed body cannot help; say what is wrong.
        // The reason names the field and what is wrong with it, never its value.
        log_.warn(std::string("webhook rejected: ") + e.what());
        if (refusal)
            *refusal = "bad_body";
        return reply(400, "error", e.what());
    }
    try {
        const auto stored = committer_.store(
            {envelope.event_id, envelope.event, envelope.order_id, request.body, clock_.now_iso()});
        if (stored == WebhookInbox::Stored::duplicate)
            return reply(200, "duplicate", "already received");
    } catch (const Poco::Exception& e) {
        // Not stored, so not accepted: Jodo must try again later.
        log_.error("webhook " + envelope.event_id +
                   " not stored, answering 503: " + e.displayText());
        return reply(503, "error", "temporarily unavailable");
    } catch (const std::exception& e) {
        // erp_sql::NativeError (a row count unread), or the module stopping.
        log_.error("webhook " + envelope.event_id + " not stored, answering 503: " + e.what());
        return reply(503, "error", "temporarily unavailable");
    }
    if (!is_pay_event(envelope.event))
        log_.warn("webhook event \"" + envelope.event + "\" is not a Pay event we know");
    crash_point("webhook.after_store");
    if (on_stored_)
        on_stored_();
    return reply(200, "accepted", "stored");
}

}  // namespace jodo
