// Reads a Create Pay Order / Create Payment Link body into an OrderRecord,
// enforcing what the sandbox requires. Anything unusable throws
// jodo::WireError naming the field (e.g. "details[1].amount").
#pragma once

#include <cstdint>
#include <string>

#include "api/wire_error.hpp"
#include "sandbox/OrderRecord.hpp"

namespace jodo::sandbox {

// kind is kKindOrder or kKindPaymentLink; expires_at is read for links only and
// must lie after now_unix_seconds.
OrderRecord parse_order_request(const std::string& body, const std::string& kind,
                                std::int64_t now_unix_seconds);

// "details[1].amount must be greater than zero": the WireError as one sentence.
std::string wire_error_sentence(const jodo::WireError& error);

}  // namespace jodo::sandbox
