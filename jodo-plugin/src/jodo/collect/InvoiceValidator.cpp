#include "jodo/collect/InvoiceValidator.hpp"

#include "jodo/api/bounded_text.hpp"
#include "jodo/collect/PayOrderMapper.hpp"
#include "jodo/erp/Collection.hpp"

namespace jodo {

std::string normalise_phone(const std::string& phone) {
    std::string digits;
    for (char c : phone) {
        if (c >= '0' && c <= '9') {
            digits += c;
        } else if (c != ' ' && c != '-' && c != '+' && c != '(' && c != ')') {
            return {};
        }
    }
    if (digits.size() == 12 && digits.rfind("91", 0) == 0)
        digits.erase(0, 2);
    if (digits.size() == 11 && digits[0] == '0')
        digits.erase(0, 1);
    if (digits.size() != 10)
        return {};
    return digits;
}

bool email_shaped(const std::string& email) {
    // local@domain.tld: one @, a local part of 1 to 64 characters, a domain
    // with a dot inside it, no spaces (RFC 5321's limits; no more is judged).
    const auto at = email.find('@');
    if (at == std::string::npos || at == 0 || at > 64 ||
        email.find('@', at + 1) != std::string::npos)
        return false;
    if (email.find_first_of(" \t") != std::string::npos)
        return false;
    const std::string domain = email.substr(at + 1);
    const auto dot = domain.find('.');
    return dot != std::string::npos && dot > 0 && domain.back() != '.' &&
           domain.find("..") == std::string::npos;
}

std::vector<FieldProblem> validate_invoice(const Invoice& invoice) {
    std::vector<FieldProblem> problems;
    auto blank = [](const std::string& s) {
        return s.find_first_not_of(" \t") == std::string::npos;
    };
    if (blank(invoice.payer_name))
        problems.push_back({"payer.name", "is missing"});
    if (blank(invoice.phone))
        problems.push_back({"payer.phone", "is missing"});
    else if (const std::string mobile = normalise_phone(invoice.phone); mobile.empty())
        problems.push_back({"payer.phone", "is not a 10-digit mobile number"});
    else if (mobile[0] < '6')
        problems.push_back(
            {"payer.phone", "is not an Indian mobile number (they start with 6, 7, 8 or 9)"});
    if (blank(invoice.email))
        problems.push_back({"payer.email", "is missing"});
    else if (utf8_length(invoice.email) > kMaxEmailChars)
        problems.push_back(
            {"payer.email", "is longer than " + std::to_string(kMaxEmailChars) + " characters"});
    else if (!email_shaped(invoice.email))
        problems.push_back({"payer.email", "is not an email address"});
    if (invoice.invoice_id.empty())
        problems.push_back({"invoice_id", "is missing"});
    else if (utf8_length(invoice.invoice_id) > jodo_text_limit::invoice_id)
        problems.push_back(
            {"invoice_id",
             "is longer than " + std::to_string(jodo_text_limit::invoice_id) + " characters"});
    if (invoice.amount_due <= 0)
        problems.push_back({"amount_due", "must be greater than zero (nothing is owed)"});
    else if (invoice.amount_due > kMaxStoredPaise)
        problems.push_back({"amount_due", "is more than " + format_rupees(kMaxStoredPaise)});
    // Rows of zero or less are discounts the amount due already counts; only
    // the rows that are sent need a name.
    for (const auto& line : invoice.lines) {
        if (line.amount > 0 && blank(line.fee_component))
            problems.push_back(
                {"line " + std::to_string(line.line_no) + " fee component", "is missing"});
    }
    return problems;
}

std::string describe_problems(const std::vector<FieldProblem>& problems) {
    std::string text;
    for (const auto& p : problems) {
        if (!text.empty())
            text += "; ";
        text += p.field + " " + p.reason;
    }
    return text;
}

}  // namespace jodo
