#include "reconcile/Reconciler.hpp"

#include "api/JodoError.hpp"

namespace jodo {

ReconcileReport Reconciler::run_once(int limit) {
    ReconcileReport report;
    for (const auto& collection : store_.due_for_check(clock_.now_iso(), limit)) {
        ++report.checked;
        try {
            if (collection.order_id.empty()) {
                // Outcome unknown and no webhook has named the order yet:
                // nothing to ask Jodo; look again later and keep the reason.
                store_.schedule_check(collection.collection_id,
                                      collect_.next_check_after(collection.check_count + 1));
                continue;
            }
            if (collect_.sync(collection.collection_id) != collection.status)
                ++report.changed;
        } catch (const std::exception& e) {
            ++report.errors;
            log_.warn("reconcile of invoice " + collection.invoice_id + ": " + e.what());
            store_.schedule_check(collection.collection_id,
                                  collect_.next_check_after(collection.check_count + 1));
        }
    }
    return report;
}

}  // namespace jodo
