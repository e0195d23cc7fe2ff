#include "jodo/students/StudentSync.hpp"

#include <map>

#include "jodo/api/JodoError.hpp"
#include "jodo/core/CrashPoint.hpp"

namespace jodo {

using erp_plugin::ActionResult;
using erp_plugin::Status;
using erp_plugin::StatusCode;

namespace {
StatusCode code_of(StudentSyncOutcome outcome) {
    switch (outcome) {
        case StudentSyncOutcome::registered:
        case StudentSyncOutcome::updated:
        case StudentSyncOutcome::unchanged:
            return StatusCode::ok;
        case StudentSyncOutcome::in_progress:
            return StatusCode::unavailable;
        case StudentSyncOutcome::needs_review:
            return StatusCode::outcome_unknown;
        case StudentSyncOutcome::refused:
            return StatusCode::invalid_input;
        case StudentSyncOutcome::unavailable:
            return StatusCode::unavailable;
    }
    return StatusCode::internal;
}
}  // namespace

const char* to_text(StudentSyncOutcome outcome) {
    switch (outcome) {
        case StudentSyncOutcome::registered:
            return "registered";
        case StudentSyncOutcome::updated:
            return "updated";
        case StudentSyncOutcome::unchanged:
            return "unchanged";
        case StudentSyncOutcome::in_progress:
            return "in_progress";
        case StudentSyncOutcome::needs_review:
            return "needs_review";
        case StudentSyncOutcome::refused:
            return "refused";
        case StudentSyncOutcome::unavailable:
            return "unavailable";
    }
    return "unknown";
}

StudentSyncOutcome StudentSync::register_new(const ErpStudent& s, std::string* detail) {
    if (!c_.store.begin_register(s.student_id, s.registration_id)) {
        *detail = "another process is registering student " + s.student_id;
        return StudentSyncOutcome::in_progress;
    }
    const std::string profile = s.profile.to_json();
    const std::string fees = fee_components_json(s.fees);
    crash_point("student.after_register_intent");
    try {
        const std::string jodo_id =
            c_.client.register_student(s.registration_id, s.profile, s.fees);
        crash_point("student.after_register");
        c_.store.registered(s.student_id, jodo_id, s.registration_id, profile, fees);
        *detail = "registered as Jodo student " + jodo_id;
        return StudentSyncOutcome::registered;
    } catch (const JodoError& e) {
        if (e.kind() == ErrorKind::outcome_unknown || e.kind() == ErrorKind::conflict) {
            // Jodo may hold the student (a lost answer) or already does (409),
            // and no documented call names it by our identifier.
            *detail = e.kind() == ErrorKind::conflict
                          ? "Jodo already has a student with identifier " + s.student_id +
                                ": enter its Jodo id or remove it in Jodo, then release"
                          : "Register Student's answer was lost: check Jodo for student " +
                                s.student_id + ", then release to register it again";
            c_.store.register_failed(s.student_id, "unknown", *detail + " (" + e.what() + ")");
            c_.log.warn("student " + s.student_id + ": " + *detail);
            return StudentSyncOutcome::needs_review;
        }
        *detail = e.advice();
        c_.store.register_failed(s.student_id, "failed", e.what());
        return e.transient() ? StudentSyncOutcome::unavailable : StudentSyncOutcome::refused;
    }
}

StudentSyncOutcome StudentSync::sync_one(const std::string& student_id, std::string* detail) {
    std::optional<ErpStudent> student;
    {
        auto session = c_.db.session();
        student = StudentReader(session, c_.mapping).load(student_id);
    }
    if (!student)
        throw std::invalid_argument("the ERP has no active student " + student_id + " (" +
                                    erp_setting_name("student") + ")");
    auto row = c_.store.student(student_id);
    if (row && row->state == "registering" &&
        row->updated_at < c_.clock.iso(c_.clock.now_ms() - c_.intent_grace_ms)) {
        c_.store.register_failed(student_id, "unknown",
                                 "a registration was interrupted before its answer was recorded");
        row = c_.store.student(student_id);
    }
    if (!row || row->state == "failed")
        return register_new(*student, detail);
    if (row->state == "registering") {
        *detail = "student " + student_id + " is being registered";
        return StudentSyncOutcome::in_progress;
    }
    if (row->state != "registered") {
        *detail = row->error_reason;
        return StudentSyncOutcome::needs_review;
    }
    const std::string profile = student->profile.to_json();
    const std::string fees = fee_components_json(student->fees);
    const bool profile_changed = profile != row->profile_sent;
    const bool fees_changed = fees != row->fees_sent;
    if (!profile_changed && !fees_changed) {
        *detail = "nothing changed since " + row->synced_at;
        return StudentSyncOutcome::unchanged;
    }
    try {
        // Each PATCH is recorded as soon as it went through, so a failure of
        // the second does not send the first again.
        if (profile_changed) {
            c_.client.update_student(row->jodo_student_id, student->profile);
            c_.store.sent(student_id, profile, "");
        }
        if (fees_changed) {
            c_.client.update_fee(row->jodo_student_id, student->fees);
            c_.store.sent(student_id, "", fees);
        }
    } catch (const JodoError& e) {
        *detail = e.advice();
        return e.transient() ? StudentSyncOutcome::unavailable : StudentSyncOutcome::refused;
    }
    *detail = std::string("sent ") + (profile_changed && fees_changed ? "the profile and the fees"
                                      : profile_changed               ? "the profile"
                                                                      : "the fees");
    return StudentSyncOutcome::updated;
}

ActionResult StudentSync::sync_student(const std::string& student_id) {
    ActionResult result;
    std::string detail;
    StudentSyncOutcome outcome;
    try {
        outcome = sync_one(student_id, &detail);
    } catch (const std::invalid_argument& e) {
        result.status = Status::error(StatusCode::not_found, e.what());
        return result;
    }
    result.outputs = {{"outcome", to_text(outcome)}, {"detail", detail}};
    if (auto row = c_.store.student(student_id); row && !row->jodo_student_id.empty())
        result.outputs.emplace_back("jodo_student_id", row->jodo_student_id);
    if (code_of(outcome) != StatusCode::ok)
        result.status = Status::error(code_of(outcome), detail);
    return result;
}

ActionResult StudentSync::sync_students(const ErpFilters& filters,
                                        const JobProgressReporter::Sink& progress) {
    std::vector<std::string> ids;
    {
        auto session = c_.db.session();
        ids = StudentReader(session, c_.mapping).student_ids(filters);
    }
    std::map<std::string, int> counts;
    for (auto o : {StudentSyncOutcome::registered, StudentSyncOutcome::updated,
                   StudentSyncOutcome::unchanged, StudentSyncOutcome::in_progress,
                   StudentSyncOutcome::needs_review, StudentSyncOutcome::refused,
                   StudentSyncOutcome::unavailable})
        counts[to_text(o)] = 0;
    int errors = 0, unavailable_in_a_row = 0;
    std::size_t done = 0;
    JobProgressReporter reporter(progress);
    std::string job;
    for (const auto& [key, value] : filters)
        if (key == "job")
            job = value;
    auto snapshot = [&] {
        erp_plugin::JobProgress p;
        p.action = "sync_students";
        p.job = job;
        p.done = done;
        p.total = ids.size();
        for (const auto& [key, value] : counts)
            p.counts.emplace_back(key, std::to_string(value));
        p.counts.emplace_back("errors", std::to_string(errors));
        return p;
    };
    bool stopped = false;
    for (; done < ids.size(); ++done) {
        if (unavailable_in_a_row >= stop_after_unavailable_) {
            stopped = true;
            break;
        }
        std::string detail;
        try {
            const StudentSyncOutcome outcome = sync_one(ids[done], &detail);
            ++counts[to_text(outcome)];
            unavailable_in_a_row =
                outcome == StudentSyncOutcome::unavailable ? unavailable_in_a_row + 1 : 0;
        } catch (const std::exception& e) {
            // One student's bad data or a database hiccup: the rest go on.
            ++errors;
            c_.log.error("sync_students: student " + ids[done] + ": " + e.what());
        }
        reporter.maybe_report(snapshot);
    }
    ActionResult result;
    result.outputs.emplace_back("students", std::to_string(ids.size()));
    for (const auto& [key, value] : snapshot().counts)
        result.outputs.emplace_back(key, value);
    result.outputs.emplace_back("not_attempted", std::to_string(ids.size() - done));
    reporter.finish(snapshot());
    if (stopped)
        result.status =
            Status::error(StatusCode::unavailable,
                          "Jodo did not answer " + std::to_string(stop_after_unavailable_) +
                              " students in a row; stopped after " + std::to_string(done) + " of " +
                              std::to_string(ids.size()) + ": run it again later");
    else if (errors > 0)
        result.status = Status::error(StatusCode::internal, std::to_string(errors) +
                                                                " student(s) could not be read; "
                                                                "the log names them");
    return result;
}

ActionResult StudentSync::status(const std::string& student_id) {
    ActionResult result;
    const auto row = c_.store.student(student_id);
    if (!row) {
        result.outputs = {{"state", "not_synced"}};
        return result;
    }
    result.outputs = {{"state", row->state},
                      {"jodo_student_id", row->jodo_student_id},
                      {"registration_id", row->registration_id},
                      {"synced_at", row->synced_at},
                      {"reason", row->error_reason}};
    std::optional<ErpStudent> student;
    {
        auto session = c_.db.session();
        student = StudentReader(session, c_.mapping).load(student_id);
    }
    std::string pending;
    if (student && row->state == "registered") {
        if (student->profile.to_json() != row->profile_sent)
            pending += "profile";
        if (fee_components_json(student->fees) != row->fees_sent)
            pending += pending.empty() ? "fees" : ", fees";
    }
    result.outputs.emplace_back("pending", pending);
    return result;
}

}  // namespace jodo
