#pragma once

#include <stdexcept>
#include <string>

namespace jodo {

// Every way a call to Jodo can fail, as the connector must react to it.
enum class ErrorKind {
    invalid_request,  // 400 HUE00000: our data is wrong; fix the invoice
    unauthorized,     // 401: API key or secret wrong
    forbidden,        // 403
    not_found,        // 404 HUE00001
    not_allowed,      // 405 / 406: a connector bug, not the accountant's
    conflict,         // 409: the order's state forbids it (e.g. cancel a paid link)
    rate_limited,     // 429
    server_error,     // 500 / 502 / 503 and other 5xx
    unreachable,      // no connection could be made; nothing was sent
    timeout,          // sent, no answer in time
    outcome_unknown,  // a create was sent and its answer lost: an order may exist
    bad_response,     // an answer we cannot understand
    config,           // our own settings forbid the call (e.g. plain http to a remote host)
};

const char* to_string(ErrorKind kind);

class JodoError : public std::runtime_error {
  public:
    JodoError(ErrorKind kind, int http_status, std::string code, std::string jodo_message);

    ErrorKind kind() const noexcept { return kind_; }
    int http_status() const noexcept { return http_status_; }
    const std::string& code() const noexcept { return code_; }                  // e.g. HUE00000
    const std::string& jodo_message() const noexcept { return jodo_message_; }  // Jodo's own words

    // One sentence for the accountant: what happened and what to do.
    std::string advice() const;

    // Worth another attempt for a request that is safe to repeat.
    bool transient() const noexcept;

  private:
    ErrorKind kind_;
    int http_status_;
    std::string code_;
    std::string jodo_message_;
};

// Maps an HTTP error answer (status + body) to a JodoError, keeping Jodo's
// code and message when the body has them.
JodoError error_from_response(int http_status, const std::string& body);

}  // namespace jodo
