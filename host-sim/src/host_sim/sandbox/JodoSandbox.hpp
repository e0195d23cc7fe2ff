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
//  - details[].amount: JSON number or decimal string, at most two decimals, > 0,
//    at most 999999999999.99 (a double counts as two-decimal when its "%.2f" text reads
//    back as the same double). Stored as integer paise; echoed per the AnswerShape.
//  - Text fields must be JSON strings; academic years integers or digit strings (1-4
//    digits); new_admission a boolean. Requests are read by RequestFields, the
//    sandbox's own code: nothing of jodo-plugin/ is linked.
//  - callback_url: if present and non-empty, must start with http:// or https://.
//  - notes[]: objects with a non-empty "key"; "value" optional (default "").
//  - Unknown fields are ignored. Optional fields not sent are echoed as null
//    (new_admission as false).
//  - Answer shape (SandboxOptions::answer_shape, set_answer_shape(), --answer-shape):
//    amounts as 1000 / 1000.5 (default), 1000.0, or "1000.0"; academic years as
//    integers (default) or strings; Create Payment Link with or without "status";
//    unknown "x_*" fields in every object written (answers and webhooks).
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
//  - Cancel: unpaid -> cancelled (200); cancelled again -> 200; paid or expired ->
//    400 HUE00000 (the documented error; the message says which).
//  - Paying: only unpaid orders/links; otherwise 409 (controls) or a 409 HTML page.
//  - Settling: only paid orders; every line gets its own UTR and the same settled_at.
//    Settling again keeps (and returns) the first UTRs.
//  - paid_at / settled_at come from the sandbox clock, formatted "YYYY-MM-DDTHH:MM:SSZ".
//  - api_request_count() counts every request under /api/, including 401/404/405 ones;
//    /p/ and /_sandbox/ requests are not counted. connection_count() counts TCP
//    connections the server accepted (any path). HTTP/1.1 keep-alive: an idle
//    connection is closed after SandboxOptions::keep_alive_timeout_ms (5 s).
//  - Hosted checkout (/p/) and controls (/_sandbox/) need no credentials; controls
//    refuse non-loopback callers. The checkout names the merchant
//    (SandboxOptions::merchant_name, --merchant), the invoice (note erp_invoice_id),
//    student, lines and total; Pay, Fail and Abandon return the browser to the
//    order's callback_url with order_id and status (CheckoutPage.hpp).
//  - Students (StudentApi.hpp, StudentControls.hpp; docs/jodo-choices.md): Register
//    Student 201 {"status":"success","data":{"jodo_student_id":<number>,
//    "registration_id"}}; ids 6001, 6002, ...; an identifier already registered -> 409
//    HUE00409. Update Student 200 with the documented data; Update Fee replaces the
//    structure. Add Payment 201; its payment's id is its transaction_id ("direct_<n>"
//    without one), product "direct"; a transaction_id the student already has -> 409.
//    Cancel Payment hides it from List Payments (again -> 200; a Jodo payment -> 400).
//    List Products: one "pay" product, status inactive | pending | paid. Errors as the
//    student pages document them: 400 MAE00000 naming the field, 404 MAE00001.
//  - Logging (spdlog, debug level): method, path and status only; never headers,
//    bodies, the API key or secret.
//
// Webhooks (off until set_webhooks() names a URL; shared/jodo-api/webhook-*.txt):
//  - Events: pay() / checkout page / control -> "order.payment.debited" or
//    "payment_link.payment.debited"; settle() -> "*.payment.settled" (only when a line
//    is newly settled: settling again sends nothing); a link turning expired
//    (expire_now() or lazy expiry, i.e. when it is next touched) ->
//    "payment_link.payment.expired". Cancelling sends nothing (no event documented).
//  - Envelope: {"event_id": random UUID v4, "event", "version":"1.0", "timestamp": unix
//    seconds of the sandbox clock (integer), "payload": {"order_id", "order"}}.
//    payload.order is Get Pay Order's data (OrderJson) minus "id" and "expires_at":
//    unsent optional fields and unsettled settlement_utr/settled_at are null. Built
//    when the change happens, so a late or reordered event carries the older state.
//    send_event() emits any name (page.payment.*, payment.*, made-up ones; their pages
//    are missing, GAPS.txt) with this same payload shape and the current state.
//  - Student events: a parent paying (pay_student, /_sandbox/students/<id>/pay) ->
//    "payment.debited", settling it -> "payment.settled"; body in StudentWebhook.hpp.
//    Same delivery, signature, switches and chaos; the log's order_id is the payment id.
//  - Request: POST to the configured URL only (http:// and a loopback host, else
//    std::invalid_argument; "localhost" is dialled as 127.0.0.1), Content-Type
//    application/json, X-Jodo-Signature = lower-case hex HMAC-SHA256(secret, raw body)
//    when a secret is set, the custom header when set, Connection: close.
//  - Delivery: one background thread, serial, from a due-time queue. A 2xx delivers;
//    anything else, a timeout (timeout_ms per attempt) or a refused connection fails
//    the attempt and it is retried after retry_delays_ms[i] (i = 0..size-1), then
//    given up. last_status is the last attempt's status (0 = no answer). stop()
//    cancels everything queued or waiting to retry and aborts an attempt in flight.
//  - Test switches decide an event's fate when it is emitted: drop_next (logged with
//    dropped=true, never sent) wins over duplicate_next (a second log entry with the
//    same event_id and body, sent right after the first); both win over chaos. Chaos
//    draws drop, duplicate, reorder and an extra delay for every event from a
//    generator seeded with `seed`; a reordered event is overtaken by the next event
//    (or sent 200 ms + max_extra_delay_ms later when none follows). Held events are
//    logged but not sent until release_webhooks().
//
// Faults (tests and --chaos; inject_next(), set_chaos(), /_sandbox/faults):
//  - Decided per /api/ request right after it is counted (faulted requests count in
//    api_request_count) and before authentication. Planned faults first: the oldest
//    queued plan whose method matches (empty = any method) is used and counts down.
//    Only when no plan matches does chaos draw: `probability`, then a kind uniformly
//    from `kinds` (empty = all seven; slow sleeps slow_ms), from a generator seeded
//    with `seed` when set_chaos() is called.
//  - status_429/500/502/503: that status and {"status":"error","code":"HUE00429" |
//    "HUE00500" | "HUE00502" | "HUE00503","message":M}, plus "Retry-After:
//    <retry_after_s>" when retry_after_s >= 0; the request is not processed (nothing
//    is created); the connection stays open (keep-alive).
//  - slow: sleeps delay_ms, then processes normally: a client that gave up meanwhile
//    still has its order created. clear_faults() and stop() cut the sleep short.
//  - drop_before: the request has been read but is not processed; not one byte is
//    answered and the TCP connection is aborted: RST (over TLS: FIN then RST, with no
//    close_notify alert, as when a server or proxy dies).
//  - drop_after_commit: processed fully (a create is stored and counted in
//    create_count), then the connection is aborted the same way, the answer unsent.
//  - fault_stats() counts injected faults per kind since construction; clear_faults()
//    removes plans and chaos but keeps the counts.
//  - Latency (set_latency_ms(), --latency-ms): every /api/ request waits that long
//    after it is counted and before any fault is decided, on its own server thread
//    (so concurrent requests wait side by side, as over a real network). Not a
//    fault: not counted, and kept by clear_faults(); stop() cuts the wait short.
//  - A plan or chaos may be limited to a path prefix (the student APIs alone:
//    "/api/v1/integrations/erp/"); other requests pass it by.
//  - HTTP: POST /_sandbox/faults {"count":N (default 1),"kind":"status_503",
//    "delay_ms":D,"retry_after_s":S,"method":"POST","path":P} = inject_next (200); DELETE =
//    clear_faults; GET = {"injected":{"<kind>":n,...},"total":n}. Bad body: 400 HUE00000.
//
// HTTPS: with SandboxOptions tls_cert_file and tls_key_file (PEM) the same server
// speaks TLS only (Poco SecureServerSocket; no client certificate asked for), and
// base_url() and redirect URLs are https://127.0.0.1:PORT. start() throws when the
// files cannot be loaded.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "host_sim/sandbox/AnswerShape.hpp"
#include "host_sim/sandbox/FaultInjector.hpp"
#include "host_sim/sandbox/SandboxOrder.hpp"
#include "host_sim/sandbox/StudentRecord.hpp"
#include "host_sim/sandbox/WebhookTypes.hpp"

namespace jodo::sandbox {

struct SandboxOptions {
    std::string api_key = "sandbox_key";
    std::string api_secret = "sandbox_secret";
    std::string host = "127.0.0.1";
    std::uint16_t port = 0;  // 0 = pick a free port
    // Both set = HTTPS (PEM files); both empty = plain HTTP.
    std::string tls_cert_file, tls_key_file;
    AnswerShape answer_shape;  // how answers are written (AnswerShape.hpp)
    // An idle kept-alive connection is closed by the server after this long.
    int keep_alive_timeout_ms = 5000;
    // The merchant the hosted checkout names (the school Jodo collects for).
    std::string merchant_name = "Sandbox Public School";
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
    std::string base_url() const;  // "http://127.0.0.1:PORT" ("https://..." with TLS)

    // Controls for tests and the demo (same effect as the /_sandbox HTTP routes).
    // Refusals throw std::runtime_error (OrderNotFound / OrderConflict from
    // SandboxErrors.hpp).
    std::string pay(const std::string& order_id);  // marks paid now; returns transaction_id
    std::string pay_even_if_closed(const std::string& order_id);  // late payment on a dead link
    void set_line_amount(const std::string& order_id, std::size_t line, Paise amount);
    std::vector<std::string> order_ids() const;  // every order and link Jodo holds
    std::vector<std::string> settle(const std::string& order_id);  // one UTR per line
    void expire_now(const std::string& order_id);  // payment link -> expired if unpaid
    std::optional<SandboxOrder> find(const std::string& order_id) const;
    // Students (the /_sandbox/students controls; StudentNotFound / StudentConflict):
    // a parent pays everything outstanding in Jodo (payment.debited); returns the
    // payment id. Settling gives one UTR per line (payment.settled).
    std::string pay_student(std::int64_t jodo_student_id);
    std::vector<std::string> settle_student_payment(std::int64_t jodo_student_id,
                                                    const std::string& payment_id);
    std::vector<std::int64_t> student_ids() const;  // every registered student
    std::optional<SandboxStudent> student(std::int64_t jodo_student_id) const;
    std::size_t api_request_count() const;  // every request under /api/, rejected ones too
    std::size_t create_count() const;       // orders + links successfully created
    std::size_t connection_count() const;   // TCP connections accepted since start()
    void set_clock(std::function<std::int64_t()> now_unix_seconds);  // empty = system clock
    // Answers and webhooks written from now on take this shape (AnswerShape.hpp).
    void set_answer_shape(const AnswerShape& shape);

    // Webhooks (see the header comment). The types live in WebhookTypes.hpp.
    using WebhookOptions = sandbox::WebhookOptions;
    using WebhookDelivery = sandbox::WebhookDelivery;
    using WebhookChaos = sandbox::WebhookChaos;
    void set_webhooks(WebhookOptions options);    // throws std::invalid_argument
    void set_webhook_chaos(WebhookChaos chaos);   // probabilities per event
    void drop_next_webhooks(std::size_t n);       // never sent (lost forever, no retries)
    void duplicate_next_webhooks(std::size_t n);  // each delivered twice (same event_id, body)
    void hold_webhooks();                         // queue events without sending...
    void release_webhooks(bool reverse_order);    // ...then send the held ones
    // Any event name with the order's current state; returns event_id. Throws
    // OrderNotFound, or OrderConflict when webhooks are off.
    std::string send_event(const std::string& event, const std::string& order_id);
    std::vector<WebhookDelivery> webhook_log() const;  // in emission order
    // True when nothing is queued, waiting to retry or in flight (held ones excluded).
    bool wait_for_webhooks(int timeout_ms);

    // Fault injection (see the header comment; the types live in FaultInjector.hpp).
    // The next `count` /api/ requests (only `method` ones when not empty, only paths
    // starting with `path_prefix` when not empty) get `fault`; queued plans apply in
    // order. Throws std::invalid_argument for a negative delay.
    void inject_next(std::size_t count, Fault fault, std::string method = "",
                     std::string path_prefix = "");
    void set_chaos(ChaosFaults chaos);  // probability 0 = off; std::invalid_argument
    void clear_faults();
    FaultStats fault_stats() const;
    // Every /api/ request waits this long before it is answered (0 = none);
    // std::invalid_argument when negative. Not a fault: kept by clear_faults().
    void set_latency_ms(int ms);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace jodo::sandbox
