#pragma once

#include <optional>
#include <string>
#include <vector>

#include "jodo/api/money.hpp"

namespace jodo {

struct InvoiceLine {
    int line_no = 0;
    std::string fee_component;
    Paise amount = 0;
};

// A fee invoice as the ERP holds it (read through the ERP mapping), with the
// payer it is addressed to. `amount_due` is what is still owed: what Jodo is
// asked for, whatever the lines add up to.
struct Invoice {
    std::string invoice_id;
    std::string payer_name;
    std::string phone;
    std::string email;
    Paise amount_due = 0;
    std::string student_id;
    std::string student_name;
    std::string grade;
    std::string description;
    std::string date_of_birth;
    std::string custom_identifier;
    std::optional<bool> new_admission;
    std::optional<int> academic_year_start;
    std::optional<int> academic_year_end;
    std::vector<InvoiceLine> lines;

    Paise lines_total() const {
        Paise sum = 0;
        for (const auto& line : lines)
            sum += line.amount;
        return sum;
    }
};

}  // namespace jodo
