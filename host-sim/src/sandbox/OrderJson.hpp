// The "data" object of Get Pay Order and Get Payment Link. Optional fields the
// caller never sent are written as null; amounts go out via amount_to_json.
#pragma once

#include <Poco/JSON/Object.h>

#include "sandbox/OrderRecord.hpp"

namespace jodo::sandbox {

// with_expires_at adds "expires_at" (Get Payment Link only).
Poco::JSON::Object::Ptr order_to_json(const OrderRecord& record, bool with_expires_at);

}  // namespace jodo::sandbox
