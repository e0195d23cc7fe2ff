// Conversions between the C++ layer's values and erp_plugin.h's borrowed
// views, used by both adapters. A view points into a C++ value that must
// outlive it; a copy out of a view owns its text.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "erp_plugin/erp_plugin.h"
#include "erp_plugin/host_services.hpp"
#include "erp_plugin/status.hpp"

namespace erp_plugin::c_text {

inline ErpStr view(const std::string& text) noexcept {
    return ErpStr{text.data(), text.size()};
}

inline std::string copy(ErpStr text) {
    return text.data == nullptr ? std::string() : std::string(text.data, text.size);
}

using Pairs = std::vector<std::pair<std::string, std::string>>;

// Views of `pairs`, which must not change while the views are in use.
inline std::vector<ErpField> view(const Pairs& pairs) {
    std::vector<ErpField> fields;
    fields.reserve(pairs.size());
    for (const auto& [key, value] : pairs)
        fields.push_back(ErpField{view(key), view(value)});
    return fields;
}

inline Pairs copy(const ErpField* fields, std::size_t count) {
    Pairs pairs;
    if (fields == nullptr)
        return pairs;
    pairs.reserve(count);
    for (std::size_t i = 0; i < count; ++i)
        pairs.emplace_back(copy(fields[i].key), copy(fields[i].value));
    return pairs;
}

// Unknown values from a newer peer read as the safe ones (README: minor rules).
inline StatusCode status_code(std::int32_t code) noexcept {
    return code >= ERP_STATUS_OK && code <= ERP_STATUS_INTERNAL ? static_cast<StatusCode>(code)
                                                                : StatusCode::internal;
}

inline LogLevel log_level(std::int32_t level) noexcept {
    return level >= ERP_LOG_DEBUG && level <= ERP_LOG_ERROR ? static_cast<LogLevel>(level)
                                                            : LogLevel::info;
}

// Copies `text` into `out` (size bytes, NUL-terminated), cut at a UTF-8
// character boundary when it does not fit: a plugin's refusal text is bounded
// (ERP_PLUGIN_FAILURE_CAPACITY) and never ends in half a character.
inline void copy_utf8_bounded(char* out, std::size_t size, const char* text) noexcept {
    if (out == nullptr || size == 0)
        return;
    std::size_t n = 0;
    while (text != nullptr && text[n] != '\0' && n < size - 1)
        ++n;
    if (text != nullptr && text[n] != '\0') {
        // Cut: step back over continuation bytes (10xxxxxx) to the start of the
        // character that did not fit, and leave that character out.
        while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80)
            --n;
    }
    for (std::size_t i = 0; i < n; ++i)
        out[i] = text[i];
    out[n] = '\0';
}

}  // namespace erp_plugin::c_text
