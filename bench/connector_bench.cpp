// Prints how fast the connector is, measured against what the same Jodo
// sandbox gives a one-request-at-a-time client in the same run (three
// baselines: the sequential stdlib-Python script doing a connector's
// durable work around each create, which the targets are judged against; the
// same script as a bare client; and a stricter C++ loop), with the targets of
// issue 10 beside each figure. Real parts
// throughout: the built module loaded by the host, the ERP database through
// its ODBC driver on a real disk with fsync on, the sandbox over HTTP on
// 127.0.0.1 with an injected latency per request. docs/benchmarks.md says
// what each figure means.
#include <iostream>
#include <optional>
#include <thread>

#include <boost/dll/runtime_symbol_info.hpp>

#include "BenchOptions.hpp"
#include "ConnectorRig.hpp"
#include "Disk.hpp"
#include "JodoLoad.hpp"
#include "PythonBaseline.hpp"
#include "Report.hpp"
#include "SandboxProcess.hpp"
#include "erp_sql/OpenOdbcSession.hpp"
#include "host_sim/cli/LifecycleDemo.hpp"
#include "host_sim/sandbox/JodoSandbox.hpp"

namespace {

using namespace bench;

struct Run {
    BenchOptions options;
    JodoEndpoint jodo;
    jodo::sandbox::JodoSandbox* sandbox = nullptr;
    std::filesystem::path plugins;
    std::filesystem::path programs;  // where connector-bench and jodo-sandbox are
    double baseline_durable = 0;     // creates/s of the script with --durable-db; 0: not measured
    double baseline_python = 0;      // creates/s of the sequential script; 0: not measured
    double baseline_cpp = 0;         // creates/s of the C++ one-at-a-time loop
};

// The ratio to every baseline, the first.
std::string ratio(const Run& run, double rate) {
    const auto times = [rate](double baseline, const char* name) {
        return baseline > 0 ? fixed(rate / baseline, 2) + "x " + name
                            : std::string(name) + " not measured";
    };
    return times(run.baseline_durable, "the durable script") + ", " +
           times(run.baseline_python, "the bare Python client") + ", " +
           times(run.baseline_cpp, "the C++ loop");
}

// Judged against the baseline, the sequential Python script doing a
// connector's durable work (docs/benchmarks.md, "Which baseline"); against
// the bare script or the C++ loop only when that could not be run.
Verdict collect_target(const Run& run, double rate) {
    double baseline = run.baseline_cpp;
    std::string against = "the C++ loop (Python baselines skipped)";
    if (run.baseline_durable > 0) {
        baseline = run.baseline_durable;
        against = "the sequential durable Python script";
    } else if (run.baseline_python > 0) {
        baseline = run.baseline_python;
        against = "the bare Python client (durable script skipped)";
    }
    const double times = baseline > 0 ? rate / baseline : 0;
    if (run.options.latency_ms >= 50)
        return {"10,000 in <= 20 s (>= 500/s) and >= 25x " + against + ", at 50 ms",
                rate >= 500 && times >= 25};
    if (run.options.latency_ms == 0)
        return {">= 1,000/s and >= 3x " + against + ", at 0 ms", rate >= 1000 && times >= 3};
    return {};
}

// One reconciliation of `rows` due collections, with this process's peak
// memory during it.
struct BacklogRun {
    std::size_t rows = 0;
    Timed timed;
    long start_kib = 0;  // RSS as the run starts
    long peak_kib = 0;   // the process's peak during the run
    bool peak_reset = false;
};

constexpr std::size_t kSetupChunk = 5000;

BacklogRun reconcile_backlog(const Run& run, ConnectorRig& rig, std::size_t rows) {
    BacklogRun out;
    out.rows = rows;
    {
        // The orders live in a sandbox process of its own, so this process's
        // peak is the connector's (and the host's).
        SandboxProcess jodo(run.programs / "jodo-sandbox", run.options.latency_ms);
        rig.use_jodo(jodo.endpoint());
        rig.park_collections();  // what ran before is not due now
        // A chunk at a time, so what this driver allocates to set the run up
        // stays small beside what the connector uses during it.
        for (std::size_t made = 0; made < rows; made += kSetupChunk) {
            const auto orders = create_orders(jodo.endpoint(), std::min(kSetupChunk, rows - made),
                                              run.options.clients, "100.00");
            rig.add_due_collections(orders, "100.00");
        }
        out.peak_reset = reset_peak_rss();
        out.start_kib = rss_kib();
        out.timed = rig.reconcile_until_done();
        out.peak_kib = peak_rss_kib();
        rig.use_jodo(run.jodo);
    }
    return out;
}

void print_backlog(const std::string& name, const BacklogRun& r, int latency_ms) {
    print_figure("reconcile_run_" + name,
                 "reconcile " + std::to_string(r.rows) + " due collections",
                 fixed(r.timed.seconds, 1) + " s, " + fixed(r.timed.per_second(), 1) + " rows/s, " +
                     std::to_string(r.timed.failures) + " errors; peak RSS " +
                     std::to_string(r.peak_kib / 1024) + " MiB" +
                     (r.peak_reset ? " (VmHWM reset before)" : " (VmHWM of the whole run)") + ", " +
                     std::to_string((r.peak_kib - r.start_kib) / 1024) +
                     " MiB more than at its start; Jodo: a sandbox process of its own",
                 latency_ms >= 50 && r.rows >= 100000
                     ? Verdict{"100,000 in <= 300 s, at 50 ms", r.timed.seconds <= 300}
                     : Verdict{});
}

// The figures of one database; `name` is "sqlite" or "postgresql".
bool measure_database(const Run& run, const std::string& name, const std::string& connection,
                      bool fsync_expected) {
    ConnectorRig rig(connection, run.jodo, run.plugins);
    const std::string durability = rig.durability();
    std::cout << "database " << name << ": " << durability << "\n";
    const bool durable = durability.find("fsync=off") == std::string::npos &&
                         durability.find("synchronous=OFF") == std::string::npos;
    const std::string not_durable =
        durable || !fsync_expected ? "" : " (fsync OFF: not comparable)";

    const double start_ms = rig.restart();
    if (name == "postgresql")
        print_figure("start_" + name, "plugin start on a migrated database",
                     fixed(start_ms, 1) + " ms" + not_durable,
                     {"<= 20 ms on PostgreSQL", durable && start_ms <= 20});
    else
        print_figure("start_" + name, "plugin start on a migrated database",
                     fixed(start_ms, 1) + " ms");

    rig.add_invoices(run.options.invoices);
    const Timed collected = rig.collect_all();
    const double rate = collected.per_second();
    Verdict verdict = collect_target(run, rate);
    verdict.met = verdict.met && durable;
    print_figure(
        "collect_" + name, "collect_all, " + std::to_string(run.options.invoices) + " invoices",
        fixed(rate, 1) + " invoices/s (" + std::to_string(collected.count) + " created in " +
            fixed(collected.seconds, 2) + " s, " + std::to_string(collected.failures) + " not), " +
            ratio(run, rate) + ", 10,000 would take " + fixed(rate > 0 ? 10000 / rate : 0, 0) +
            " s" + not_durable,
        verdict);

    rig.make_collections_due();
    const Timed checked = rig.reconcile_until_done(run.options.reconcile_s);
    const double check_rate = checked.per_second();
    print_figure("reconcile_" + name, "reconcile, every due collection",
                 fixed(check_rate, 1) + " rows/s (" + std::to_string(checked.count) + " in " +
                     fixed(checked.seconds, 2) + " s" +
                     (checked.stopped_early ? ", stopped at the --reconcile-s limit" : "") + ", " +
                     std::to_string(checked.failures) + " errors), 100,000 would take " +
                     fixed(check_rate > 0 ? 100000 / check_rate : 0, 0) + " s",
                 run.options.latency_ms >= 50
                     ? Verdict{"100,000 in <= 300 s (>= 334/s), at 50 ms", check_rate >= 334}
                     : Verdict{});

    const Timed ingested = rig.ingest_webhooks(run.options.events, run.options.clients);
    const double target = name == "postgresql" ? 2000 : 1500;
    print_figure("webhooks_" + name,
                 "webhook ingest, " + std::to_string(run.options.events) + " deliveries from " +
                     std::to_string(run.options.clients) + " senders",
                 fixed(ingested.per_second(), 0) + " events/s verified and committed (" +
                     std::to_string(ingested.failures) + " not 200)" + not_durable,
                 {">= " + fixed(target, 0) + "/s", durable && ingested.per_second() >= target});

    bool ok =
        collected.count == static_cast<std::size_t>(run.options.invoices) && ingested.failures == 0;
    if (run.options.reconcile > 0) {
        const auto n = static_cast<std::size_t>(run.options.reconcile);
        // The same run at a tenth of the size first: the connector's memory
        // must not grow with the backlog.
        std::optional<BacklogRun> tenth;
        if (n >= 1000) {
            tenth = reconcile_backlog(run, rig, n / 10);
            print_backlog(name, *tenth, run.options.latency_ms);
        }
        const BacklogRun full = reconcile_backlog(run, rig, n);
        print_backlog(name, full, run.options.latency_ms);
        if (tenth) {
            const double growth = tenth->peak_kib > 0 ? double(full.peak_kib) / tenth->peak_kib : 0;
            print_figure(
                "reconcile_memory_" + name,
                "connector's peak RSS, " + std::to_string(full.rows) + " vs " +
                    std::to_string(tenth->rows) + " due collections",
                std::to_string(full.peak_kib / 1024) + " MiB vs " +
                    std::to_string(tenth->peak_kib / 1024) + " MiB (" +
                    fixed(100 * (growth - 1), 1) +
                    "% more; the connector's process, Jodo's sandbox in another)",
                n >= 100000 ? Verdict{"within 10% of the 10,000 case", growth > 0 && growth <= 1.10}
                            : Verdict{});
        } else {
            print_skipped("reconcile_memory_" + name, "connector's peak RSS",
                          "--reconcile below 1000 (no tenth-size run to compare with)");
        }
        ok = ok && full.timed.count >= n && (!tenth || tenth->timed.count >= tenth->rows);
    }
    return ok;
}

// One Python baseline's figure line; its rate, or 0 when it was skipped.
double print_baseline(const std::string& name, const std::string& what,
                      const PythonBaseline& baseline, const std::string& if_skipped) {
    if (!baseline.measured()) {
        print_skipped(name, what, baseline.skipped + "; " + if_skipped);
        return 0;
    }
    const LoadResult& load = baseline.load;
    print_figure(name, what,
                 fixed(load.per_second(), 1) + " creates/s (" + std::to_string(load.creates) +
                     " in " + fixed(load.seconds, 2) + " s, " + std::to_string(load.failures) +
                     " failed)");
    return load.per_second();
}

}  // namespace

int main(int argc, char** argv) {
    Run run;
    std::filesystem::path workdir;
    try {
        run.options = parse_options(argc, argv);
        workdir = disk_workdir(run.options.workdir);
    } catch (const std::exception& e) {
        std::cerr << "connector-bench: " << e.what() << "\n" << usage();
        return 2;
    }
    erp_sql::register_odbc_connector();
    run.programs = std::filesystem::path(boost::dll::program_location().string()).parent_path();
    run.plugins = run.programs.parent_path() / "plugins";

    jodo::sandbox::SandboxOptions sandbox_options;
    jodo::sandbox::JodoSandbox sandbox(sandbox_options);
    sandbox.start();
    sandbox.set_latency_ms(run.options.latency_ms);
    run.sandbox = &sandbox;
    run.jodo = {sandbox.base_url(), sandbox_options.api_key, sandbox_options.api_secret};

    std::cout << "connector-bench: Jodo sandbox on " << sandbox.base_url() << " with "
              << run.options.latency_ms << " ms injected latency per request; "
              << std::thread::hardware_concurrency() << " cores; databases in " << workdir.string()
              << " (" << file_system_of(workdir) << ")\n";

    const std::filesystem::path script = run.options.python_baseline.empty()
                                             ? default_python_baseline()
                                             : std::filesystem::path(run.options.python_baseline);
    const PythonBaseline durable = run_python_baseline(script, run.jodo, run.options.baseline_s,
                                                       20000, workdir / "baseline-durable.db");
    run.baseline_durable = print_baseline(
        "baseline_durable",
        "issue's baseline: sequential stdlib-Python script, intent and outcome committed (SQLite, "
        "fsync)",
        durable, "targets judged against the bare client");
    run.baseline_python =
        print_baseline("baseline_python", "the same script as a bare client, no database",
                       run_python_baseline(script, run.jodo, run.options.baseline_s, 100000),
                       "targets judged against the C++ loop");
    const LoadResult baseline = sequential_creates(run.jodo, 100000, run.options.baseline_s);
    run.baseline_cpp = baseline.per_second();
    print_figure("baseline", "C++ loop, one at a time, fresh connection each",
                 fixed(run.baseline_cpp, 1) + " creates/s (" + std::to_string(baseline.creates) +
                     " in " + fixed(baseline.seconds, 2) + " s)");
    const LoadResult raw = concurrent_creates(run.jodo, run.options.clients, 2.0);
    print_figure("raw_capacity",
                 "sandbox alone, " + std::to_string(run.options.clients) + " kept-alive clients",
                 fixed(raw.per_second(), 1) + " creates/s, " + ratio(run, raw.per_second()));

    bool ok = true;
    try {
        // The SQLite3 ODBC driver sets synchronous=NORMAL unless told
        // otherwise; SQLite's own default, FULL, syncs the journal on every
        // commit.
        const std::string sqlite =
            host_sim::sqlite_connection_string(workdir / "erp-sqlite.db") + "SyncPragma=FULL;";
        ok = measure_database(run, "sqlite", sqlite, true) && ok;
    } catch (const std::exception& e) {
        std::cerr << "connector-bench: SQLite: " << e.what() << "\n";
        ok = false;
    }
    const char* pg_lines[] = {"start_postgresql", "collect_postgresql", "reconcile_postgresql",
                              "webhooks_postgresql"};
    if (run.options.pg.empty()) {
        for (const char* line : pg_lines)
            print_skipped(line, "PostgreSQL", "no --pg and no JODO_TEST_PG_CONNECTION");
        if (run.options.reconcile > 0)
            for (const char* line : {"reconcile_run_postgresql", "reconcile_memory_postgresql"})
                print_skipped(line, "PostgreSQL", "no --pg and no JODO_TEST_PG_CONNECTION");
    } else {
        try {
            ScratchPostgres pg(run.options.pg);
            ok = measure_database(run, "postgresql", pg.connection(), true) && ok;
        } catch (const std::exception& e) {
            std::cerr << "connector-bench: PostgreSQL: " << e.what() << "\n";
            ok = false;
        }
    }
    std::cout << "Jodo requests made: " << sandbox.api_request_count()
              << ", orders created: " << sandbox.create_count() << "\n";
    return ok ? 0 : 1;
}
