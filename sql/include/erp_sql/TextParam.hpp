#pragma once

#include <string>

#include <Poco/Nullable.h>
#include <Poco/UTFString.h>

namespace erp_sql {

// Poco's ODBC binder limits a std::string parameter to the driver's CHAR
// size (255 for both the SQLite3 ODBC driver and psqlODBC), whatever the
// column is. Long text (webhook bodies, error reasons, URLs) is bound as a
// UTF-16 string instead, which both drivers take at any length. Shorter
// values may use plain std::string.
Poco::UTF16String long_text(const std::string& utf8);
Poco::Nullable<Poco::UTF16String> long_text_or_null(const std::string& utf8);

// Enough for any text we store; Poco's default refuses to read longer fields.
constexpr std::size_t kMaxFieldSize = 1 << 20;

}  // namespace erp_sql
