#include "support/StudentInvariants.hpp"

#include <cctype>
#include <set>

namespace scaleout {

namespace {
using World = StudentWorld;
using jodo::sandbox::SandboxStudent;
using jodo::sandbox::StudentPayment;

bool flagged_state(const std::string& state) {
    return state == "review" || state == "refused" || state == "unknown";
}

// A DECIMAL the checker cannot read is itself a finding (never guessed at).
std::int64_t paise_or_report(const std::string& text, const std::string& what,
                             std::vector<std::string>& out) {
    const auto paise = parse_paise(text);
    if (!paise)
        out.push_back(what + ": amount '" + text + "' is not a decimal in paise");
    return paise.value_or(-1);
}

std::string rupees(std::int64_t paise) {
    const std::string fraction = std::to_string(100 + paise % 100).substr(1);
    return std::to_string(paise / 100) + "." + fraction;
}

void check_registrations(const World& w, const std::map<std::string, const SandboxStudent*>& jodo,
                         std::vector<std::string>& out) {
    std::map<std::string, int> identifiers;
    for (const auto& s : w.jodo)
        ++identifiers[s.profile.identifier];
    for (const auto& [identifier, count] : identifiers)
        if (count > 1)
            out.push_back("S1 student " + identifier + " is registered " + std::to_string(count) +
                          " times in Jodo");
    for (const auto& s : w.students) {
        const std::string who = "S1 student " + s.student_id;
        const auto row = w.module_students.find(s.student_id);
        if (row == w.module_students.end()) {
            out.push_back(who + ": never synced (no jodo_students row)");
            continue;
        }
        const auto& m = row->second;
        if (m.state == "unknown" || m.state == "failed") {
            if (m.reason.empty())
                out.push_back(who + ": '" + m.state + "' without a reason");
            continue;
        }
        if (m.state != "registered") {
            out.push_back(who + ": left '" + m.state + "' (neither registered nor flagged)");
            continue;
        }
        const auto at = jodo.find(m.jodo_student_id);
        if (at == jodo.end()) {
            out.push_back(who + ": registered as " + m.jodo_student_id + ", which Jodo lacks");
            continue;
        }
        const SandboxStudent& j = *at->second;
        if (s.jodo_student_id != m.jodo_student_id)
            out.push_back(who + ": the ERP notes Jodo id '" + s.jodo_student_id + "', the module " +
                          m.jodo_student_id);
        if (j.profile.identifier != s.student_id || j.registration_id != s.family_id ||
            j.profile.fullname != s.fullname || j.profile.grade != s.grade)
            out.push_back(who + ": Jodo's profile (" + j.profile.identifier + ", " +
                          j.registration_id + ", " + j.profile.fullname + ", " + j.profile.grade +
                          ") differs from the ERP's");
        std::map<std::string, std::int64_t> fees;
        for (const auto& fee : j.fees)
            fees[fee.component_type] = fee.fee_amount;
        std::map<std::string, std::int64_t> erp_fees;
        for (const auto& [component, amount] : s.fees)
            erp_fees[component] = paise_or_report(amount, who + " fee " + component, out);
        if (fees != erp_fees)
            out.push_back(who + ": Jodo's fee structure differs from the ERP's");
    }
}

void check_jodo_payments(const World& w, const std::map<std::string, std::string>& registered,
                         std::vector<std::string>& out) {
    std::map<std::string, std::vector<const World::ErpPayment*>> posted;
    for (const auto& p : w.payments)
        posted[p.payment_id].push_back(&p);
    std::map<std::string, std::vector<const World::ErpPaymentLine*>> lines;
    for (const auto& l : w.payment_lines)
        lines[l.payment_id].push_back(&l);
    std::set<std::string> jodo_payments;  // made in Jodo, by any student
    for (const auto& s : w.jodo)
        for (const auto& p : s.payments)
            if (p.paid_in_jodo())
                jodo_payments.insert(p.id);
    for (const auto& s : w.jodo) {
        const auto student = registered.find(std::to_string(s.jodo_student_id));
        if (student == registered.end())
            continue;  // not this ERP's (or flagged): nothing may be posted for it
        for (const auto& p : s.payments) {
            const std::string who = "payment " + p.id + " of student " + student->second;
            const auto rows = posted.count(p.id) ? posted[p.id].size() : 0;
            if (!p.paid_in_jodo()) {
                if (rows != 0)
                    out.push_back("S2 " + who + " was added by the module and posted back");
                continue;
            }
            if (rows != 1) {
                out.push_back("S2 " + who + " (" + rupees(p.amount) + ") is posted " +
                              std::to_string(rows) + " times in the ERP");
                continue;
            }
            const auto& row = *posted[p.id].front();
            const auto amount = paise_or_report(row.amount, "S2 " + who, out);
            if (amount != p.amount)
                out.push_back("S2 " + who + ": the ERP holds " + row.amount + ", Jodo " +
                              rupees(p.amount));
            if (row.student_id != student->second)
                out.push_back("S2 " + who + ": posted for student " + row.student_id);
            std::int64_t pieces = 0;
            for (const auto* line : lines[p.id])
                pieces += paise_or_report(line->amount, "S2 " + who + " line", out);
            if (pieces != p.amount)
                out.push_back("S2 " + who + ": its ERP lines add up to " + rupees(pieces) +
                              ", not " + rupees(p.amount));
            const bool settled = !p.lines.empty() && p.lines.front().settlement_utr.size() > 0;
            if (!settled)
                continue;
            for (const auto& jl : p.lines) {
                int carried = 0;
                for (const auto* line : lines[p.id]) {
                    if (line->component_type != jl.fee_component)
                        continue;
                    ++carried;
                    if (line->settlement_utr != jl.settlement_utr)
                        out.push_back("S4 " + who + " " + jl.fee_component + ": UTR '" +
                                      line->settlement_utr + "' in the ERP, '" + jl.settlement_utr +
                                      "' in Jodo");
                }
                if (carried == 0)
                    out.push_back("S4 " + who + " " + jl.fee_component +
                                  ": settled in Jodo, no ERP line carries its UTR");
            }
        }
    }
    // Two payments allocated at once must not both take what one bill line owes.
    std::map<std::string, std::int64_t> allocated;
    for (const auto& l : w.payment_lines)
        if (!l.invoice_id.empty())
            allocated[l.invoice_id + "/" + l.invoice_line_no] +=
                paise_or_report(l.amount, "S2 payment " + l.payment_id + " line", out);
    for (const auto& [bill, paise] : allocated) {
        const auto line = w.bill_lines.find(bill);
        if (line == w.bill_lines.end())
            out.push_back("S2 bill line " + bill + " is allocated to but does not exist");
        else if (paise > paise_or_report(line->second, "S2 bill line " + bill, out))
            out.push_back("S2 bill line " + bill + " (" + line->second + ") is allocated " +
                          rupees(paise));
    }
    for (const auto& [id, rows] : posted)
        if (jodo_payments.count(id) == 0)
            out.push_back("S2 the ERP holds payment " + id + ", which is no payment made in Jodo");
}

void check_receipts(const World& w, const std::map<std::string, const SandboxStudent*>& jodo,
                    std::vector<std::string>& out) {
    std::map<std::string, std::vector<const StudentPayment*>> live;  // by transaction_id
    for (const auto& s : w.jodo)
        for (const auto& p : s.payments)
            if (!p.cancelled && !p.transaction_id.empty())
                live[p.transaction_id].push_back(&p);
    for (const auto& r : w.receipts) {
        const std::string who = "S3 receipt " + r.receipt_id + " of student " + r.student_id;
        const auto student = w.module_students.find(r.student_id);
        const bool registered =
            student != w.module_students.end() && student->second.state == "registered";
        const auto row = w.counter_rows.find(r.receipt_id);
        const bool has_row = row != w.counter_rows.end();
        const bool flagged =
            has_row && flagged_state(row->second.state) && !row->second.reason.empty();
        const std::size_t in_jodo = live.count(r.receipt_id) ? live[r.receipt_id].size() : 0;
        if (has_row && (row->second.state == "sending" || row->second.state == "cancelling"))
            out.push_back(who + ": left '" + row->second.state + "'");
        if (has_row && flagged_state(row->second.state) && row->second.reason.empty())
            out.push_back(who + ": '" + row->second.state + "' without a reason");
        if (r.cancelled) {
            if (in_jodo > 0 && !flagged)
                out.push_back(who + ": cancelled in the ERP, still live in Jodo (row '" +
                              (has_row ? row->second.state : std::string("none")) + "')");
            continue;
        }
        if (!registered) {
            if (in_jodo > 0)
                out.push_back(who + ": in Jodo although the student is not registered");
            continue;
        }
        if (in_jodo > 1) {
            out.push_back(who + ": " + std::to_string(in_jodo) + " live payments in Jodo");
        } else if (in_jodo == 1) {
            const auto jodo_student = jodo.find(student->second.jodo_student_id);
            if (jodo_student == jodo.end() ||
                jodo_student->second->find_payment(r.receipt_id) == nullptr)
                out.push_back(who + ": sent to another Jodo student");
            if (paise_or_report(r.amount, who, out) != live[r.receipt_id].front()->amount)
                out.push_back(who + ": Jodo holds " + rupees(live[r.receipt_id].front()->amount) +
                              ", the ERP " + r.amount);
            if (!has_row || (row->second.state != "sent" && !flagged))
                out.push_back(who + ": live in Jodo, module row '" +
                              (has_row ? row->second.state : std::string("none")) + "'");
        } else if (!flagged) {
            out.push_back(who + ": not in Jodo and not flagged (row '" +
                          (has_row ? row->second.state : std::string("none")) + "')");
        }
    }
}
}  // namespace

std::optional<std::int64_t> parse_paise(const std::string& text) {
    std::size_t i = 0;
    const bool negative = !text.empty() && text[0] == '-';
    if (negative || (!text.empty() && text[0] == '+'))
        ++i;
    std::int64_t whole = 0;
    std::size_t digits = 0;
    for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i, ++digits) {
        if (whole > 100000000000000)
            return std::nullopt;
        whole = whole * 10 + (text[i] - '0');
    }
    std::int64_t fraction = 0;
    if (i < text.size() && text[i] == '.') {
        ++i;
        for (int place = 0; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]));
             ++i, ++place, ++digits) {
            const int d = text[i] - '0';
            if (place < 2)
                fraction += d * (place == 0 ? 10 : 1);
            else if (d != 0)
                return std::nullopt;  // a fraction of a paisa
        }
    }
    if (digits == 0 || i != text.size())
        return std::nullopt;
    const std::int64_t paise = whole * 100 + fraction;
    return negative ? -paise : paise;
}

std::vector<std::string> student_violations(const StudentWorld& world) {
    std::vector<std::string> out;
    std::map<std::string, const SandboxStudent*> jodo;
    for (const auto& s : world.jodo)
        jodo[std::to_string(s.jodo_student_id)] = &s;
    std::map<std::string, std::string> registered;  // Jodo id -> ERP student
    for (const auto& [student_id, m] : world.module_students)
        if (m.state == "registered")
            registered[m.jodo_student_id] = student_id;
    check_registrations(world, jodo, out);
    check_jodo_payments(world, registered, out);
    check_receipts(world, jodo, out);
    return out;
}

}  // namespace scaleout
