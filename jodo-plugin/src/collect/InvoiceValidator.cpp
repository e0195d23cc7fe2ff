#include "collect/InvoiceValidator.hpp"

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

std::vector<FieldProblem> validate_invoice(const Invoice& invoice) {
    std::vector<FieldProblem> problems;
    auto blank = [](const std::string& s) {
        return s.find_first_not_of(" \t") == std::string::npos;
    };
    if (blank(invoice.payer_name))
        problems.push_back({"payer.name", "is missing"});
    if (blank(invoice.phone))
        problems.push_back({"payer.phone", "is missing"});
    else if (normalise_phone(invoice.phone).empty())
        problems.push_back({"payer.phone", "is not a 10-digit mobile number"});
    if (blank(invoice.email))
        problems.push_back({"payer.email", "is missing"});
    else if (invoice.email.find('@') == std::string::npos ||
             invoice.email.find(' ') != std::string::npos)
        problems.push_back({"payer.email", "is not an email address"});
    if (invoice.lines.empty())
        problems.push_back({"invoice lines", "there are none"});
    for (const auto& line : invoice.lines) {
        const std::string name = "line " + std::to_string(line.line_no);
        if (blank(line.fee_component))
            problems.push_back({name + " fee component", "is missing"});
        if (line.amount <= 0)
            problems.push_back({name + " amount", "must be greater than zero"});
    }
    if (!invoice.lines.empty() && invoice.total() <= 0)
        problems.push_back({"invoice total", "must be greater than zero"});
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
