// The student-linked Pay webhooks, payment.debited and payment.settled. Their pages
// are missing (GAPS.txt); the body follows the order events' envelope
// (webhook-order-payment-*.txt) with the student and the payment in the payload:
//   {"event_id":UUID,"event":"payment.debited","version":"1.0","timestamp":<unix s>,
//    "payload":{"student_id":6001,"payment_id":"pg_1001",
//               "student":{"id":6001,"registration_id","fullname","identifier","grade"},
//               "payment":<List Payments data[] item, StudentJson.hpp>}}
// Built when the change happens (a snapshot). docs/jodo-choices.md keeps the choice.
#pragma once

#include <cstdint>
#include <string>

#include "host_sim/sandbox/AnswerShape.hpp"
#include "host_sim/sandbox/StudentRecord.hpp"

namespace jodo::sandbox {

inline constexpr const char* kStudentDebited = "payment.debited";
inline constexpr const char* kStudentSettled = "payment.settled";

std::string student_webhook_body(const std::string& event_id, const std::string& event,
                                 std::int64_t timestamp, const SandboxStudent& student,
                                 const StudentPayment& payment, const AnswerShape& shape);

}  // namespace jodo::sandbox
