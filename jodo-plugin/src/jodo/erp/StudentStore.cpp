#include "jodo/erp/StudentStore.hpp"

#include "erp_sql/Transaction.hpp"
#include "jodo/erp/CollectionParams.hpp"
#include "jodo/erp/mapping/ErpContract.hpp"

namespace jodo {

namespace {
const std::string kColumns =
    "SELECT student_id, jodo_student_id, registration_id, state, profile_sent, fees_sent, "
    "synced_at, error_reason, updated_at FROM jodo_students ";

std::vector<StudentSyncRow> rows_of(const erp_sql::NativeRows& rows) {
    std::vector<StudentSyncRow> out;
    for (const auto& r : rows.rows) {
        auto t = [&r](std::size_t i) { return r.at(i).value_or(""); };
        out.push_back({t(0), t(1), t(2), t(3), t(4), t(5), t(6), t(7), t(8)});
    }
    return out;
}

std::optional<StudentSyncRow> first(std::vector<StudentSyncRow> rows) {
    if (rows.empty())
        return std::nullopt;
    return std::move(rows.front());
}
}  // namespace

std::optional<StudentSyncRow> StudentStore::student(const std::string& student_id) {
    auto session = db_.session();
    return first(rows_of(erp_sql::NativeStatement(session, kColumns + "WHERE student_id = ?")
                             .run({erp_sql::text_param(student_id)})));
}

std::optional<StudentSyncRow> StudentStore::by_jodo_id(const std::string& jodo_student_id) {
    auto session = db_.session();
    return first(rows_of(erp_sql::NativeStatement(session, kColumns + "WHERE jodo_student_id = ?")
                             .run({erp_sql::text_param(jodo_student_id)})));
}

std::vector<StudentSyncRow> StudentStore::registered_students() {
    auto session = db_.session();
    return rows_of(erp_sql::NativeStatement(
                       session, kColumns + "WHERE state = 'registered' ORDER BY student_id")
                       .run({}));
}

bool StudentStore::begin_register(const std::string& student_id,
                                  const std::string& registration_id) {
    auto session = db_.session();
    erp_sql::Transaction tx(session);
    const std::string at = now_();
    const std::string columns =
        "jodo_students (student_id, registration_id, state, updated_at) "
        "VALUES (?, ?, 'registering', ?)";
    const std::string insert = db_.insert_once(columns);
    std::size_t won =
        db_.update_count(session, insert,
                         {erp_sql::text_param(student_id), erp_sql::unicode_param(registration_id),
                          erp_sql::text_param(at)});
    if (won == 0)
        won = db_.update_count(
            session,
            "UPDATE jodo_students SET state = 'registering', registration_id = ?, "
            "error_reason = NULL, updated_at = ? WHERE student_id = ? AND state = 'failed'",
            {erp_sql::unicode_param(registration_id), erp_sql::text_param(at),
             erp_sql::text_param(student_id)});
    tx.commit();
    return won == 1;
}

void StudentStore::registered(const std::string& student_id, const std::string& jodo_student_id,
                              const std::string& registration_id, const std::string& profile_sent,
                              const std::string& fees_sent) {
    auto session = db_.session();
    erp_sql::Transaction tx(session);
    const std::string at = now_();
    const std::size_t moved = db_.update_count(
        session,
        "UPDATE jodo_students SET state = 'registered', jodo_student_id = ?, "
        "registration_id = ?, profile_sent = ?, fees_sent = ?, synced_at = ?, "
        "error_reason = NULL, updated_at = ? WHERE student_id = ? AND state <> 'registered'",
        {erp_sql::text_param(jodo_student_id), erp_sql::unicode_param(registration_id),
         erp_sql::unicode_param(profile_sent), erp_sql::unicode_param(fees_sent),
         erp_sql::text_param(at), erp_sql::text_param(at), erp_sql::text_param(student_id)});
    if (moved == 1 && mapping_)
        mapping_->write_back(session, erp_statement::on_student_registered,
                             {{"student_id", student_id},
                              {"jodo_student_id", jodo_student_id},
                              {"registration_id", registration_id}});
    tx.commit();
}

void StudentStore::register_failed(const std::string& student_id, const std::string& state,
                                   const std::string& reason) {
    auto session = db_.session();
    db_.update_count(session,
                     "UPDATE jodo_students SET state = ?, error_reason = ?, updated_at = ? "
                     "WHERE student_id = ? AND state = 'registering'",
                     {erp_sql::text_param(state), reason_text(reason), erp_sql::text_param(now_()),
                      erp_sql::text_param(student_id)});
}

void StudentStore::sent(const std::string& student_id, const std::string& profile_sent,
                        const std::string& fees_sent) {
    auto session = db_.session();
    const std::string at = now_();
    db_.update_count(
        session,
        "UPDATE jodo_students SET profile_sent = COALESCE(?, profile_sent), "
        "fees_sent = COALESCE(?, fees_sent), synced_at = ?, error_reason = NULL, "
        "updated_at = ? WHERE student_id = ? AND state = 'registered'",
        {erp_sql::optional_unicode_param(profile_sent), erp_sql::optional_unicode_param(fees_sent),
         erp_sql::text_param(at), erp_sql::text_param(at), erp_sql::text_param(student_id)});
}

bool StudentStore::release(const std::string& student_id) {
    auto session = db_.session();
    return db_.update_count(session,
                            "DELETE FROM jodo_students WHERE student_id = ? "
                            "AND state IN ('unknown', 'failed', 'registering')",
                            {erp_sql::text_param(student_id)}) == 1;
}

}  // namespace jodo
