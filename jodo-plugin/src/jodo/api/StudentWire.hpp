// Jodo's student-linked Pay on the wire (shared/jodo-api/student-*.txt): what
// we send to register and update a student, record a counter payment, and
// what List Payments and the student webhooks tell us. Readers are tolerant
// as json_fields.hpp; docs/jodo-choices.md holds the choices for the gaps.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "jodo/api/money.hpp"

namespace jodo {

// Register Student's `student` object; Update Student sends the same fields.
struct StudentProfile {
    std::string fullname;
    std::string identifier;  // the school's student id
    std::string grade;
    bool new_admission = false;
    std::string academic_year_start;
    std::string academic_year_end;
    std::string date_of_birth;  // YYYY-MM-DD
    std::string primary_contact_name;
    std::string primary_contact_number;
    std::string primary_contact_email;

    // The object as sent: texts bounded in characters (jodo-choices.md).
    std::string to_json() const;
};

struct FeeDiscount {
    std::string discount_type;
    Paise value = 0;
};

struct FeeComponent {
    std::string component_type;
    Paise fee_amount = 0;
    std::vector<FeeDiscount> discounts;
};

// {"fee_components":[...]} as Update Fee takes it (and Register Student).
std::string fee_components_json(const std::vector<FeeComponent>& fees);
// Register Student's body: {"student":{...},"fee_components":[...]}.
std::string register_student_json(const StudentProfile& profile,
                                  const std::vector<FeeComponent>& fees);

// Register Student's answer (page truncated): the Jodo id from
// data.jodo_student_id, data.student_id or data.id, number or string.
// Throws WireError when none is there.
std::string parse_registered_student_id(const std::string& body);

struct StudentPaymentLine {
    std::string fee_component;
    Paise amount = 0;
    std::string settlement_utr;  // empty until settled
    std::string settled_at;
};

// One item of List Payments (and payload.payment of a student webhook).
struct StudentPayment {
    std::string id;
    Paise amount = 0;
    std::string product;  // pg (made in Jodo), direct (added by an ERP), ...
    std::string mode;
    std::string paid_at;
    std::vector<StudentPaymentLine> details;

    bool settled() const;  // every line carries a UTR
};

// List Payments' {"status":"success","data":[...]}.
std::vector<StudentPayment> parse_student_payments(const std::string& body);

// Add Payment's body: a receipt taken at the school.
struct CounterPaymentRequest {
    Paise amount = 0;
    std::string paid_at;  // ISO 8601
    std::string mode;
    std::string transaction_id;  // the ERP receipt id
    std::string settlement_utr;
    std::string notes;
    std::vector<StudentPaymentLine> fee_components;  // fee_component, amount

    std::string to_json() const;
};

}  // namespace jodo
