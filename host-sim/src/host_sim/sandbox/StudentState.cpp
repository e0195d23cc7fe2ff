// SandboxState's students: registration, profile and fee updates, payments made
// in Jodo or added by the ERP, cancels and settlements, under the one sandbox lock.
#include <algorithm>
#include <utility>

#include "host_sim/sandbox/IsoTime.hpp"
#include "host_sim/sandbox/RequestFields.hpp"
#include "host_sim/sandbox/SandboxErrors.hpp"
#include "host_sim/sandbox/SandboxState.hpp"
#include "host_sim/sandbox/StudentWebhook.hpp"
#include "host_sim/sandbox/WebhookDispatcher.hpp"

namespace jodo::sandbox {

namespace {
std::string student_text(std::int64_t id) {
    return "student " + std::to_string(id);
}

void check_identifier_free(const std::map<std::int64_t, SandboxStudent>& students,
                           const std::string& identifier, std::int64_t self) {
    for (const auto& [id, other] : students)
        if (id != self && other.profile.identifier == identifier)
            throw StudentConflict(
                "identifier " + identifier + " is already registered as " + student_text(id), id);
}
}  // namespace

std::int64_t SandboxState::register_student(const std::string& registration_id,
                                            RegisterRequest request) {
    std::lock_guard<std::mutex> lock(mutex_);
    check_identifier_free(students_, request.profile.identifier, 0);
    SandboxStudent student;
    student.jodo_student_id = next_student_id_++;
    student.registration_id = registration_id;
    student.profile = std::move(request.profile);
    student.fees = std::move(request.fees);
    student.pay_product_id = next_product_id_++;
    const auto id = student.jodo_student_id;
    students_.emplace(id, std::move(student));
    return id;
}

std::optional<SandboxStudent> SandboxState::student(std::int64_t jodo_student_id) const {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = students_.find(jodo_student_id);
    if (it == students_.end())
        return std::nullopt;
    return it->second;
}

std::vector<std::int64_t> SandboxState::student_ids() const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<std::int64_t> ids;
    for (const auto& entry : students_)
        ids.push_back(entry.first);
    return ids;
}

SandboxStudent SandboxState::update_student(
    std::int64_t jodo_student_id,
    const std::function<StudentProfile(const StudentProfile&)>& change) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto& student = find_student_locked(jodo_student_id);
    StudentProfile profile = change(student.profile);
    check_identifier_free(students_, profile.identifier, jodo_student_id);
    student.profile = std::move(profile);
    return student;
}

void SandboxState::update_fees(std::int64_t jodo_student_id, std::vector<FeeComponent> fees) {
    std::lock_guard<std::mutex> lock(mutex_);
    find_student_locked(jodo_student_id).fees = std::move(fees);
}

StudentPayment SandboxState::add_payment(std::int64_t jodo_student_id, StudentPayment payment) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto& student = find_student_locked(jodo_student_id);
    payment.product = StudentPayment::kProductDirect;
    payment.cancelled = false;
    if (payment.transaction_id.empty()) {
        payment.id = "direct_" + std::to_string(next_payment_number_++);
    } else {
        if (student.find_payment(payment.transaction_id))
            throw StudentConflict("transaction_id " + payment.transaction_id +
                                  " is already recorded for " + student_text(jodo_student_id));
        payment.id = payment.transaction_id;
    }
    const std::string settled_at = format_iso_utc(now_locked());
    for (auto& line : payment.lines)
        line.settled_at = line.settlement_utr.empty() ? std::string() : settled_at;
    student.payments.push_back(payment);
    return payment;
}

CancelOutcome SandboxState::cancel_payment(std::int64_t jodo_student_id,
                                           const std::string& transaction_id) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto& student = find_student_locked(jodo_student_id);
    for (auto& payment : student.payments) {
        if (payment.id != transaction_id)
            continue;
        if (payment.paid_in_jodo())
            throw RequestError("transaction_id", transaction_id +
                                                     " is a payment made in Jodo; only payments "
                                                     "recorded with Add Payment can be cancelled");
        if (payment.cancelled)
            return CancelOutcome::already_cancelled;
        payment.cancelled = true;
        return CancelOutcome::cancelled;
    }
    throw StudentNotFound("payment " + transaction_id + " of " + student_text(jodo_student_id) +
                          " was not found");
}

StudentPayment SandboxState::pay_student(std::int64_t jodo_student_id,
                                         std::vector<PaymentLine> lines, const std::string& mode) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto& student = find_student_locked(jodo_student_id);
    if (lines.empty()) {
        for (const auto& fee : student.fees) {
            const Paise owed = student.outstanding(fee.component_type);
            if (owed > 0)
                lines.push_back(PaymentLine{fee.component_type, owed, {}, {}});
        }
    }
    if (lines.empty())
        throw StudentConflict(student_text(jodo_student_id) + " owes nothing");
    StudentPayment payment;
    payment.id = "pg_" + std::to_string(next_payment_number_++);
    payment.product = StudentPayment::kProductPg;
    payment.mode = mode.empty() ? "pg" : mode;
    payment.paid_at = format_iso_utc(now_locked());
    for (auto& line : lines) {
        line.settlement_utr.clear();
        line.settled_at.clear();
        payment.amount += line.amount;
    }
    payment.lines = std::move(lines);
    student.payments.push_back(payment);
    notify_student_locked(kStudentDebited, student, student.payments.back());
    return payment;
}

std::vector<std::string> SandboxState::settle_student_payment(std::int64_t jodo_student_id,
                                                              const std::string& payment_id) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto& student = find_student_locked(jodo_student_id);
    auto it = std::find_if(student.payments.begin(), student.payments.end(),
                           [&](const StudentPayment& p) { return p.id == payment_id; });
    if (it == student.payments.end())
        throw StudentNotFound("payment " + payment_id + " of " + student_text(jodo_student_id) +
                              " was not found");
    if (!it->paid_in_jodo())
        throw StudentConflict("payment " + payment_id +
                              " was recorded with Add Payment; Jodo settles only its own");
    const std::string settled_at = format_iso_utc(now_locked());
    std::vector<std::string> utrs;
    bool newly_settled = false;
    for (auto& line : it->lines) {
        if (line.settlement_utr.empty()) {  // settling twice keeps the first UTRs
            newly_settled = true;
            line.settlement_utr = new_utr_locked();
            line.settled_at = settled_at;
        }
        utrs.push_back(line.settlement_utr);
    }
    if (newly_settled)
        notify_student_locked(kStudentSettled, student, *it);
    return utrs;
}

SandboxStudent& SandboxState::find_student_locked(std::int64_t jodo_student_id) {
    auto it = students_.find(jodo_student_id);
    if (it == students_.end())
        throw StudentNotFound(student_text(jodo_student_id) + " was not found");
    return it->second;
}

void SandboxState::notify_student_locked(const char* event, const SandboxStudent& student,
                                         const StudentPayment& payment) {
    if (!webhooks_)
        return;
    const std::int64_t now = now_locked();
    const AnswerShape shape = shape_;
    webhooks_->emit(event, payment.id, [&](const std::string& event_id) {
        return student_webhook_body(event_id, event, now, student, payment, shape);
    });
}

}  // namespace jodo::sandbox
