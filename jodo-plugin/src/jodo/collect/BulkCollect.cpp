// collect_all: a pipeline that writes in batches and keeps every guarantee of
// a single collect.
//   1. Chunks of invoices: the active collections of the whole chunk in one
//      query, each invoice read and validated (prepare_collection, as for one
//      collect), all the chunk's intents committed in ONE transaction; the
//      one-active index still refuses each intent another process holds.
//   2. Only then are the chunk's creates sent, up to bulk_concurrency at once,
//      each exactly one create call (send_create, as for one collect).
//   3. Outcomes are written by one writer, one transaction per group of
//      finished creates, each a conditional update with its ERP write-backs.
// Chunk k+1 is read and recorded while chunk k's creates are in flight. A
// process killed anywhere leaves 'creating' intents (the reconciler releases
// them after the grace) or written outcomes: never a second order.
// A database outage pauses the run (DatabaseOutage): chunks are read and
// recorded again, and Jodo's answers written, once it is back; an answer that
// still cannot be written is counted as unrecorded and fails the run. A Pay
// Order whose answer was lost is released (CollectService::lose_answer) and
// its invoice collected again in a later round.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <mutex>
#include <thread>

#include "jodo/collect/CollectService.hpp"
#include "jodo/core/Channel.hpp"
#include "jodo/core/CrashPoint.hpp"
#include "jodo/erp/InvoiceReader.hpp"

namespace jodo {

using erp_plugin::ActionResult;
using erp_plugin::Status;
using erp_plugin::StatusCode;

namespace {
// Outcomes written per transaction, or whatever finished within the wait.
constexpr std::size_t kOutcomeBatch = 64;
constexpr auto kOutcomeWait = std::chrono::milliseconds(50);
// Sessions reading invoices and writing outcomes on PostgreSQL and MariaDB.
constexpr std::size_t kServerLanes = 2;
// A first try and two more for invoices whose Pay Order answer was lost.
constexpr int kRounds = 3;

}  // namespace

ActionResult CollectService::collect_all(const erp_plugin::Fields& filters,
                                         JobProgressReporter::Sink progress) {
    std::vector<std::string> invoices;
    try {
        auto session = db_.session();
        // "job" names the run for the host's progress reports, not a filter.
        erp_plugin::Fields invoice_filters;
        for (const auto& field : filters)
            if (field.first != "job")
                invoice_filters.push_back(field);
        invoices = InvoiceReader(session, mapping_).open_invoices(invoice_filters);
    } catch (const ErpMappingError& e) {
        ActionResult refused;
        refused.status = Status::error(StatusCode::config, e.what());
        return refused;
    }
    std::atomic<int> created{0}, existing{0}, refused{0}, errors{0}, unavailable_in_a_row{0};
    // Answers Jodo gave that could not be written (the outage outlasted the
    // wait, or the row refused them); Pay Orders released after a lost answer.
    std::atomic<int> unrecorded{0};
    std::mutex lost_mutex;
    std::vector<std::string> lost;
    // Creates handed to the senders, and outcomes the writers are done with.
    std::atomic<std::size_t> queued{0}, drained{0};
    std::atomic<bool> jodo_down{false};
    JobProgressReporter reporter(std::move(progress));
    auto snapshot = [&] {
        erp_plugin::JobProgress p;
        p.action = "collect_all";
        if (const auto* job = erp_plugin::find_field(filters, "job"))
            p.job = *job;
        p.total = invoices.size();
        p.done = std::uint64_t(created + existing + refused + errors);
        p.counts = {{"created", std::to_string(created)},
                    {"already_collected", std::to_string(existing)},
                    {"refused", std::to_string(refused)},
                    {"errors", std::to_string(errors)}};
        return p;
    };
    auto count = [&](Outcome o) {
        switch (o) {
            case Outcome::created:
                ++created;
                break;
            case Outcome::existing:
                ++existing;
                break;
            case Outcome::refused:
                ++refused;
                break;
            case Outcome::failed:
                ++errors;
                break;
        }
    };

    struct Pending {
        Collection intent;
        Invoice invoice;
    };
    struct Finished {
        Sent sent;
        bool was_sent = true;  // false: Jodo was down, the request never went out
    };
    // Invoices are read, and outcomes written, on this many sessions at once:
    // a round trip to a database server waits mostly on the network, but
    // SQLite has one writer at a time.
    const std::size_t lanes = db_.dialect() == erp_sql::Dialect::sqlite ? 1 : kServerLanes;
    // Invoices read, validated and recorded per transaction.
    const std::size_t chunk_size = std::size_t(std::max(1, settings_.bulk_chunk_size));
    const std::size_t senders = std::max<std::size_t>(
        1, std::min<std::size_t>(std::size_t(std::max(1, settings_.bulk_concurrency)),
                                 invoices.size()));
    // The reader runs at most two chunks ahead of the requests, so an intent
    // waits well under the reconciler's grace for its request.
    Channel<Pending> to_send(2 * chunk_size);
    Channel<Finished> finished(std::size_t(-1));

    auto send = [&] {
        Pending p;
        while (to_send.pop(p)) {
            Finished f;
            const bool stale =
                p.intent.created_at < clock_.iso_in_seconds(-settings_.bulk_send_within_s);
            if (jodo_down || stale) {
                // Recorded but never sent: no order can exist.
                f.was_sent = !jodo_down;  // a stale one counts as an error
                f.sent.outcome.intent = p.intent;
                f.sent.outcome.kind = CollectionStore::CreateOutcome::Kind::failed;
                f.sent.outcome.error_code = "not_sent";
                f.sent.outcome.reason =
                    jodo_down ? "not sent: the bulk collection stopped because Jodo was "
                                "unavailable; collect it again"
                              : "not sent: it waited too long for a free request slot; collect "
                                "it again";
                f.sent.code = StatusCode::unavailable;
                finished.push(std::move(f));
                continue;
            }
            try {
                f.sent = send_create(p.intent, p.invoice);
            } catch (const std::exception& e) {
                // Whether the request left is not known: never sent again.
                f.sent.outcome.intent = p.intent;
                f.sent.outcome.kind = CollectionStore::CreateOutcome::Kind::unknown;
                f.sent.outcome.reason = std::string("the create failed locally: ") + e.what();
                f.sent.code = StatusCode::internal;
                f.sent.message = e.what();
                log_.warn("bulk collection of invoice " + p.intent.invoice_id + ": " + e.what());
                lose_answer(f.sent);  // a Pay Order nobody got the page of
            }
            // A run of "Jodo is unavailable" answers: stop asking instead of
            // spending the retry budget on every remaining invoice.
            // (A lost answer is not Jodo being down: it is collected again.)
            if (f.sent.code == StatusCode::unavailable &&
                f.sent.outcome.kind != CollectionStore::CreateOutcome::Kind::lost) {
                if (++unavailable_in_a_row >= settings_.bulk_stop_after_unavailable)
                    jodo_down = true;
            } else {
                unavailable_in_a_row = 0;
            }
            crash_point("bulk.mid_creates");
            finished.push(std::move(f));
        }
    };

    auto write = [&] {
        for (;;) {
            std::vector<Finished> batch = finished.pop_batch(kOutcomeBatch, kOutcomeWait);
            if (batch.empty())
                return;
            std::vector<CollectionStore::CreateOutcome> outcomes;
            for (const auto& f : batch)
                outcomes.push_back(f.sent.outcome);
            std::vector<bool> written(batch.size(), false);
            try {
                for (const auto& released :
                     outage_.run([&] { return store_.finish_many(outcomes); }))
                    sync_.flag_second_order(released);
                written.assign(batch.size(), true);
            } catch (const std::exception& e) {
                // The database answers again but refused the batch: one bad
                // row must not cost the others their outcome, so each on its
                // own. Still out of reach after the wait: none is written.
                log_.warn(std::string("bulk collection: writing outcomes: ") + e.what());
                for (std::size_t i = 0; i < batch.size() && db_.reachable(); ++i) {
                    try {
                        store_.finish(outcomes[i]);
                        written[i] = true;
                    } catch (const std::exception& one) {
                        log_.warn("bulk collection of invoice " + outcomes[i].intent.invoice_id +
                                  ": outcome not written: " + one.what());
                    }
                }
            }
            crash_point("bulk.after_outcomes");
            for (std::size_t i = 0; i < batch.size(); ++i) {
                const Finished& f = batch[i];
                const auto kind = f.sent.outcome.kind;
                if (!written[i]) {
                    // Left 'creating': the reconciler releases a Pay Order,
                    // and the log names the order for whoever looks.
                    ++unrecorded;
                    log_.error("bulk collection: " + unrecorded_message(f.sent));
                } else if (!f.was_sent) {
                    // Jodo was down: recorded as not sent, counted as not attempted.
                } else if (kind == CollectionStore::CreateOutcome::Kind::lost) {
                    std::lock_guard<std::mutex> lock(lost_mutex);
                    lost.push_back(f.sent.outcome.intent.invoice_id);
                } else {
                    count(kind == CollectionStore::CreateOutcome::Kind::created
                              ? Outcome::created
                              : outcome_of(f.sent.code));
                }
            }
            drained += batch.size();
            reporter.maybe_report(snapshot);
        }
    };

    std::vector<std::thread> pool, writers;
    for (std::size_t t = 0; t < senders; ++t)
        pool.emplace_back(send);
    for (std::size_t t = 0; t < lanes; ++t)
        writers.emplace_back(write);

    // One chunk read, validated and its intents recorded, as one unit that
    // can run again after an outage: nothing of it is counted or sent until
    // it is recorded. Returns the recorded intents to send.
    auto record_chunk = [&](const std::vector<std::string>& chunk) {
        std::vector<Outcome> decided;  // without asking Jodo
        int failed_reads = 0;
        std::mutex decided_mutex;
        std::exception_ptr outage;
        const auto active = store_.active_for_many(chunk);
        std::vector<std::optional<Pending>> slots(chunk.size());
        auto load = [&](std::size_t lane) {
            std::optional<Poco::Data::Session> session;
            for (std::size_t i = lane; i < chunk.size(); i += lanes) {
                const std::string& invoice_id = chunk[i];
                const auto it = active.find(invoice_id);
                // Another process (a second bulk run, an accountant's click)
                // is creating this invoice's order right now: it holds the
                // invoice, nothing went wrong here.
                if (it != active.end() && it->second.status == CollectionStatus::creating) {
                    std::lock_guard<std::mutex> lock(decided_mutex);
                    decided.push_back(Outcome::existing);
                    continue;
                }
                try {
                    if (!session)
                        session.emplace(db_.session());
                    Prepared p = prepare_collection(
                        *session, invoice_id, CollectionKind::pay_order,
                        it == active.end() ? std::nullopt : std::optional<Collection>(it->second));
                    std::lock_guard<std::mutex> lock(decided_mutex);
                    if (p.done)
                        decided.push_back(p.done->outcome);
                    else
                        slots[i] = Pending{std::move(p.draft), std::move(p.invoice)};
                } catch (const std::exception& e) {
                    std::lock_guard<std::mutex> lock(decided_mutex);
                    if (!db_.reachable()) {
                        outage = std::current_exception();  // the chunk runs again
                        return;
                    }
                    ++failed_reads;
                    log_.warn("bulk collection of invoice " + invoice_id + ": " + e.what());
                }
            }
        };
        std::vector<std::thread> loaders;
        for (std::size_t lane = 1; lane < lanes; ++lane)
            loaders.emplace_back(load, lane);
        load(0);
        for (auto& t : loaders)
            t.join();
        if (outage)
            std::rethrow_exception(outage);
        std::vector<Pending> ready;
        for (auto& slot : slots)
            if (slot)
                ready.push_back(std::move(*slot));
        std::vector<Collection> drafts;
        for (const auto& p : ready)
            drafts.push_back(p.intent);
        std::vector<bool> started = record_intents(drafts);
        crash_point("bulk.after_intents");
        for (const Outcome o : decided)
            count(o);
        errors += failed_reads;
        std::vector<Pending> to_go;
        for (std::size_t i = 0; i < ready.size(); ++i) {
            if (!started[i]) {
                ++existing;  // another process or accountant holds the invoice
                continue;
            }
            ready[i].intent = std::move(drafts[i]);
            to_go.push_back(std::move(ready[i]));
        }
        return to_go;
    };

    std::vector<std::string> round = invoices;
    for (int r = 0; r < kRounds && !round.empty() && !jodo_down; ++r) {
        if (r > 0)
            log_.info("bulk collection: collecting again " + std::to_string(round.size()) +
                      " invoices whose Pay Order answer was lost");
        for (std::size_t first = 0; first < round.size() && !jodo_down; first += chunk_size) {
            const std::vector<std::string> chunk(
                round.begin() + long(first),
                round.begin() + long(std::min(round.size(), first + chunk_size)));
            try {
                for (auto& p : outage_.run([&] { return record_chunk(chunk); })) {
                    ++queued;
                    to_send.push(std::move(p));
                }
            } catch (const std::exception& e) {
                // Nothing of this chunk was recorded, so nothing of it was sent.
                errors += int(chunk.size());
                log_.warn("bulk collection: invoices " + chunk.front() + " to " + chunk.back() +
                          ": " + e.what());
            }
            reporter.maybe_report(snapshot);
        }
        // Every outcome of this round written before its lost answers are known.
        while (drained < queued)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        std::lock_guard<std::mutex> lock(lost_mutex);
        round.swap(lost);
        lost.clear();
    }
    to_send.close();
    for (auto& t : pool)
        t.join();
    finished.close();
    for (auto& t : writers)
        t.join();

    // Lost in the last round too: released, collectable by the next run.
    const int released = int(round.size());
    const int handled = created + existing + refused + errors + unrecorded + released;
    reporter.finish(snapshot());
    ActionResult result;
    result.outputs = {{"invoices", std::to_string(invoices.size())},
                      {"created", std::to_string(created)},
                      {"already_collected", std::to_string(existing)},
                      {"refused", std::to_string(refused)},
                      {"errors", std::to_string(errors)},
                      {"unrecorded", std::to_string(unrecorded)},
                      {"released_after_lost_answer", std::to_string(released)},
                      {"not_attempted", std::to_string(invoices.size() - std::size_t(handled))}};
    if (unrecorded > 0) {
        result.status = Status::error(
            StatusCode::outcome_unknown,
            std::to_string(unrecorded) +
                " orders Jodo answered could not be written to the database within "
                "jodo.db_outage_wait_s; the log names each order. No invoice is collected twice: "
                "the reconciler releases them, and a Jodo event for one is recorded and flagged.");
        log_.error(result.status.message);
        return result;
    }
    if (jodo_down) {
        result.status = Status::error(
            StatusCode::unavailable,
            "Jodo did not answer " + std::to_string(settings_.bulk_stop_after_unavailable) +
                " invoices in a row; stopped after " + std::to_string(handled) + " of " +
                std::to_string(invoices.size()) +
                ". Nothing was collected twice: run the bulk collection again when Jodo is back.");
        log_.warn(result.status.message);
    }
    return result;
}

}  // namespace jodo
