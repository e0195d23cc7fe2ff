// The sandbox's memory: every order and payment link, the counters tests read,
// and the clock expiry is judged by. One mutex guards all of it; every method
// is safe to call from any server thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "host_sim/sandbox/AnswerShape.hpp"
#include "host_sim/sandbox/FaultInjector.hpp"
#include "host_sim/sandbox/IdGenerator.hpp"
#include "host_sim/sandbox/OrderRecord.hpp"
#include "host_sim/sandbox/StudentRecord.hpp"
#include "host_sim/sandbox/StudentRequest.hpp"

namespace jodo::sandbox {

class WebhookDispatcher;
enum class OrderChange;  // WebhookEnvelope.hpp

enum class CancelOutcome { cancelled, already_cancelled };

class SandboxState {
  public:
    using Clock = std::function<std::int64_t()>;

    SandboxState();

    // Stores a validated request as a new unpaid order; returns its order_id.
    std::string create(OrderRecord record);

    // A copy with lazy expiry applied; nullopt when unknown.
    std::optional<OrderRecord> get(const std::string& order_id);

    // The operations below throw OrderNotFound or OrderConflict.
    std::string pay(const std::string& order_id);  // -> transaction_id
    // A payment that was already in flight when the link expired or was
    // cancelled: Jodo reports it paid all the same.
    std::string pay_even_if_closed(const std::string& order_id);
    // Jodo reports a different amount for a line than was asked (partial
    // payment, a fee changed on Jodo's side).
    void set_line_amount(const std::string& order_id, std::size_t line, Paise amount);
    std::vector<std::string> order_ids() const;  // every order and link, in id order
    std::vector<std::string> settle(const std::string& order_id);  // -> one UTR per line
    void expire(const std::string& order_id);                      // payment links only
    CancelOutcome cancel_link(const std::string& order_id);        // payment links only

    // Students (StudentState.cpp, under the same lock). Refusals throw
    // StudentNotFound or StudentConflict (SandboxErrors.hpp).
    // A new student under the family `registration_id`; returns its Jodo id.
    // Throws StudentConflict when its identifier is already registered.
    std::int64_t register_student(const std::string& registration_id, RegisterRequest request);
    std::optional<SandboxStudent> student(std::int64_t jodo_student_id) const;
    std::vector<std::int64_t> student_ids() const;
    // `change` maps the stored profile to the new one (it may throw RequestError).
    SandboxStudent update_student(
        std::int64_t jodo_student_id,
        const std::function<StudentProfile(const StudentProfile&)>& change);
    void update_fees(std::int64_t jodo_student_id, std::vector<FeeComponent> fees);
    // Add Payment; throws StudentConflict when the student already has a payment
    // with that transaction_id (cancelled or not).
    StudentPayment add_payment(std::int64_t jodo_student_id, StudentPayment payment);
    // Cancel Payment of a direct payment, by the transaction_id it was added with.
    // Throws StudentNotFound for an unknown one, RequestError for a Jodo payment.
    CancelOutcome cancel_payment(std::int64_t jodo_student_id, const std::string& transaction_id);
    // A parent pays in Jodo's app: `lines` (empty = everything outstanding). Sends
    // payment.debited. Throws StudentConflict when there is nothing to pay.
    StudentPayment pay_student(std::int64_t jodo_student_id, std::vector<PaymentLine> lines,
                               const std::string& mode);
    // Settles a payment made in Jodo: one UTR per line (settling again keeps them and
    // sends nothing); sends payment.settled.
    std::vector<std::string> settle_student_payment(std::int64_t jodo_student_id,
                                                    const std::string& payment_id);

    void count_api_request();
    std::size_t api_request_count() const;
    std::size_t create_count() const;

    void set_clock(Clock now_unix_seconds);  // empty = system clock
    std::int64_t now() const;

    // How answers and webhook bodies are written from now on (AnswerShape.hpp).
    void set_answer_shape(const AnswerShape& shape);
    AnswerShape answer_shape() const;

    // Told (under this lock, in order) when an order is paid, settled or expires.
    // Set once before the server starts; null = no webhooks.
    void set_webhooks(WebhookDispatcher* webhooks);
    WebhookDispatcher* webhooks() const;

    // Test-controlled faults on the /api/ door (thread-safe on its own, outside this lock).
    FaultInjector& faults() { return faults_; }

  private:
    std::string pay_impl(const std::string& order_id, bool even_if_closed);
    std::int64_t now_locked() const;
    OrderRecord& find_locked(const std::string& order_id);
    void apply_expiry_locked(OrderRecord& record);
    void notify_locked(OrderChange change, const OrderRecord& record);
    SandboxStudent& find_student_locked(std::int64_t jodo_student_id);
    void notify_student_locked(const char* event, const SandboxStudent& student,
                               const StudentPayment& payment);
    std::string new_utr_locked();

    mutable std::mutex mutex_;
    std::map<std::string, OrderRecord> orders_;
    std::set<std::string> issued_utrs_;
    std::set<std::string> issued_transactions_;
    std::map<std::int64_t, SandboxStudent> students_;
    std::int64_t next_student_id_ = 6001;
    std::int64_t next_product_id_ = 901;
    std::int64_t next_payment_number_ = 1001;
    IdGenerator ids_;
    Clock clock_;
    AnswerShape shape_;
    std::size_t api_requests_ = 0;
    std::size_t creates_ = 0;
    FaultInjector faults_;
    WebhookDispatcher* webhooks_ = nullptr;
};

}  // namespace jodo::sandbox
