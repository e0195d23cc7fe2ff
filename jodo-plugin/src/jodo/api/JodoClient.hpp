#pragma once

#include <functional>
#include <memory>
#include <random>
#include <string>

#include "jodo/api/AuditSink.hpp"
#include "jodo/api/HttpTransport.hpp"
#include "jodo/api/JodoConfig.hpp"
#include "jodo/api/PayOrderRequest.hpp"
#include "jodo/api/RemoteOrder.hpp"
#include "jodo/api/StudentWire.hpp"

namespace jodo {

// Counts that the retry tests and the chaos figures read.
struct ClientStats {
    long attempts = 0;
    long retries = 0;
};

// The Jodo Pay API as the connector uses it. Thread-safe. Every failure is a
// JodoError; transient failures of repeatable calls are retried per RetryPolicy.
class JodoClient {
  public:
    using Sleeper = std::function<void(int milliseconds)>;

    JodoClient(JodoConfig config, std::unique_ptr<HttpTransport> transport, Sleeper sleeper = {});

    CreatedOrder create_pay_order(const PayOrderRequest& request);
    RemoteOrder get_pay_order(const std::string& order_id);

    // Payment links: the request's expires_at (ISO 8601) is sent when set.
    CreatedOrder create_payment_link(const PayOrderRequest& request);
    RemoteOrder get_payment_link(const std::string& order_id);
    // Succeeds when the link is cancelled (also when it already was); a paid
    // or expired link is a JodoError of kind conflict (Jodo answers 400
    // HUE00000, or 409).
    void cancel_payment_link(const std::string& order_id);

    // Student-linked Pay (jodo/api/StudentCalls.cpp). Register Student and
    // Add Payment create something and are never repeated after they may
    // have taken effect (a lost answer is a JodoError outcome_unknown); the
    // PATCHes, DELETE and GETs are repeatable.
    // Returns the Jodo student id.
    std::string register_student(const std::string& registration_id, const StudentProfile& profile,
                                 const std::vector<FeeComponent>& fees);
    void update_student(const std::string& jodo_student_id, const StudentProfile& profile);
    void update_fee(const std::string& jodo_student_id, const std::vector<FeeComponent>& fees);
    std::vector<StudentPayment> list_student_payments(const std::string& jodo_student_id);
    void add_student_payment(const std::string& jodo_student_id,
                             const CounterPaymentRequest& payment);
    // Succeeds also when the payment was already cancelled.
    void cancel_student_payment(const std::string& jodo_student_id,
                                const std::string& transaction_id);
    // The status of the student's Pay product (List Products ?product_type=pay):
    // inactive, pending, paid as Jodo says it; "" when Jodo lists none.
    std::string pay_product_status(const std::string& jodo_student_id);

    ClientStats stats() const;
    // Told about every attempt as it ends; set before the first call. Not owned.
    void set_audit_sink(AuditSink* sink) { audit_ = sink; }

  private:
    CreatedOrder create(const std::string& path, const PayOrderRequest& request);
    RemoteOrder fetch(const std::string& path);
    HttpReply call(const std::string& method, const std::string& path, const std::string& body,
                   Repeatable repeatable, const AuditIds& ids = {});
    int backoff_ms(int retry_number);

    JodoConfig config_;
    std::unique_ptr<HttpTransport> transport_;
    Sleeper sleeper_;
    mutable std::mutex mutex_;
    std::mt19937 jitter_;
    ClientStats stats_;
    AuditSink* audit_ = nullptr;
};

// Path segment escaping for ids we put in URLs.
std::string encode_path_segment(const std::string& segment);

}  // namespace jodo
