#include "jodo/core/Clock.hpp"

#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>

namespace jodo {

std::string Clock::iso(std::int64_t unix_ms) const {
    return Poco::DateTimeFormatter::format(Poco::Timestamp(unix_ms * 1000),
                                           "%Y-%m-%dT%H:%M:%S.%iZ");
}

std::string Clock::wire_iso(std::int64_t unix_ms) {
    return Poco::DateTimeFormatter::format(Poco::Timestamp(unix_ms * 1000), "%Y-%m-%dT%H:%M:%SZ");
}

}  // namespace jodo
