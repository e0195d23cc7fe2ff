#pragma once

#include <optional>
#include <string>

#include "erp_plugin/plugin.hpp"
#include "jodo/api/JodoClient.hpp"
#include "jodo/core/Clock.hpp"
#include "jodo/core/JobProgressReporter.hpp"
#include "jodo/core/Log.hpp"
#include "jodo/erp/Database.hpp"
#include "jodo/erp/StudentReader.hpp"
#include "jodo/erp/StudentStore.hpp"

namespace jodo {

// What one student's sync did; counted by the batch.
enum class StudentSyncOutcome {
    registered,    // Register Student answered with the Jodo id
    updated,       // Update Student and/or Update Fee sent what changed
    unchanged,     // nothing changed since the last sync: nothing sent
    in_progress,   // another process is registering it right now
    needs_review,  // a registration whose outcome is unknown: a person decides
    refused,       // Jodo refused what we sent (the ERP's data needs correcting)
    unavailable,   // Jodo could not be reached; nothing was created
};
const char* to_text(StudentSyncOutcome outcome);

// ERP -> Jodo: registers each student once (Register Student, intent first),
// then sends Update Student / Update Fee only when what the ERP holds differs
// from what was last sent (jodo_students keeps it).
class StudentSync {
  public:
    StudentSync(Database& db, const ErpMapping& mapping, StudentStore& store, JodoClient& client,
                Clock clock, Log log, int stop_after_unavailable, std::int64_t intent_grace_ms)
        : db_(db),
          mapping_(mapping),
          store_(store),
          client_(client),
          clock_(std::move(clock)),
          log_(log),
          stop_after_unavailable_(stop_after_unavailable),
          intent_grace_ms_(intent_grace_ms) {}

    // The action sync_student.
    erp_plugin::ActionResult sync_student(const std::string& student_id);
    // The action sync_students: every student jodo.erp.students returns for
    // the request's filters, one after another, with progress; stops after
    // `stop_after_unavailable` students in a row could not reach Jodo.
    erp_plugin::ActionResult sync_students(const ErpFilters& filters,
                                           const JobProgressReporter::Sink& progress);
    // The action student_status: what is stored, no call to Jodo unless the
    // student is registered (then its Pay product's status).
    erp_plugin::ActionResult status(const std::string& student_id);

  private:
    StudentSyncOutcome sync_one(const std::string& student_id, std::string* detail);
    StudentSyncOutcome register_new(const ErpStudent& student, std::string* detail);

    Database& db_;
    const ErpMapping& mapping_;
    StudentStore& store_;
    JodoClient& client_;
    Clock clock_;
    Log log_;
    int stop_after_unavailable_;
    // jodo.reconcile.creating_grace_s: a registration intent older than this,
    // still without an outcome, belongs to a process that died.
    std::int64_t intent_grace_ms_;
};

}  // namespace jodo
