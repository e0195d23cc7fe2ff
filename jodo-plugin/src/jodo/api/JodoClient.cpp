#include "jodo/api/JodoClient.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

#include <Poco/URI.h>

#include "jodo/api/JodoError.hpp"
#include "jodo/api/wire_error.hpp"

namespace jodo {

namespace {
const std::string kOrdersPath = "/api/v1/integrations/pay/orders";
const std::string kLinksPath = "/api/v1/integrations/pay/payment_links";

bool is_success(int status) {
    return status >= 200 && status < 300;
}

// Retry-After is either delta-seconds or an HTTP date; we honour the first and
// fall back to our own backoff for the second.
int retry_after_ms(const std::string& header) {
    if (header.empty() || header.size() > 6)
        return -1;
    for (char c : header)
        if (c < '0' || c > '9')
            return -1;
    return std::stoi(header) * 1000;
}

// A create that may have reached Jodo must not be sent again.
// Every 5xx but 503 ("not processed, come back") may come from a server or
// proxy that had already passed the request on.
bool may_have_taken_effect(int status) {
    return status >= 500 && status != 503;
}

long elapsed_ms(std::chrono::steady_clock::time_point since) {
    return static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                 std::chrono::steady_clock::now() - since)
                                 .count());
}
}  // namespace

std::string encode_path_segment(const std::string& segment) {
    std::string out;
    Poco::URI::encode(segment, "/?#%&=+ ", out);
    return out;
}

JodoClient::JodoClient(JodoConfig config, std::unique_ptr<HttpTransport> transport, Sleeper sleeper)
    : config_(std::move(config)),
      transport_(std::move(transport)),
      sleeper_(sleeper ? std::move(sleeper) : Sleeper([](int ms) {
          std::this_thread::sleep_for(std::chrono::milliseconds(ms));
      })),
      jitter_(std::random_device{}()) {}

ClientStats JodoClient::stats() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return stats_;
}

int JodoClient::backoff_ms(int retry_number) {
    const auto& policy = config_.retry;
    const long ceiling = std::min<long>(policy.max_delay_ms, static_cast<long>(policy.base_delay_ms)
                                                                 << std::min(retry_number, 20));
    std::lock_guard<std::mutex> lock(mutex_);
    // Half fixed, half random: spreads simultaneous clients without ever
    // retrying immediately.
    std::uniform_int_distribution<long> spread(0, std::max<long>(ceiling / 2, 0));
    return static_cast<int>(ceiling - ceiling / 2 + spread(jitter_));
}

HttpReply JodoClient::call(const std::string& method, const std::string& path,
                           const std::string& body, Repeatable repeatable, const AuditIds& ids) {
    const auto& policy = config_.retry;
    long waited_ms = 0;
    bool resent = false;  // once per call: see below
    for (int attempt = 1;; ++attempt) {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            ++stats_.attempts;
            if (attempt > 1)
                ++stats_.retries;
        }
        std::optional<JodoError> failure;
        std::string retry_after;
        const auto started = std::chrono::steady_clock::now();
        auto audit = [&](int status, const std::string& code, const std::string& reply_body) {
            if (!audit_)
                return;
            try {
                audit_->record(api_attempt_record(method, path, ids, attempt, status,
                                                  elapsed_ms(started), code, reply_body));
            } catch (...) {
                // The audit log is a diagnostic record; the call goes on without it.
            }
        };
        try {
            HttpReply reply = transport_->send(method, path, body, repeatable);
            if (is_success(reply.status)) {
                audit(reply.status, "", reply.body);
                return reply;
            }
            failure = error_from_response(reply.status, reply.body);
            audit(reply.status, failure->code(), "");
            retry_after = reply.retry_after;
            if (repeatable == Repeatable::no && may_have_taken_effect(reply.status))
                throw JodoError(ErrorKind::outcome_unknown, reply.status, failure->code(),
                                failure->jodo_message());
        } catch (const TransportFailure& e) {
            audit(0, "", "");
            if (repeatable == Repeatable::no && e.sent())
                throw JodoError(ErrorKind::outcome_unknown, 0, "", e.what());
            failure = JodoError(e.timed_out() ? ErrorKind::timeout : ErrorKind::unreachable, 0, "",
                                e.what());
            // A kept-alive connection the server closed just as the request
            // went out (no answer, no timeout): a repeatable call goes again
            // at once on a fresh connection, without a wait and without
            // spending one of max_attempts.
            if (repeatable == Repeatable::yes && e.on_reused_connection() && !e.timed_out() &&
                !resent) {
                resent = true;
                continue;
            }
        }
        if (!failure->transient() || attempt - (resent ? 1 : 0) >= policy.max_attempts)
            throw *failure;
        int delay = backoff_ms(attempt - 1);
        const int asked = retry_after_ms(retry_after);
        if (asked >= 0)
            delay = asked;
        if (waited_ms + delay > policy.max_total_ms)
            throw *failure;
        sleeper_(delay);
        waited_ms += delay;
    }
}

CreatedOrder JodoClient::create(const std::string& path, const PayOrderRequest& request) {
    HttpReply reply = call("POST", path, request.to_json(), Repeatable::no, audit_ids_of(request));
    try {
        return parse_created_order(reply.body);
    } catch (const WireError& e) {
        // Jodo said yes but we cannot read the order id: an order exists that
        // we cannot name, which is the same position as a lost answer.
        throw JodoError(ErrorKind::outcome_unknown, reply.status, "", e.what());
    }
}

RemoteOrder JodoClient::fetch(const std::string& path) {
    HttpReply reply = call("GET", path, "", Repeatable::yes);
    try {
        return parse_remote_order_response(reply.body);
    } catch (const WireError& e) {
        throw JodoError(ErrorKind::bad_response, reply.status, "", e.what());
    }
}

CreatedOrder JodoClient::create_pay_order(const PayOrderRequest& request) {
    return create(kOrdersPath, request);
}

RemoteOrder JodoClient::get_pay_order(const std::string& order_id) {
    return fetch(kOrdersPath + "/" + encode_path_segment(order_id));
}

CreatedOrder JodoClient::create_payment_link(const PayOrderRequest& request) {
    return create(kLinksPath, request);
}

RemoteOrder JodoClient::get_payment_link(const std::string& order_id) {
    return fetch(kLinksPath + "/" + encode_path_segment(order_id));
}

void JodoClient::cancel_payment_link(const std::string& order_id) {
    try {
        // Cancelling twice is harmless, so a lost answer may be retried.
        call("DELETE", kLinksPath + "/" + encode_path_segment(order_id), "", Repeatable::yes);
    } catch (const JodoError& e) {
        // A DELETE carries no data that could be wrong: the documented 400
        // HUE00000 says the link's state forbids it (paid or expired), not
        // that the invoice needs correcting.
        if (e.kind() != ErrorKind::invalid_request)
            throw;
        throw JodoError(ErrorKind::conflict, e.http_status(), e.code(), e.jodo_message());
    }
}

}  // namespace jodo
