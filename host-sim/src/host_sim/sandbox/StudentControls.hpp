// The student controls under /_sandbox/ (loopback callers only, checked by
// SandboxControls before it asks here), acting as Jodo's app and bank would:
//   POST /_sandbox/students/<id>/pay
//        body optional: {"fee_components":[{"component_type","amount"}],"mode":"upi"};
//        none = the parent pays everything outstanding, one line per component.
//        Records a Jodo payment ("pg_<n>", product "pg", mode default "pg") and sends
//        payment.debited. 200 {"student_id","payment_id","amount"}; 409 when nothing
//        is owed.
//   POST /_sandbox/students/<id>/payments/<payment_id>/settle
//        One UTR per line, sends payment.settled (settling again: same UTRs, no event).
//        200 {"student_id","payment_id","utrs":[...]}; 409 for a payment added by the ERP.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "host_sim/sandbox/HttpMessage.hpp"
#include "host_sim/sandbox/SandboxState.hpp"

namespace jodo::sandbox {

// A reply when `segments` (of request.path) name a student control; nullopt otherwise.
std::optional<Reply> handle_student_control(SandboxState& state, const Request& request,
                                            const std::vector<std::string>& segments);

}  // namespace jodo::sandbox
