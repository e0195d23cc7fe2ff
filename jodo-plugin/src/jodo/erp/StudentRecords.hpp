// The ERP's side of student-linked Pay, as the mapping's statements return it
// (jodo.erp.student, student_fees, student_open_bills, counter_payments).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "jodo/api/StudentWire.hpp"
#include "jodo/api/money.hpp"

namespace jodo {

struct ErpStudent {
    std::string student_id;
    std::string registration_id;  // the family: siblings share it
    StudentProfile profile;
    std::vector<FeeComponent> fees;
};

// A line of the student's bills that still owes money, in allocation order.
struct OpenBill {
    std::string invoice_id;
    std::optional<int> line_no;
    std::string component_type;
    Paise amount_due = 0;
};

// A receipt taken at the school (cash, cheque, bank transfer).
struct CounterReceipt {
    std::string receipt_id;
    std::string student_id;
    Paise amount = 0;
    std::string paid_at;
    std::string mode;
    std::string settlement_utr;
    std::string notes;
    std::vector<StudentPaymentLine> lines;  // fee_component, amount; read only to send it
};

}  // namespace jodo

namespace jodo {

// What the module keeps per ERP student (jodo_students).
struct StudentSyncRow {
    std::string student_id;
    std::string jodo_student_id;  // "" until registered
    std::string registration_id;
    std::string state;  // registering | registered | unknown | failed
    std::string profile_sent;
    std::string fees_sent;
    std::string synced_at;
    std::string error_reason;
    std::string updated_at;
};

// One piece of a Jodo payment as posted into the ERP: a component line, or
// part of one, allocated to an open bill line (or to none: an advance).
struct AllocatedPiece {
    int line_no = 0;  // 1..n within the payment
    std::string component_type;
    Paise amount = 0;
    std::string invoice_id;  // "" for the advance
    std::optional<int> invoice_line_no;
};

// A payment made in Jodo, ready to be posted once.
struct PaymentPosting {
    StudentPayment payment;
    std::string student_id;
    std::string jodo_student_id;
    std::vector<AllocatedPiece> pieces;
    Paise advance = 0;  // not allocated to any open bill: a person looks at it
};

struct StudentReviewItem {
    std::string kind;  // student_payment | counter_receipt | student
    std::string id;    // Jodo payment id, ERP receipt id, ERP student id
    std::string student_id;
    std::string state;
    std::string reason;
    std::string updated_at;
};

// What the module keeps per ERP counter receipt (jodo_counter_payments).
struct CounterRow {
    std::string receipt_id;
    std::string student_id;
    std::string jodo_student_id;
    std::string state;  // sending | sent | unknown | refused | review | cancelling | cancelled
    std::string error_reason;
    std::string updated_at;
};

}  // namespace jodo
