#pragma once

#include <string>
#include <vector>

#include "jodo/api/money.hpp"
#include "jodo/erp/Database.hpp"

namespace jodo {

// One line Jodo has settled to the school's bank, as the module recorded it
// from Jodo's answer: a collection's (jodo_collection_lines.settlement_utr
// and settled_at, written by CollectionStore when a webhook or the reconciler
// reports the settlement) or a student-linked payment's
// (jodo_student_payment_lines, written by StudentStore::settle).
struct SettledLine {
    std::string collection_id;  // one Jodo order, payment link or student payment = one payment
    std::string invoice_id;     // empty for a student-linked payment
    int line_no = 0;
    std::string utr;
    std::string settled_at;  // ISO 8601 as Jodo sent it (UTC "Z" or with an offset)
    Paise amount = 0;        // what was paid for the line (its amount when Jodo named none)
    std::string student_id;  // the ERP student of a student-linked payment; empty otherwise
};

// Settled lines, of collections and of student-linked payments, whose
// settled_at text starts within [from_date, to_date) ("YYYY-MM-DD"; compared
// as text, so the caller widens the window by the timezone offsets it allows
// and decides each line's day itself). Ordered by settled_at, UTR, invoice
// (or student) and line. Amounts are read as the driver's decimal
// text and parsed to paise: never through a double.
std::vector<SettledLine> settled_lines(Database& db, const std::string& from_date,
                                       const std::string& to_date);

}  // namespace jodo
