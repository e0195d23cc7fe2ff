#pragma once

namespace jodo {

// Named places where a process may die for crash-safety tests: in the module
// built with test hooks (build/plugins-test-hooks, see JODO_TEST_HOOKS in the
// top CMakeLists.txt), when the environment variable JODO_CRASH_AT equals
// `name`, the process kills itself with SIGKILL right there (no cleanup, no
// flush, as a power cut would). In the shipped module it does nothing. The
// names are listed in docs/guarantees.md.
void crash_point(const char* name);

}  // namespace jodo
