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
// process killed anywhere leaves 'creating' intents (the reconciler makes them
// 'unknown' after the grace) or written outcomes: never a second order.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

#include "collect/Channel.hpp"
#include "collect/CollectService.hpp"
#include "erp/InvoiceReader.hpp"
#include "plugin/CrashPoint.hpp"

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
            }
            // A run of "Jodo is unavailable" answers: stop asking instead of
            // spending the retry budget on every remaining invoice.
            if (f.sent.code == StatusCode::unavailable) {
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
            try {
                for (const auto& released : store_.finish_many(outcomes))
                    flag_second_order(released);
            } catch (const std::exception& e) {
                // One bad row must not cost the others their outcome: each on
                // its own; what still fails stays 'creating' for the reconciler.
                log_.warn(std::string("bulk collection: writing outcomes: ") + e.what());
                for (const auto& o : outcomes) {
                    try {
                        store_.finish(o);
                    } catch (const std::exception& one) {
                        log_.warn("bulk collection of invoice " + o.intent.invoice_id +
                                  ": outcome not written: " + one.what());
                    }
                }
            }
            crash_point("bulk.after_outcomes");
            for (const auto& f : batch) {
                if (!f.was_sent)
                    continue;
                count(f.sent.outcome.kind == CollectionStore::CreateOutcome::Kind::created
                          ? Outcome::created
                          : outcome_of(f.sent.code));
            }
            reporter.maybe_report(snapshot);
        }
    };

    std::vector<std::thread> pool, writers;
    for (std::size_t t = 0; t < senders; ++t)
        pool.emplace_back(send);
    for (std::size_t t = 0; t < lanes; ++t)
        writers.emplace_back(write);

    for (std::size_t first = 0; first < invoices.size() && !jodo_down; first += chunk_size) {
        const std::vector<std::string> chunk(
            invoices.begin() + long(first),
            invoices.begin() + long(std::min(invoices.size(), first + chunk_size)));
        std::vector<Pending> ready;
        try {
            const auto active = store_.active_for_many(chunk);
            std::vector<std::optional<Pending>> slots(chunk.size());
            auto load = [&](std::size_t lane) {
                std::optional<Poco::Data::Session> session;
                for (std::size_t i = lane; i < chunk.size(); i += lanes) {
                    const std::string& invoice_id = chunk[i];
                    try {
                        if (!session)
                            session.emplace(db_.session());
                        const auto it = active.find(invoice_id);
                        // Another process (a second bulk run, an accountant's
                        // click) is creating this invoice's order right now:
                        // it holds the invoice, nothing went wrong here.
                        if (it != active.end() && it->second.status == status::creating) {
                            ++existing;
                            continue;
                        }
                        Prepared p = prepare_collection(
                            *session, invoice_id, kind::pay_order,
                            it == active.end() ? std::nullopt
                                               : std::optional<Collection>(it->second));
                        if (p.done)
                            count(p.done->outcome);
                        else
                            slots[i] = Pending{std::move(p.draft), std::move(p.invoice)};
                    } catch (const std::exception& e) {
                        ++errors;
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
            for (auto& slot : slots)
                if (slot)
                    ready.push_back(std::move(*slot));
            std::vector<Collection> drafts;
            for (const auto& p : ready)
                drafts.push_back(p.intent);
            if (jodo_down)
                break;  // nothing of this chunk recorded: not attempted
            std::vector<bool> started;
            try {
                started = store_.begin_many(drafts);
            } catch (const std::exception& e) {
                // Two processes inserting the same invoices in another order
                // can deadlock on a server; the loser's transaction is rolled
                // back whole, so once more with new ids.
                log_.warn(std::string("bulk collection: recording intents, once more: ") +
                          e.what());
                started = store_.begin_many(drafts);
            }
            crash_point("bulk.after_intents");
            for (std::size_t i = 0; i < ready.size(); ++i) {
                if (!started[i]) {
                    ++existing;  // another process or accountant holds the invoice
                    continue;
                }
                ready[i].intent = std::move(drafts[i]);
                to_send.push(std::move(ready[i]));
            }
        } catch (const std::exception& e) {
            // Nothing of this chunk was recorded, so nothing of it was sent.
            errors += int(ready.size());
            log_.warn("bulk collection: invoices " + chunk.front() + " to " + chunk.back() + ": " +
                      e.what());
        }
        reporter.maybe_report(snapshot);
    }
    to_send.close();
    for (auto& t : pool)
        t.join();
    finished.close();
    for (auto& t : writers)
        t.join();

    const int handled = created + existing + refused + errors;
    reporter.finish(snapshot());
    ActionResult result;
    result.outputs = {{"invoices", std::to_string(invoices.size())},
                      {"created", std::to_string(created)},
                      {"already_collected", std::to_string(existing)},
                      {"refused", std::to_string(refused)},
                      {"errors", std::to_string(errors)},
                      {"not_attempted", std::to_string(invoices.size() - std::size_t(handled))}};
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
