#pragma once

#include <string>

#include <Poco/Nullable.h>

namespace erp_sql {

// A text column that may be NULL, as bound and read through Poco Data. Empty
// strings and NULL are the same thing in our tables.
using NullableText = Poco::Nullable<std::string>;

inline NullableText text_or_null(const std::string& value) {
    return value.empty() ? NullableText() : NullableText(value);
}

inline std::string or_empty(const NullableText& value) {
    return value.isNull() ? std::string() : value.value();
}

}  // namespace erp_sql
