// What the sandbox keeps for one Jodo student (student-register-student.txt,
// student-update-*.txt) and its payments (student-list-payments.txt,
// student-add-payment.txt): copies handed out are taken under the sandbox lock.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "host_sim/sandbox/SandboxMoney.hpp"

namespace jodo::sandbox {

struct FeeDiscount {
    std::string discount_type;
    Paise value = 0;
};

struct FeeComponent {
    std::string component_type;
    Paise fee_amount = 0;
    std::vector<FeeDiscount> discounts;

    Paise due() const;  // fee_amount less its discounts (never below zero)
};

// The profile fields Register Student takes and Update Student answers with.
struct StudentProfile {
    std::string fullname, identifier, grade, date_of_birth;
    std::string primary_contact_name, primary_contact_number, primary_contact_email;
    bool new_admission = false;
    int academic_year_start = 0, academic_year_end = 0;
};

struct PaymentLine {
    std::string fee_component;
    Paise amount = 0;
    std::string settlement_utr;  // empty = null
    std::string settled_at;      // empty = null
};

struct StudentPayment {
    std::string id;              // "pg_<n>" (paid in Jodo) or the ERP's transaction_id
    std::string transaction_id;  // Add Payment's transaction_id; empty for Jodo payments
    std::string product;         // "pg" (paid in Jodo) or "direct" (Add Payment)
    std::string mode;
    std::string paid_at;  // ISO 8601 UTC
    std::string notes;
    Paise amount = 0;
    bool cancelled = false;  // Cancel Payment: kept, never listed again
    std::vector<PaymentLine> lines;

    bool paid_in_jodo() const { return product == kProductPg; }
    static constexpr const char* kProductPg = "pg";
    static constexpr const char* kProductDirect = "direct";
};

struct SandboxStudent {
    std::int64_t jodo_student_id = 0;
    std::string registration_id;  // the family (user): siblings share it
    StudentProfile profile;
    std::vector<FeeComponent> fees;
    std::vector<StudentPayment> payments;  // in the order they were made
    std::int64_t pay_product_id = 0;       // List Products data[].id of its "pay" product

    // What is still owed on `component` (its due less what live payments paid).
    Paise outstanding(const std::string& component) const;
    Paise total_outstanding() const;
    const StudentPayment* find_payment(const std::string& id) const;
};

}  // namespace jodo::sandbox
