// Everything the sandbox stores for one order or payment link: the public
// snapshot plus the request fields that only the Get APIs echo back.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "host_sim/sandbox/SandboxOrder.hpp"

namespace jodo::sandbox {

struct OrderRecord {
    SandboxOrder order;

    std::string custom_identifier, grade, student_name, stream, date_of_birth, collector_code;
    std::optional<int> academic_year_start, academic_year_end;
    std::optional<bool> new_admission;
    std::optional<std::int64_t> expires_at_unix;  // payment links only; none = never expires
};

}  // namespace jodo::sandbox
