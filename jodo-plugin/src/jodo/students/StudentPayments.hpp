#pragma once

#include <atomic>
#include <string>

#include "erp_plugin/plugin.hpp"
#include "jodo/api/JodoClient.hpp"
#include "jodo/core/Log.hpp"
#include "jodo/erp/Database.hpp"
#include "jodo/erp/StudentStore.hpp"
#include "jodo/students/StudentContext.hpp"

namespace jodo {

struct PullReport {
    int students = 0;
    int posted = 0;   // payments posted into the ERP now
    int settled = 0;  // payments marked settled now
    int errors = 0;
};

// Jodo -> ERP: payments parents made in Jodo. What is posted is always what
// List Payments says (a webhook only names the student to look at), each
// payment once (StudentStore::post), allocated by allocate_payment.
// Payments this module added for counter receipts are never posted back.
class StudentPayments {
  public:
    explicit StudentPayments(StudentContext context) : c_(std::move(context)) {}

    // Every registered student's payments (the action pull_student_payments,
    // and the background loop). Stops between students once *stop is set.
    PullReport pull_all(const std::atomic<bool>* stop = nullptr);
    // One student's payments, verified by fetching them: the student webhook.
    // Returns the note the inbox keeps. Throws JodoError when Jodo cannot be
    // asked (the event is retried).
    std::string on_event(const std::string& jodo_student_id, const std::string& payment_id);

  private:
    PullReport pull_student(const StudentSyncRow& student);

    StudentContext c_;
};

}  // namespace jodo
