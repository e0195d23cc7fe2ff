// The documented student APIs under /api/v1/integrations/erp/ (shared/jodo-api/
// student-*.txt), already counted, fault-checked and authenticated by ApiHandlers:
//   POST   users/:registration_id/students             Register Student (201)
//   PATCH  students/:jodo_student_id                   Update Student (200)
//   PATCH  students/:jodo_student_id/fee               Update Fee (200)
//   GET    students/:jodo_student_id/payments          List Payments
//   POST   students/:jodo_student_id/payments          Add Payment (201)
//   DELETE students/:jodo_student_id/payments/:txn_id  Cancel Payment
//   GET    students/:jodo_student_id/products         List Products (?product_type=)
// Errors as documented for these pages: 400 MAE00000 naming the field, 404 MAE00001
// (student or payment not found); 409 HUE00409 for the conflicts the docs leave open.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "host_sim/sandbox/HttpMessage.hpp"
#include "host_sim/sandbox/SandboxState.hpp"

namespace jodo::sandbox {

inline constexpr const char* kCodeStudentBadRequest = "MAE00000";
inline constexpr const char* kCodeStudentNotFound = "MAE00001";

// A reply when `segments` are under api/v1/integrations/erp/; nullopt otherwise.
std::optional<Reply> handle_student_api(SandboxState& state, const Request& request,
                                        const std::vector<std::string>& segments);

}  // namespace jodo::sandbox
