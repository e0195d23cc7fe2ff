#include "erp_sql/TextParam.hpp"

#include <Poco/UnicodeConverter.h>

namespace erp_sql {

Poco::UTF16String long_text(const std::string& utf8) {
    Poco::UTF16String out;
    Poco::UnicodeConverter::convert(utf8, out);
    return out;
}

Poco::Nullable<Poco::UTF16String> long_text_or_null(const std::string& utf8) {
    if (utf8.empty())
        return {};
    return long_text(utf8);
}

}  // namespace erp_sql
