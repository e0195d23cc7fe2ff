#pragma once

namespace jodo {

// Named places where a process may die for crash-safety tests: when the
// environment variable JODO_CRASH_AT equals `name`, the process kills itself
// with SIGKILL right there (no cleanup, no flush, as a power cut would).
// Unset in production; the names are listed in docs/guarantees.md.
void crash_point(const char* name);

}  // namespace jodo
