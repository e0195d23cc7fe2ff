#include "reconcile/Reconciler.hpp"

#include "api/JodoError.hpp"

namespace jodo {

ReconcileReport Reconciler::run_once(int limit, const std::atomic<bool>* stop) {
    ReconcileReport report;
    const std::int64_t now = clock_.now_ms();
    // The lease outlasts one sync with all its retries.
    for (const auto& collection :
         store_.claim_due(clock_.iso(now), clock_.iso(now + 120000), limit)) {
        if (stop && *stop)
            break;
        ++report.checked;
        try {
            // A create may legitimately take minutes (timeouts and retries);
            // only an intent older than the longest create is an orphan.
            if (collection.status == status::creating &&
                collection.created_at > clock_.iso(now - creating_grace_ms_)) {
                store_.schedule_check(collection.collection_id,
                                      clock_.iso(now + creating_grace_ms_));
                continue;
            }
            if (collection.status == status::creating) {
                // The process that recorded this intent never recorded an
                // answer (it stopped mid-request): Jodo may have the order.
                store_.mark_unknown(
                    collection,
                    "no answer from Jodo was recorded for this request (the connector stopped "
                    "while it was in flight); an order may exist. Do not collect again: a Jodo "
                    "event for it will link it here, or release the invoice after checking");
            }
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
