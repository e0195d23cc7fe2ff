#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <Poco/Data/Session.h>

#include "jodo/erp/Database.hpp"
#include "jodo/erp/StudentRecords.hpp"
#include "jodo/erp/mapping/ErpMapping.hpp"

namespace jodo {

// The module's record of student-linked Pay in the ERP database
// (sql/common/jodo/005_students.sql): what was last sent per student, each
// Jodo payment posted once, each counter receipt sent once. Every change of
// state that the ERP must see runs its write-back in the same transaction.
// Conditional updates decide who wins between two hosts.
class StudentStore {
  public:
    using NowIso = std::function<std::string()>;
    StudentStore(Database& db, NowIso now, const ErpMapping* mapping)
        : db_(db), now_(std::move(now)), mapping_(mapping) {}

    // ---- students (StudentStore.cpp)
    std::optional<StudentSyncRow> student(const std::string& student_id);
    std::optional<StudentSyncRow> by_jodo_id(const std::string& jodo_student_id);
    std::vector<StudentSyncRow> registered_students();
    // The intent before Register Student: true when this caller now holds the
    // registration (a new row, or a failed one taken again).
    bool begin_register(const std::string& student_id, const std::string& registration_id);
    // Register Student answered: the Jodo id and what was sent, with
    // jodo.erp.on_student_registered.
    void registered(const std::string& student_id, const std::string& jodo_student_id,
                    const std::string& registration_id, const std::string& profile_sent,
                    const std::string& fees_sent);
    // `state` failed (nothing was created: sync tries again) or unknown (the
    // answer was lost: a person decides).
    void register_failed(const std::string& student_id, const std::string& state,
                         const std::string& reason);
    // An Update Student / Update Fee went through: what was sent (empty: unchanged).
    void sent(const std::string& student_id, const std::string& profile_sent,
              const std::string& fees_sent);
    // A registration that is unknown or failed is forgotten, so the next sync
    // registers the student again (a person checked Jodo has none).
    bool release(const std::string& student_id);

    // ---- payments from Jodo (StudentPaymentStore.cpp)
    // Payment id -> settled, for the payments this student already has.
    std::map<std::string, bool> known_payments(const std::string& jodo_student_id);
    // Posts the payment into the ERP with jodo.erp.on_student_payment and
    // _line, once: false when it was already posted (by anyone). `allocate`
    // fills the posting's pieces and advance from the student's open bills,
    // read in the posting's own transaction while it holds the student's
    // module row: two payments of one student are allocated one after the
    // other, never both against the same open line.
    using Allocate = std::function<void(Poco::Data::Session&, PaymentPosting&)>;
    bool post(PaymentPosting& posting, const Allocate& allocate);
    // Marks the payment settled with jodo.erp.on_student_payment_settled per
    // line, once: false when it already was, or is not ours to post.
    bool settle(const PaymentPosting& posting);
    // A payment this module added (a counter receipt): never posted back.
    void mark_ours(const std::string& payment_id, const std::string& jodo_student_id,
                   const std::string& student_id, Paise amount);
    // What a person must look at, newest first: payments posted with an
    // unallocated advance, counter receipts refused or unresolved, students
    // whose registration is unknown or failed.
    std::vector<StudentReviewItem> needing_review(int limit);

    // ---- counter receipts (CounterPaymentStore.cpp)
    std::map<std::string, CounterRow> counter_rows();
    // Whether this module sent (or is sending) a counter receipt with this id.
    bool is_counter_receipt(const std::string& receipt_id);
    // The intent before Add Payment: false when the receipt already has a row.
    bool begin_counter(const CounterReceipt& receipt, const std::string& jodo_student_id);
    // Moves the receipt from one of `from` to `to` with jodo.erp.on_counter_payment
    // (status sent, cancelled or review); false when another got there first.
    bool move_counter(const std::string& receipt_id, const std::vector<std::string>& from,
                      const std::string& to, const std::string& reason);

  private:
    Database& db_;
    NowIso now_;
    const ErpMapping* mapping_;
};

}  // namespace jodo
