#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "jodo/api/money.hpp"

namespace jodo {

// Note keys that carry the ERP reference to Jodo and back in webhooks.
inline const std::string kNoteInvoiceId = "erp_invoice_id";
inline const std::string kNoteCollectionId = "erp_collection_id";

struct PayOrderLine {
    std::string component_type;
    Paise amount = 0;
};

// The body of Create Pay Order and Create Payment Link (same fields; a link
// adds expires_at).
struct PayOrderRequest {
    std::string name;
    std::string phone;
    std::string email;
    std::string identifier;  // the institute's student identifier
    std::string custom_identifier;
    std::string student_name;
    std::string grade;
    std::optional<int> academic_year_start;
    std::optional<int> academic_year_end;
    std::optional<bool> new_admission;
    std::string date_of_birth;  // sent with payment links only (the field is documented there)
    std::vector<PayOrderLine> details;
    std::vector<std::pair<std::string, std::string>> notes;
    std::string callback_url;
    std::string expires_at;  // payment links only; ISO 8601

    Paise total() const;
    std::string to_json() const;
};

}  // namespace jodo
