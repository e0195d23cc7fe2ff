// An offline Jodo Pay API: a Poco HTTPServer on 127.0.0.1 speaking the
// documented endpoints (shared/jodo-api/), so the connector, its tests and the
// demo run without the real sandbox.
//
// Where the docs are silent, the sandbox's choices:
//  - Auth: every /api/ request needs "Authorization: Basic base64(key:secret)",
//    checked before routing; otherwise 401 {"status":"error","code":"HUE00401",...}.
//  - Errors: {"status":"error","code":C,"message":M}, M one sentence naming the field.
//    400 HUE00000, 401 HUE00401, 403 HUE00403 (controls from non-loopback),
//    404 HUE00001 (also unknown /api/ paths), 405 HUE00405 (+ Allow header),
//    409 HUE00409, 500 HUE00500.
//  - Validation order: body is a JSON object, name, phone, email, details, then the
//    optional fields. Only the first problem is reported. Field paths use 0-based
//    indices: "details[1].amount must be greater than zero".
//  - phone: trimmed, an optional "+91" (then optional space or '-') is stripped,
//    then exactly 10 digits must remain; the 10 digits are stored and echoed.
//  - email: non-empty text with something either side of an '@'.
//  - details[].amount: JSON number or decimal string, at most two decimals, > 0.
//    Stored as integer paise; echoed as a JSON number (1000 or 1000.5).
//  - callback_url: if present and non-empty, must start with http:// or https://.
//  - notes[]: objects with a non-empty "key"; "value" optional (default "").
//  - Unknown fields are ignored. Optional fields not sent are echoed as null
//    (new_admission as false); academic years are echoed as integers.
//  - Create Pay Order: HTTP 200 {"data":{order_id,redirect_url}} (no "status", as
//    documented). Create Payment Link: HTTP 201 {"status":"success","data":{...}}.
//  - order_id "order_<16 hex>", transaction_id "trans_<12 hex>", UTR "UTR<12 digits>".
//  - redirect_url: <base_url>/p/<order_id>[?callback_url=<percent-encoded>].
//  - expires_at (payment links only): ISO 8601 with a required zone ("Z", "+05:30",
//    "+0530", "+05"); fractions of a second dropped; must be after the sandbox clock.
//    Echoed normalised to UTC ("2026-12-01T04:30:00Z"). No expires_at = never expires.
//  - Expiry is lazy: an unpaid link whose expires_at <= now becomes "expired" when it
//    is read, paid, cancelled or expired; the change is kept.
//  - Get Pay Order also answers for payment-link ids (without expires_at); Get / Cancel
//    Payment Link answer 404 for plain order ids.
//  - Cancel: unpaid -> cancelled (200); cancelled again -> 200; paid or expired -> 409.
//  - Paying: only unpaid orders/links; otherwise 409 (controls) or a 409 HTML page.
//  - Settling: only paid orders; every line gets its own UTR and the same settled_at.
//    Settling again keeps (and returns) the first UTRs.
//  - paid_at / settled_at come from the sandbox clock, formatted "YYYY-MM-DDTHH:MM:SSZ".
//  - api_request_count() counts every request under /api/, including 401/404/405 ones;
//    /p/ and /_sandbox/ requests are not counted.
//  - Hosted checkout (/p/) and controls (/_sandbox/) need no credentials; controls
//    refuse non-loopback callers.
//  - Logging (spdlog, debug level): method, path and status only; never headers,
//    bodies, the API key or secret.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sandbox/SandboxOrder.hpp"

namespace jodo::sandbox {

struct SandboxOptions {
    std::string api_key = "sandbox_key";
    std::string api_secret = "sandbox_secret";
    std::string host = "127.0.0.1";
    std::uint16_t port = 0;  // 0 = pick a free port
};

class JodoSandbox {
  public:
    explicit JodoSandbox(SandboxOptions options = {});
    ~JodoSandbox();  // stops
    JodoSandbox(const JodoSandbox&) = delete;
    JodoSandbox& operator=(const JodoSandbox&) = delete;

    void start();  // throws on bind failure (or when already started)
    void stop();   // idempotent
    std::uint16_t port() const;
    std::string base_url() const;  // "http://127.0.0.1:PORT"

    // Controls for tests and the demo (same effect as the /_sandbox HTTP routes).
    // Refusals throw std::runtime_error (OrderNotFound / OrderConflict from
    // SandboxErrors.hpp).
    std::string pay(const std::string& order_id);  // marks paid now; returns transaction_id
    std::vector<std::string> settle(const std::string& order_id);  // one UTR per line
    void expire_now(const std::string& order_id);  // payment link -> expired if unpaid
    std::optional<SandboxOrder> find(const std::string& order_id) const;
    std::size_t api_request_count() const;  // every request under /api/, rejected ones too
    std::size_t create_count() const;       // orders + links successfully created
    void set_clock(std::function<std::int64_t()> now_unix_seconds);  // empty = system clock

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace jodo::sandbox
