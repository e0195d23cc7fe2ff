#include "jodo/api/JodoError.hpp"

#include "jodo/api/json_fields.hpp"

namespace jodo {

const char* to_string(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::invalid_request:
            return "invalid_request";
        case ErrorKind::unauthorized:
            return "unauthorized";
        case ErrorKind::forbidden:
            return "forbidden";
        case ErrorKind::not_found:
            return "not_found";
        case ErrorKind::not_allowed:
            return "not_allowed";
        case ErrorKind::conflict:
            return "conflict";
        case ErrorKind::rate_limited:
            return "rate_limited";
        case ErrorKind::server_error:
            return "server_error";
        case ErrorKind::unreachable:
            return "unreachable";
        case ErrorKind::timeout:
            return "timeout";
        case ErrorKind::outcome_unknown:
            return "outcome_unknown";
        case ErrorKind::bad_response:
            return "bad_response";
        case ErrorKind::config:
            return "config";
    }
    return "unknown";
}

namespace {
std::string describe(ErrorKind kind, int status, const std::string& code, const std::string& msg) {
    std::string text = std::string("Jodo ") + to_string(kind);
    if (status > 0)
        text += " (HTTP " + std::to_string(status) + ")";
    if (!code.empty())
        text += " " + code;
    if (!msg.empty())
        text += ": " + msg;
    return text;
}
}  // namespace

JodoError::JodoError(ErrorKind kind, int http_status, std::string code, std::string jodo_message)
    : std::runtime_error(describe(kind, http_status, code, jodo_message)),
      kind_(kind),
      http_status_(http_status),
      code_(std::move(code)),
      jodo_message_(std::move(jodo_message)) {}

std::string JodoError::advice() const {
    const std::string said = jodo_message_.empty() ? "" : " Jodo said: " + jodo_message_ + ".";
    switch (kind_) {
        case ErrorKind::invalid_request:
            return "Jodo rejected the invoice data; correct the invoice and try again." + said;
        case ErrorKind::unauthorized:
            return "Jodo did not accept the API key and secret; ask the ERP administrator to check "
                   "the Jodo credentials in the plugin settings.";
        case ErrorKind::forbidden:
            return "This Jodo account may not use this API; ask the administrator to contact "
                   "Jodo." +
                   said;
        case ErrorKind::not_found:
            return "Jodo does not know this order." + said;
        case ErrorKind::not_allowed:
            return "The connector made a request Jodo does not support; report this to the ERP "
                   "administrator." +
                   said;
        case ErrorKind::conflict:
            return "Jodo refused because of the order's current state." + said;
        case ErrorKind::rate_limited:
        case ErrorKind::server_error:
        case ErrorKind::unreachable:
        case ErrorKind::timeout:
            return "Jodo is not reachable or busy right now; nothing was created. Try again in a "
                   "few "
                   "minutes." +
                   said;
        case ErrorKind::outcome_unknown:
            return "The request reached Jodo but its answer was lost, so an order may exist. Do "
                   "not "
                   "collect again: the connector will check with Jodo and update this invoice.";
        case ErrorKind::bad_response:
            return "Jodo answered in a form the connector does not understand; report this to the "
                   "ERP administrator." +
                   said;
        case ErrorKind::config:
            return "The Jodo plugin settings are wrong: " + jodo_message_;
    }
    return what();
}

bool JodoError::transient() const noexcept {
    switch (kind_) {
        case ErrorKind::rate_limited:
        case ErrorKind::server_error:
        case ErrorKind::unreachable:
        case ErrorKind::timeout:
            return true;
        default:
            return false;
    }
}

JodoError error_from_response(int status, const std::string& body) {
    std::string code;
    std::string message;
    try {
        auto obj = json::parse_object(body, "error body");
        code = json::optional_string(obj, "code", "").value_or("");
        message = json::optional_string(obj, "message", "").value_or("");
        if (message.empty())
            message = json::optional_string(obj, "error", "").value_or("");
    } catch (const std::exception&) {
        // Not JSON (a proxy's HTML page, say): the status alone must do.
    }
    ErrorKind kind = ErrorKind::server_error;
    switch (status) {
        case 400:
            kind = ErrorKind::invalid_request;
            break;
        case 401:
            kind = ErrorKind::unauthorized;
            break;
        case 403:
            kind = ErrorKind::forbidden;
            break;
        case 404:
            kind = ErrorKind::not_found;
            break;
        case 405:
        case 406:
            kind = ErrorKind::not_allowed;
            break;
        case 409:
            kind = ErrorKind::conflict;
            break;
        case 429:
            kind = ErrorKind::rate_limited;
            break;
        default:
            kind = status >= 500   ? ErrorKind::server_error
                   : status >= 400 ? ErrorKind::invalid_request
                                   : ErrorKind::bad_response;
    }
    return JodoError(kind, status, code, message);
}

}  // namespace jodo
