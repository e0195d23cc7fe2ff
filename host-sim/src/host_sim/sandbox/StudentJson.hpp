// How the sandbox writes a student and its payments (shared/jodo-api/student-*.txt),
// in the run's AnswerShape (amounts and years; unknown "x_*" fields when asked).
#pragma once

#include <string>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "host_sim/sandbox/AnswerShape.hpp"
#include "host_sim/sandbox/StudentRecord.hpp"

namespace jodo::sandbox {

// List Payments' data[] item: {"id","amount","product","mode","paid_at","details":[
// {"fee_component","amount","settlement_utr","settled_at"}]}.
Poco::JSON::Object::Ptr payment_to_json(const StudentPayment& payment, const AnswerShape& shape);

// List Payments' data: every payment not cancelled, in the order made.
Poco::JSON::Array::Ptr payments_to_json(const SandboxStudent& student, const AnswerShape& shape);

// Update Student's data: the profile fields, years as the shape writes them, and
// "joining_year" (= academic_year_start) for a new admission.
Poco::JSON::Object::Ptr profile_to_json(const StudentProfile& profile, const AnswerShape& shape);

// List Products' data: the student's one "pay" product {"id","product_type":"pay","status"}
// when `product_type` is empty or "pay"; status "inactive" (no fee components),
// "pending" (something outstanding) or "paid".
Poco::JSON::Array::Ptr products_to_json(const SandboxStudent& student,
                                        const std::string& product_type, const AnswerShape& shape);

}  // namespace jodo::sandbox
