#include "jodo/reconcile/Reconciler.hpp"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "jodo/api/JodoError.hpp"

namespace jodo {

namespace {
// A claimed row waits at most for the checks ahead of it in its chunk (one
// sync each per worker, the chunk being as large as the workers), then takes
// one sync with all its retries: the lease outlasts both.
constexpr std::int64_t kLeaseMs = 2 * 120000;
}  // namespace

bool Reconciler::check(const Collection& collection, std::int64_t now,
                       const CollectionSync::DeferSchedule& defer) {
    // A create may legitimately take minutes (timeouts and retries); only an
    // intent older than the longest create is an orphan.
    if (collection.status == CollectionStatus::creating &&
        collection.created_at > clock_.iso(now - creating_grace_ms_)) {
        store_.schedule_check(collection.collection_id, clock_.iso(now + creating_grace_ms_));
        return false;
    }
    if (collection.status == CollectionStatus::creating) {
        // No answer was recorded for this request: the process that sent it
        // stopped, or could not write the answer within its outage wait
        // (its log names the order then). Jodo may have the order.
        const std::string what =
            "no answer from Jodo was recorded for this request (the connector stopped while it "
            "was in flight, or could not write Jodo's answer to the database; its log names the "
            "order if one was made)";
        if (collection.kind == CollectionKind::pay_order) {
            // Nobody received its redirect URL, so nobody can pay it
            // (CollectService::lose_answer): the invoice is released.
            store_.abandon(collection, what +
                                           ", so no payer can have reached it: released, the "
                                           "invoice can be collected again. Should Jodo report "
                                           "the order later, it is recorded and flagged.");
            return true;
        }
        CollectionStore::CreateOutcome unknown;
        unknown.kind = CollectionStore::CreateOutcome::Kind::unknown;
        unknown.intent = collection;
        unknown.reason = what +
                         "; a link may exist. Do not collect again: a Jodo event for it will "
                         "link it here, or release the invoice after checking";
        store_.finish(unknown);
    }
    if (collection.order_id.empty()) {
        // Outcome unknown and no webhook has named the order yet: nothing to
        // ask Jodo; look again later and keep the reason.
        store_.schedule_check(collection.collection_id,
                              sync_.next_check_after(collection.check_count + 1));
        return false;
    }
    return sync_.sync(collection, defer) != collection.status;
}

ReconcileReport Reconciler::run_once(const std::atomic<bool>* stop) {
    std::mutex mutex;  // guards everything below up to the workers
    std::condition_variable invoice_freed;
    std::deque<Collection> claimed;
    std::set<std::string> busy_invoices;  // being checked now
    std::int64_t claimed_at = 0;
    bool drained = false;
    std::exception_ptr claim_failure;
    std::atomic<int> checked{0}, changed{0}, errors{0};
    auto stopping = [stop] { return stop && stop->load(); };

    // Checks that found nothing new are written a chunk at a time (one
    // commit for many: SQLite's single writer syncs every commit). Until
    // then each row keeps its lease, so a crash only makes it due again
    // when the lease ends.
    std::mutex quiet_mutex;
    std::vector<CollectionStore::QuietCheck> quiet;
    auto write_quiet = [&](std::vector<CollectionStore::QuietCheck> batch) {
        try {
            store_.reschedule_many(batch);
        } catch (const std::exception& e) {
            errors += static_cast<int>(batch.size());
            log_.warn(std::string("reconcile: cannot write the next checks of ") +
                      std::to_string(batch.size()) +
                      " collections (checked again when their lease ends): " + e.what());
        }
    };
    const CollectionSync::DeferSchedule defer = [&](CollectionStore::QuietCheck c) {
        std::vector<CollectionStore::QuietCheck> full;
        {
            std::lock_guard<std::mutex> lock(quiet_mutex);
            quiet.push_back(std::move(c));
            if (quiet.size() >= static_cast<std::size_t>(concurrency_))
                full.swap(quiet);
        }
        if (!full.empty())
            write_quiet(std::move(full));
    };

    // Claims the next chunk (the caller holds the mutex). Every row checked
    // is due again only in the future (scheduled, leased or final), so the
    // claims end once nothing is due.
    auto claim = [&] {
        try {
            claimed_at = clock_.now_ms();
            for (auto& c : store_.claim_due(clock_.iso(claimed_at),
                                            clock_.iso(claimed_at + kLeaseMs), concurrency_))
                claimed.push_back(std::move(c));
        } catch (...) {
            claim_failure = std::current_exception();
        }
        drained = claimed.empty();
    };
    // The next claimed collection whose invoice no other worker is checking:
    // two collections of one invoice (a superseded order and its successor)
    // are checked one after the other, as their write-backs touch the same
    // ERP rows.
    auto next = [&](Collection& out, std::int64_t& now) {
        std::unique_lock<std::mutex> lock(mutex);
        for (;;) {
            if (stopping())
                return false;
            if (claimed.empty() && !drained)
                claim();
            auto free = std::find_if(claimed.begin(), claimed.end(), [&](const Collection& c) {
                return busy_invoices.count(c.invoice_id) == 0;
            });
            if (free != claimed.end()) {
                out = std::move(*free);
                claimed.erase(free);
                busy_invoices.insert(out.invoice_id);
                now = claimed_at;
                return true;
            }
            if (claimed.empty())
                return false;
            invoice_freed.wait(lock);
        }
    };
    auto done = [&](const std::string& invoice_id) {
        {
            std::lock_guard<std::mutex> lock(mutex);
            busy_invoices.erase(invoice_id);
        }
        invoice_freed.notify_all();
    };
    auto work = [&] {
        Collection collection;
        std::int64_t now = 0;
        while (next(collection, now)) {
            ++checked;
            try {
                if (check(collection, now, defer))
                    ++changed;
            } catch (const std::exception& e) {
                ++errors;
                log_.warn("reconcile of invoice " + collection.invoice_id + ": " + e.what());
                try {
                    store_.schedule_check(collection.collection_id,
                                          sync_.next_check_after(collection.check_count + 1));
                } catch (const std::exception&) {
                    // The lease keeps it from being checked again before then.
                }
            }
            done(collection.invoice_id);
        }
    };
    // The first claim decides how many workers are worth starting (the
    // background reconciler usually finds a few rows, or none).
    std::size_t first_chunk = 0;
    {
        std::lock_guard<std::mutex> lock(mutex);
        if (!stopping())
            claim();
        first_chunk = claimed.size();
    }
    if (first_chunk == 0) {
        if (claim_failure)
            std::rethrow_exception(claim_failure);  // the database is down: the run failed
        return {};
    }
    std::vector<std::thread> workers;
    for (std::size_t t = 1; t < std::min<std::size_t>(std::size_t(concurrency_), first_chunk); ++t)
        workers.emplace_back(work);
    work();
    for (auto& t : workers)
        t.join();
    write_quiet(std::move(quiet));
    // A later claim that failed ends the run; what was checked stays done.
    if (claim_failure) {
        try {
            std::rethrow_exception(claim_failure);
        } catch (const std::exception& e) {
            log_.warn(std::string("reconcile stopped: cannot claim due collections: ") + e.what());
        } catch (...) {
            log_.warn("reconcile stopped: cannot claim due collections");
        }
    }
    return {checked.load(), changed.load(), errors.load()};
}

}  // namespace jodo
