// Must compile: the control. A layer sees every layer below it.
#include "jodo/core/Clock.hpp"
#include "jodo/erp/CollectionStore.hpp"
#include "jodo/sync/CollectionSync.hpp"
