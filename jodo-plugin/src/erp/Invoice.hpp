#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/money.hpp"

namespace jodo {

struct InvoiceLine {
    int line_no = 0;
    std::string fee_component;
    Paise amount = 0;
};

// A fee invoice as the ERP holds it, with the payer it is addressed to.
struct Invoice {
    std::string invoice_id;
    std::string payer_id;
    std::string payer_name;
    std::string phone;
    std::string email;
    std::string student_name;
    std::string grade;
    std::string description;
    std::optional<int> academic_year_start;
    std::optional<int> academic_year_end;
    std::vector<InvoiceLine> lines;

    Paise total() const {
        Paise sum = 0;
        for (const auto& line : lines)
            sum += line.amount;
        return sum;
    }
};

}  // namespace jodo
