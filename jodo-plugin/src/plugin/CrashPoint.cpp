#include "plugin/CrashPoint.hpp"

#include <csignal>
#include <cstdlib>
#include <cstring>

namespace jodo {

void crash_point(const char* name) {
    const char* wanted = std::getenv("JODO_CRASH_AT");
    if (wanted != nullptr && std::strcmp(wanted, name) == 0)
        std::raise(SIGKILL);
}

}  // namespace jodo
