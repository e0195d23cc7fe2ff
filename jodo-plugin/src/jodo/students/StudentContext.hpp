#pragma once

#include <cstdint>

#include "jodo/api/JodoClient.hpp"
#include "jodo/core/Clock.hpp"
#include "jodo/core/Log.hpp"
#include "jodo/erp/Database.hpp"
#include "jodo/erp/StudentStore.hpp"
#include "jodo/erp/mapping/ErpMapping.hpp"

namespace jodo {

// What every part of student-linked Pay works with: the ERP database and its
// mapping, the module's student records, Jodo, the host's clock and log.
// Not owned.
struct StudentContext {
    Database& db;
    const ErpMapping& mapping;
    StudentStore& store;
    JodoClient& client;
    Clock clock;
    Log log;
    // jodo.reconcile.creating_grace_s: an intent (a registration, a receipt's
    // send) older than this without an outcome belongs to a process that died.
    std::int64_t intent_grace_ms;
};

}  // namespace jodo
