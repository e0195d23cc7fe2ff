// The invariant checker's verdict as a person reads it after a chaos run.
#include <cstdio>
#include <sstream>

#include "chaos/InvariantChecker.hpp"
#include "jodo/api/money.hpp"

namespace chaos {

std::string format_invariant_report(const InvariantReport& r) {
    std::ostringstream out;
    auto verdict = [&](const char* invariant) {
        const int n = r.violations_of(invariant);
        return n == 0 ? std::string("OK") : "VIOLATED (" + std::to_string(n) + ")";
    };
    out << "  collections by status:";
    for (const auto& [status, n] : r.statuses)
        out << " " << status << " " << n;
    out << "\n";
    char share[32];
    std::snprintf(share, sizeof share, "%.2f",
                  r.invoices ? 100.0 * r.unknown_invoices / r.invoices : 0.0);
    out << "  unknown share: " << r.unknown_invoices << " of " << r.invoices << " invoices ("
        << share << "%) wait for a person\n";
    out << "  (i)   paid orders reflected: " << r.paid_reflected << " of " << r.jodo_paid
        << " paid at Jodo (" << r.jodo_settled
        << " settled); unresolved, flagged: " << r.unresolved_flagged;
    if (!r.unresolved_invoices.empty()) {
        out << " (";
        for (std::size_t i = 0; i < r.unresolved_invoices.size(); ++i)
            out << (i ? ", " : "") << r.unresolved_invoices[i];
        out << ")";
    }
    out << "; unpaid orders only Jodo knows, flagged: " << r.untracked_unpaid << "  "
        << verdict("i") << "\n";
    out << "  (ii)  sums: Jodo paid " << jodo::format_rupees(r.jodo_paid_total) << " = database "
        << jodo::format_rupees(r.db_paid_total) << " + unresolved "
        << jodo::format_rupees(r.unresolved_total) << " INR  " << verdict("ii") << "\n";
    out << "  (iii) one active collection, one order, one payment per invoice  " << verdict("iii")
        << "\n";
    out << "  (iv)  nothing non-final without a reason, nothing left 'creating'  " << verdict("iv")
        << "\n";
    for (const auto& v : r.violations)
        out << "  violation (" << v.invariant << ") " << v.invoice_id << ": " << v.detail << "\n";
    out << "lost = " << r.lost << "\n";
    return out.str();
}

}  // namespace chaos
