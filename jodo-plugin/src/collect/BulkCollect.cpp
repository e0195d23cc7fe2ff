// collect_all: many invoices with a bounded number of Jodo requests in flight.
// Each invoice goes through start_collection, whose guarantees (intent
// committed before the request, one active collection per invoice, a lost
// answer is 'unknown') hold for any number of concurrent callers: eight
// threads and three processes on one invoice make one order (tests/scaleout).
#include <algorithm>
#include <atomic>
#include <thread>

#include "collect/CollectService.hpp"
#include "erp/InvoiceReader.hpp"

namespace jodo {

using erp_plugin::ActionResult;
using erp_plugin::Status;
using erp_plugin::StatusCode;

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
    std::atomic<std::size_t> next{0};
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
    auto work = [&] {
        for (std::size_t i = next++; i < invoices.size() && !jodo_down; i = next++) {
            try {
                const Started s = start_collection(invoices[i], kind::pay_order);
                // A run of "Jodo is unavailable" answers: stop asking instead
                // of spending the retry budget on every remaining invoice.
                if (s.result.status.code == StatusCode::unavailable) {
                    if (++unavailable_in_a_row >= settings_.bulk_stop_after_unavailable)
                        jodo_down = true;
                } else {
                    unavailable_in_a_row = 0;
                }
                switch (s.outcome) {
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
            } catch (const std::exception& e) {
                ++errors;
                log_.warn("bulk collection of invoice " + invoices[i] + ": " + e.what());
            }
            reporter.maybe_report(snapshot);
        }
    };
    const std::size_t threads =
        std::min<std::size_t>(std::max(1, settings_.bulk_concurrency), invoices.size());
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < threads; ++t)
        pool.emplace_back(work);
    work();
    for (auto& t : pool)
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
