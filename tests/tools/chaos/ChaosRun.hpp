// jodo-chaos: many invoices through the real plugin while Jodo (the
// in-process sandbox) misbehaves, webhooks are duplicated, dropped and
// reordered, and collect workers die mid-run; then the InvariantChecker proves
// from the database that nothing was lost.
//
// The run, in order:
//  1. A fresh ERP database (SQLite file in the workdir; on PostgreSQL a scratch
//     database created next to the one --db names, dropped after a clean run)
//     with N invoices CHAOS-0001... of 1-4 lines, amounts with paise, about 4%
//     invalid (no phone, bad phone, no email).
//  2. The sandbox starts with chaos faults at --fault-rate on every /api/
//     request, uniformly over all seven kinds (status_429/500/502/503, slow
//     1200 ms against the plugin's 800 ms read timeout, drop_before,
//     drop_after_commit), and webhook chaos (15% each of duplicate, drop,
//     reorder, plus up to 150 ms extra delay).
//  3. An in-process host (the webhook endpoint, the plugin's webhook worker and
//     reconciler) serves from the start.
//  4. Three `jodo-chaos worker` processes run collect_all (its batch
//     pipeline, in chunks of 16 so their batches interleave) at once against
//     the same database. One runs with JODO_CRASH_AT=collect.after_create and
//     SIGKILLs itself right after Jodo created its first order (before the
//     order id is written); another is SIGKILLed by the run once a third of
//     the orders exist. A fourth worker, the operator re-running the job, then
//     collects what is left. Still under chaos.
//  5. About 70% of the orders Jodo holds are paid at Jodo and half of those
//     settled; webhooks flow, under chaos, to the in-process endpoint.
//  6. Jodo recovers (faults off); the reconciler runs until a pass changes
//     nothing (the host's clock is moved forward so every open collection is
//     due).
//  7. The InvariantChecker runs; the figures are printed.
// The pieces are in chaos/ChaosParts.hpp (invoices, databases, the recording
// endpoint), chaos/ChaosWorker.cpp (the worker processes) and chaos/ChaosReport.cpp.
#pragma once

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include "chaos/InvariantChecker.hpp"
#include "host_sim/cli/HostCommands.hpp"

namespace chaos {

struct ChaosOptions {
    int invoices = 500;
    double fault_rate = 0.15;
    double webhook_chaos = 0.15;    // duplicate, drop and reorder probability each
    std::string connection_string;  // empty = SQLite file in workdir
    std::filesystem::path workdir = "chaos-run";
    std::uint64_t seed = 1;
    std::filesystem::path plugin_dir;     // default: ../plugins next to the executable
    std::filesystem::path worker_binary;  // jodo-chaos, runs the worker processes
};

struct ChaosReport {
    std::string database;  // what ran: "sqlite <file>" / "postgresql <scratch db>"
    int invoices = 0;
    int invalid_invoices = 0;
    std::size_t orders_created = 0;  // at Jodo (sandbox create_count)
    std::size_t api_requests = 0;
    std::map<std::string, std::size_t> faults;  // injected, per kind
    std::size_t faults_total = 0;
    long client_attempts = 0;  // over every plugin instance that reported
    long client_retries = 0;
    int processes_started = 0;
    int processes_killed = 0;
    std::vector<std::string> process_notes;
    int orders_paid = 0;  // by the run, at Jodo
    int orders_settled = 0;
    std::size_t webhooks_emitted = 0;    // events (a duplicate counts once)
    std::size_t webhooks_delivered = 0;  // events that got a 2xx
    std::size_t webhooks_duplicated = 0;
    std::size_t webhooks_dropped = 0;
    std::size_t webhooks_reordered = 0;  // arrived after an event emitted later
    std::size_t webhook_requests = 0;    // HTTP requests the endpoint received
    int reconcile_passes = 0;
    double seconds = 0;
    InvariantReport invariants;

    bool ok() const { return invariants.ok() && invariants.lost == 0; }
};

// Runs everything above; progress lines go to `progress`. Throws when the run
// itself cannot be set up (no plugin, no database).
ChaosReport run_chaos(const ChaosOptions& options, std::ostream& progress);
std::string format_chaos_report(const ChaosReport& report);

// `jodo-chaos`: run_chaos and the figures; 0 only when every invariant holds.
int command_chaos(const ChaosOptions& options, std::ostream& out);

// `jodo-chaos worker --config FILE`: one collect job (collect_all), then
// this process's Jodo client figures (the plugin's `stats` action).
int command_chaos_worker(const host_sim::HostConfig& config, std::ostream& out);

}  // namespace chaos
