// jodo-chaos: the figures it prints.
#include <iomanip>
#include <ostream>
#include <sstream>

#include "chaos/ChaosRun.hpp"

namespace chaos {

std::string format_chaos_report(const ChaosReport& r) {
    std::ostringstream out;
    out << "Chaos run: " << r.invoices << " invoices (" << r.invalid_invoices << " invalid), "
        << std::fixed << std::setprecision(1) << r.seconds << " s, database " << r.database << "\n";
    out << "  orders created at Jodo:   " << r.orders_created << " (" << r.api_requests
        << " API requests)\n";
    out << "  faults injected:          " << r.faults_total << " (";
    bool first = true;
    for (const auto& [kind, n] : r.faults) {
        out << (first ? "" : ", ") << kind << " " << n;
        first = false;
    }
    out << ")\n";
    out << "  client requests retried:  " << r.client_retries << " of " << r.client_attempts
        << " attempts (plugin instances that lived to report)\n";
    out << "  processes:                " << r.processes_started << " collect workers, "
        << r.processes_killed << " killed\n";
    for (const auto& note : r.process_notes)
        out << "                            " << note << "\n";
    out << "  payments at Jodo:         " << r.orders_paid << " paid, " << r.orders_settled
        << " settled\n";
    out << "  webhooks:                 " << r.webhooks_emitted << " events, "
        << r.webhooks_delivered << " delivered, " << r.webhooks_duplicated << " duplicated, "
        << r.webhooks_dropped << " dropped, " << r.webhooks_reordered << " arrived out of order ("
        << r.webhook_requests << " HTTP requests received)\n";
    out << "  reconcile passes after Jodo recovered: " << r.reconcile_passes << "\n";
    out << "Invariants (" << r.invariants.invoices << " invoices, " << r.invariants.collections
        << " collections, " << r.invariants.jodo_orders << " orders at Jodo):\n";
    out << format_invariant_report(r.invariants);
    out << (r.ok() ? "ALL INVARIANTS HOLD\n" : "INVARIANTS VIOLATED\n");
    return out.str();
}

int command_chaos(const ChaosOptions& options, std::ostream& out) {
    const ChaosReport report = run_chaos(options, out);
    out << "\n" << format_chaos_report(report);
    return report.ok() ? 0 : 1;
}

}  // namespace chaos
