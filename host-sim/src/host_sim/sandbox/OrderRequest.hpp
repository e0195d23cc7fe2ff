// Reads a Create Pay Order / Create Payment Link body into an OrderRecord,
// enforcing what the sandbox requires. Anything unusable throws RequestError,
// one sentence naming the field ("details[1].amount must be greater than zero").
#pragma once

#include <cstdint>
#include <string>

#include "host_sim/sandbox/OrderRecord.hpp"
#include "host_sim/sandbox/RequestFields.hpp"

namespace jodo::sandbox {

// kind is kKindOrder or kKindPaymentLink; expires_at is read for links only and
// must lie after now_unix_seconds.
OrderRecord parse_order_request(const std::string& body, const std::string& kind,
                                std::int64_t now_unix_seconds);

}  // namespace jodo::sandbox
