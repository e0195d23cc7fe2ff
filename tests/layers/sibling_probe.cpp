// Must NOT compile: webhooks/ and collect/ are siblings, neither sees the other.
#include "jodo/collect/CollectService.hpp"
