// The sandbox's reading of the student request bodies, from the docs alone
// (shared/jodo-api/student-*.txt). Each function throws RequestError naming the
// first field it cannot accept, with its path ("student.grade",
// "fee_components[1].fee_amount"). Unknown fields are ignored; null = absent.
#pragma once

#include <string>
#include <vector>

#include "host_sim/sandbox/StudentRecord.hpp"

namespace jodo::sandbox {

struct RegisterRequest {
    StudentProfile profile;
    std::vector<FeeComponent> fees;
};

// Register Student: {"student":{...every profile field required...},
// "fee_components":[...] (optional)}. Years: integers or digit strings.
RegisterRequest parse_register_request(const std::string& body);

// Update Student: fullname and identifier required (as documented); any other
// profile field may be sent too and replaces the stored one.
StudentProfile parse_update_student(const std::string& body, StudentProfile current);

// Update Fee: {"fee_components":[...]} required; it replaces the whole structure.
// fee_amount / discounts[].value: a JSON number or a decimal string (the page's
// table says integer, its example sends "2250").
std::vector<FeeComponent> parse_fee_update(const std::string& body);

// Add Payment: amount, paid_at and fee_components required; fee_components[].amount
// must add up to amount. The id, product and lines' settlement are left to the caller
// except settlement_utr, copied to every line when sent.
StudentPayment parse_add_payment(const std::string& body);

}  // namespace jodo::sandbox
