// The "data" object of Get Pay Order and Get Payment Link. Optional fields the
// caller never sent are written as null; amounts and years as the run's
// AnswerShape says.
#pragma once

#include <Poco/JSON/Object.h>

#include "host_sim/sandbox/AnswerShape.hpp"
#include "host_sim/sandbox/OrderRecord.hpp"

namespace jodo::sandbox {

// with_expires_at adds "expires_at" (Get Payment Link only).
Poco::JSON::Object::Ptr order_to_json(const OrderRecord& record, bool with_expires_at,
                                      const AnswerShape& shape);

}  // namespace jodo::sandbox
