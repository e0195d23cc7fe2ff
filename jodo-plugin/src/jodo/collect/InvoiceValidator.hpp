#pragma once

#include <string>
#include <vector>

#include "jodo/erp/Invoice.hpp"

namespace jodo {

struct FieldProblem {
    std::string field;   // e.g. "payer.phone", "line 2 amount"
    std::string reason;  // e.g. "is missing"
};

// What Jodo requires of an order, checked before anything is sent so that a
// bad invoice costs no API call and gets a precise reason.
std::vector<FieldProblem> validate_invoice(const Invoice& invoice);

// "payer.phone is missing; line 2 amount must be greater than zero"
std::string describe_problems(const std::vector<FieldProblem>& problems);

// An address has at most 254 characters (RFC 5321's path limit less its <>).
constexpr std::size_t kMaxEmailChars = 254;
// Whether `email` has the shape local@domain.tld (not whether it exists).
bool email_shaped(const std::string& email);

// Indian mobile numbers as Jodo takes them: 10 digits; "+91", "91" and "0"
// prefixes, spaces and dashes are removed. Empty when it cannot be one.
std::string normalise_phone(const std::string& phone);

}  // namespace jodo
