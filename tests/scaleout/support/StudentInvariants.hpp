#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "host_sim/sandbox/StudentRecord.hpp"

namespace scaleout {

class ScaleRig;

// Everything the student invariants look at, read once after the calm phase:
// the ERP's own tables and the module's tables (through ODBC, amounts as the
// DECIMAL text the driver returned) and the sandbox's students. Kept as plain
// data so that the checker can be shown hand-made bad data.
struct StudentWorld {
    struct ErpStudent {
        std::string student_id, family_id, fullname, grade, jodo_student_id;
        std::map<std::string, std::string> fees;  // component -> fee_amount text
    };
    struct ModuleStudent {
        std::string state, jodo_student_id, reason;
    };
    struct ErpPayment {
        std::string payment_id, student_id, amount;
    };
    struct ErpPaymentLine {
        std::string payment_id, component_type, amount, settlement_utr, invoice_id,
            invoice_line_no;  // empty for an advance piece
    };
    struct Receipt {
        std::string receipt_id, student_id, amount;
        bool cancelled = false;
    };
    struct CounterRow {
        std::string state, reason;
    };

    std::vector<ErpStudent> students;                      // active ones
    std::map<std::string, ModuleStudent> module_students;  // jodo_students by student_id
    std::vector<ErpPayment> payments;                      // erp_student_payments
    std::vector<ErpPaymentLine> payment_lines;             // erp_student_payment_lines
    std::map<std::string, std::string> bill_lines;         // "invoice/line_no" -> its amount
    std::vector<Receipt> receipts;                         // erp_counter_receipts
    std::map<std::string, CounterRow> counter_rows;        // jodo_counter_payments by receipt_id
    std::vector<jodo::sandbox::SandboxStudent> jodo;       // every student the sandbox holds
};

// Integer paise from a DECIMAL's text ("1234.5", "1234.50", "85000", "-3.00",
// "12.000"); nullopt when it is not a plain decimal or has a fraction of a
// paisa. Never through a float.
std::optional<std::int64_t> parse_paise(const std::string& text);

StudentWorld read_student_world(ScaleRig& rig);

// S1..S4 (tests/scaleout/student_chaos_test.cpp), one line per broken rule,
// naming the student, payment or receipt and what was found.
std::vector<std::string> student_violations(const StudentWorld& world);

}  // namespace scaleout
