// Must NOT compile: sync/ is below collect/, so collect's headers are not on
// its include path (tests/layers/CMakeLists.txt).
#include "jodo/collect/CollectService.hpp"
