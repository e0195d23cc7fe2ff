#include "chaos/ChaosRun.hpp"
#include "chaos/ChaosParts.hpp"

#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iomanip>
#include <ostream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <Poco/Data/Session.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/spdlog.h>

#include "erp_sql/Dialect.hpp"
#include "erp_sql/Transaction.hpp"
#include "host_sim/cli/LifecycleDemo.hpp"
#include "host_sim/erp/ReferenceErp.hpp"
#include "host_sim/host/PluginHost.hpp"
#include "host_sim/host/SimHostServices.hpp"
#include "host_sim/http/PluginHttpServer.hpp"
#include "host_sim/sandbox/JodoSandbox.hpp"
#include "jodo/api/money.hpp"

using namespace Poco::Data::Keywords;

namespace chaos {

using namespace host_sim;
using namespace parts;

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using jodo::sandbox::FaultKind;
using jodo::sandbox::JodoSandbox;

const char* kApiKey = "chaos_key";
const char* kApiSecret = "chaos_secret";
const char* kWebhookSecret = "chaos_webhook_secret";

// ---------------------------------------------------------------- the run

std::map<std::string, std::string> plugin_settings(const std::string& base_url) {
    return {
        {"jodo.base_url", base_url},
        {"jodo.api_key", kApiKey},
        {"jodo.api_secret", kApiSecret},
        {"jodo.connect_timeout_ms", "1000"},
        // Below the sandbox's slow fault (1200 ms) during collection: a create
        // answered that late is an outcome the plugin never learns.
        {"jodo.read_timeout_ms", "800"},
        {"jodo.retry.max_attempts", "4"},
        {"jodo.retry.base_delay_ms", "50"},
        {"jodo.retry.max_delay_ms", "400"},
        {"jodo.retry.max_total_ms", "2000"},
        {"jodo.webhook.secret", kWebhookSecret},
        {"jodo.webhook.worker_interval_ms", "200"},
        {"jodo.reconcile.interval_ms", "1000"},
        // Longer than any create can take with these timeouts (4 attempts,
        // 2 s of waits), so a live request is never taken for a dead one.
        {"jodo.reconcile.first_check_s", "5"},
        {"jodo.reconcile.creating_grace_s", "5"},
        {"jodo.reconcile.max_interval_s", "10"},
        // Chunks much smaller than the run, so the three workers' batches
        // interleave: each records, sends and loses invoices to the others.
        {"jodo.bulk.chunk_size", "16"},
    };
}

void write_config(const fs::path& file, const std::string& connection, const fs::path& plugins,
                  const std::map<std::string, std::string>& settings) {
    std::ofstream out(file);
    out << "; written by jodo-chaos for its worker processes\n[host]\n"
        << "database = " << connection << "\n"
        << "plugins = " << plugins.string() << "\n\n[jodo]\n";
    for (const auto& [key, value] : settings)
        out << key.substr(5) << " = " << value << "\n";
    if (!out)
        throw std::runtime_error("cannot write " + file.string());
}

long output_long(const erp_plugin::ActionResult& r, const std::string& key) {
    const std::string* value = erp_plugin::find_field(r.outputs, key);
    return value ? std::stol(*value) : 0;
}

jodo::sandbox::ChaosFaults api_chaos(double rate, int slow_ms, std::uint64_t seed) {
    jodo::sandbox::ChaosFaults chaos;
    chaos.probability = rate;
    chaos.kinds = {FaultKind::status_429,       FaultKind::status_500, FaultKind::status_502,
                   FaultKind::status_503,       FaultKind::slow,       FaultKind::drop_before,
                   FaultKind::drop_after_commit};
    chaos.slow_ms = slow_ms;
    chaos.seed = seed;
    return chaos;
}

class Stopwatch {
  public:
    double seconds() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

  private:
    Clock::time_point start_ = Clock::now();
};

}  // namespace

ChaosReport run_chaos(const ChaosOptions& options, std::ostream& progress) {
    const Stopwatch clock;
    ChaosReport report;
    auto say = [&](const std::string& text) {
        progress << "[" << std::fixed << std::setprecision(1) << clock.seconds() << " s] " << text
                 << std::endl;
    };
    if (options.invoices < 1)
        throw std::invalid_argument("--invoices must be at least 1");
    if (!(options.fault_rate >= 0 && options.fault_rate <= 1))
        throw std::invalid_argument("--fault-rate must be between 0 and 1");
    if (options.worker_binary.empty() || !fs::exists(options.worker_binary))
        throw std::invalid_argument(
            "the jodo-chaos binary for the worker processes is missing: \"" +
            options.worker_binary.string() + "\"");
    fs::create_directories(options.workdir);
    const fs::path workdir = fs::absolute(options.workdir);

    // 1. A database of our own.
    std::string connection = options.connection_string;
    std::string scratch_db, admin_connection;
    erp_sql::Dialect server_dialect = erp_sql::Dialect::sqlite;
    if (connection.empty()) {
        const fs::path file = workdir / "erp.db";
        for (const char* suffix : {"", "-journal", "-wal", "-shm"})
            fs::remove(file.string() + suffix);
        connection = sqlite_connection_string(file);
        report.database = "sqlite " + file.string();
    } else if (server_dialect = erp_sql::dialect_of(connection);
               server_dialect != erp_sql::Dialect::sqlite) {
        // Never the ERP's own data: a scratch database on the same server.
        std::mt19937_64 rng(std::random_device{}());
        scratch_db = "jodo_chaos_" + std::to_string(options.seed) + "_" +
                     std::to_string(::getpid()) + "_" + std::to_string(rng() % 100000);
        admin_connection = connection;
        run_admin_sql(admin_connection,
                      "CREATE DATABASE " + scratch_db +
                          (server_dialect == erp_sql::Dialect::mariadb
                               ? " DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
                               : ""));
        connection = with_database(connection, scratch_db);
        report.database = std::string(erp_sql::dialect_name(server_dialect)) + " " + scratch_db +
                          " (scratch database, same server as --db)";
    } else {
        report.database = erp_sql::redact_connection_string(connection);
    }
    say("database: " + report.database);

    {
        ReferenceErp erp(connection);
        erp.migrate();
        const GeneratedInvoices generated = generate_invoices(options.invoices, options.seed);
        erp.add_invoices(generated.invoices);
        report.invoices = static_cast<int>(generated.invoices.size());
        report.invalid_invoices = generated.invalid;
    }
    say(std::to_string(report.invoices) + " invoices (" + std::to_string(report.invalid_invoices) +
        " invalid)");

    // 2. Jodo, misbehaving.
    jodo::sandbox::SandboxOptions sandbox_options;
    sandbox_options.api_key = kApiKey;
    sandbox_options.api_secret = kApiSecret;
    JodoSandbox sandbox(sandbox_options);
    sandbox.start();

    // 3. The host that receives webhooks and runs the plugin's background work.
    auto logger = std::make_shared<spdlog::logger>(
        "chaos-host",
        std::make_shared<spdlog::sinks::basic_file_sink_mt>((workdir / "host.log").string(), true));
    logger->set_level(spdlog::level::info);
    const auto settings = plugin_settings(sandbox.base_url());
    SimHostServices services(connection, settings, logger);
    PluginHost host(services);
    const LoadReport loaded = host.load_directory(options.plugin_dir);
    std::string refusals;
    for (const auto& r : loaded.refused)
        refusals += "; " + r.file.filename().string() + ": " + r.reason;
    const LoadedPlugin* jodo_plugin = nullptr;
    for (const auto& p : host.plugins())
        if (p.plugin->info().id == "jodo")
            jodo_plugin = &p;
    if (!jodo_plugin)
        throw std::runtime_error("the Jodo plugin did not start from " +
                                 options.plugin_dir.string() + refusals);
    auto recorder = std::make_shared<RecordingPlugin>(jodo_plugin->plugin);
    PluginHttpServer endpoint({LoadedPlugin{jodo_plugin->file, recorder, jodo_plugin->version}});
    endpoint.start();
    jodo::sandbox::WebhookOptions webhooks;
    webhooks.url = endpoint.base_url() + "/webhooks/jodo";
    webhooks.secret = kWebhookSecret;
    sandbox.set_webhooks(webhooks);
    jodo::sandbox::WebhookChaos webhook_chaos;
    webhook_chaos.duplicate = webhook_chaos.drop = webhook_chaos.reorder = options.webhook_chaos;
    // No random extra delay: an event arrives out of order because chaos chose
    // to reorder it, so "arrived out of order" counts those.
    webhook_chaos.max_extra_delay_ms = 0;
    webhook_chaos.seed = options.seed;
    sandbox.set_webhook_chaos(webhook_chaos);
    sandbox.set_chaos(api_chaos(options.fault_rate, 1200, options.seed));
    say("sandbox " + sandbox.base_url() + ": faults on " +
        std::to_string(int(options.fault_rate * 100 + 0.5)) +
        "% of API requests (all 7 kinds, slow = 1200 ms > read timeout 800 ms); webhooks to " +
        webhooks.url);

    // 4. Collect workers in their own processes; two of them die.
    const fs::path config = workdir / "host.ini";
    write_config(config, connection, options.plugin_dir, settings);
    const fs::path binary = options.worker_binary;
    std::vector<Worker> workers;
    workers.push_back(
        spawn_worker("worker-1", binary, config, workdir / "worker-1.log", kCrashPoint));
    workers.push_back(spawn_worker("worker-2", binary, config, workdir / "worker-2.log", ""));
    workers.push_back(spawn_worker("worker-3", binary, config, workdir / "worker-3.log", ""));
    say("3 collect_all workers started (worker-1 with JODO_CRASH_AT=" + std::string(kCrashPoint) +
        "; worker-2 will be SIGKILLed once " + std::to_string(std::max(1, options.invoices / 3)) +
        " orders exist)");
    const std::size_t kill_at = static_cast<std::size_t>(std::max(1, options.invoices / 3));
    const auto deadline = Clock::now() + std::chrono::minutes(10);
    auto wait_all = [&](std::vector<Worker*> group) {
        for (;;) {
            bool all_done = true;
            for (Worker* w : group) {
                if (reap(*w, false))
                    continue;
                all_done = false;
                if (w->name == "worker-2" && !w->killed_by_run &&
                    sandbox.create_count() >= kill_at) {
                    ::kill(w->pid, SIGKILL);
                    w->killed_by_run = true;
                    say("worker-2 SIGKILLed with " + std::to_string(sandbox.create_count()) +
                        " orders at Jodo");
                }
                if (Clock::now() > deadline) {
                    ::kill(w->pid, SIGKILL);
                    reap(*w, true);
                    throw std::runtime_error(w->name + " did not finish in 10 minutes");
                }
            }
            if (all_done)
                return;
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    };
    wait_all({&workers[0], &workers[1], &workers[2]});
    for (const auto& w : workers)
        say(w.name + " " + describe_exit(w));
    // The operator sees the job died and runs it again.
    workers.push_back(spawn_worker("worker-4", binary, config, workdir / "worker-4.log", ""));
    wait_all({&workers[3]});
    say("worker-4 (the job re-run) " + describe_exit(workers[3]) + "; " +
        std::to_string(sandbox.create_count()) + " orders at Jodo");
    for (const auto& w : workers) {
        ++report.processes_started;
        if (w.killed())
            ++report.processes_killed;
        report.process_notes.push_back(w.name + ": " + describe_exit(w));
        const auto out = read_outputs(w.log);
        report.client_attempts += as_long(out, "client.attempts");
        report.client_retries += as_long(out, "client.retries");
    }

    // 5. Payers pay ~70% of what Jodo holds; half of that is settled. The slow
    //    fault now stays under the read timeout (a slow Jodo, not a lost answer).
    sandbox.set_chaos(api_chaos(options.fault_rate, 600, options.seed + 1));
    std::vector<std::string> orders = sandbox.order_ids();
    std::sort(orders.begin(), orders.end());
    std::mt19937_64 rng(options.seed);
    std::shuffle(orders.begin(), orders.end(), rng);
    std::vector<std::string> paid;
    for (std::size_t i = 0; i < orders.size() * 7 / 10; ++i) {
        try {
            sandbox.pay(orders[i]);
            paid.push_back(orders[i]);
        } catch (const std::exception&) {
        }
    }
    for (std::size_t i = 0; i < paid.size() / 2; ++i)
        sandbox.settle(paid[i]);
    report.orders_paid = static_cast<int>(paid.size());
    report.orders_settled = static_cast<int>(paid.size() / 2);
    say(std::to_string(report.orders_paid) + " orders paid at Jodo, " +
        std::to_string(report.orders_settled) + " settled; webhooks flowing");
    sandbox.wait_for_webhooks(120000);
    erp_plugin::Plugin& plugin = *jodo_plugin->plugin;
    // The stored events are processed (by the plugin's worker, and here)
    // while Jodo still fails: fetches are retried or the event deferred.
    const auto drain_deadline = Clock::now() + std::chrono::seconds(120);
    while (open_inbox_events(connection) > 0 && Clock::now() < drain_deadline) {
        batch(plugin, "process_webhooks");
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    say("webhooks delivered and processed under chaos");

    // Every open collection (and any event or lease left by a dead process)
    // is due once the host's clock moves past every schedule.
    auto reconcile_pass = [&](const std::string& label) {
        services.advance_clock_ms(15 * 60 * 1000);
        const long processed = output_long(batch(plugin, "process_webhooks"), "processed");
        long checked = 0, changed = 0, errors = 0, round = 0;
        do {
            const auto r = batch(plugin, "reconcile");
            round = output_long(r, "checked");
            checked += round;
            changed += output_long(r, "changed");
            errors += output_long(r, "errors");
        } while (round >= 200);
        say(label + ": " + std::to_string(checked) + " checked, " + std::to_string(changed) +
            " changed, " + std::to_string(errors) + " errors, " + std::to_string(processed) +
            " webhook events processed");
        return changed == 0 && errors == 0 && processed == 0;
    };
    for (int pass = 1; pass <= 2; ++pass)
        reconcile_pass("reconcile pass " + std::to_string(pass) + " under chaos");

    // 6. Jodo recovers; reconcile until two passes in a row change nothing.
    sandbox.clear_faults();
    int quiet = 0;
    for (int pass = 1; pass <= 40 && quiet < 2; ++pass) {
        quiet = reconcile_pass("reconcile pass " + std::to_string(pass) + ", Jodo recovered")
                    ? quiet + 1
                    : 0;
        report.reconcile_passes = pass;
    }
    const auto stats = batch(plugin, "stats");
    report.client_attempts += output_long(stats, "attempts");
    report.client_retries += output_long(stats, "retries");

    // 7. The figures and the proof.
    report.orders_created = sandbox.create_count();
    report.api_requests = sandbox.api_request_count();
    const auto faults = sandbox.fault_stats();
    for (const auto& [kind, n] : faults.injected)
        report.faults[jodo::sandbox::to_string(kind)] = n;
    report.faults_total = faults.total();

    const auto log = sandbox.webhook_log();
    std::map<std::string, std::size_t> emitted_at;
    std::set<std::string> delivered, dropped;
    for (std::size_t i = 0; i < log.size(); ++i) {
        emitted_at.emplace(log[i].event_id, i);
        if (log[i].delivered)
            delivered.insert(log[i].event_id);
        if (log[i].dropped)
            dropped.insert(log[i].event_id);
    }
    report.webhooks_emitted = emitted_at.size();
    report.webhooks_duplicated = log.size() - emitted_at.size();
    report.webhooks_delivered = delivered.size();
    report.webhooks_dropped = dropped.size();
    const auto arrivals = recorder->arrivals();
    report.webhook_requests = arrivals.size();
    std::set<std::string> arrived;
    std::size_t latest_emitted = 0;
    bool any = false;
    for (const auto& a : arrivals) {
        auto it = emitted_at.find(a.event_id);
        if (it == emitted_at.end() || !arrived.insert(a.event_id).second)
            continue;
        if (any && it->second < latest_emitted)
            ++report.webhooks_reordered;
        latest_emitted = std::max(latest_emitted, it->second);
        any = true;
    }

    // The host stops first (its background work finishes while Jodo still
    // answers), so the database holds still while it is checked.
    endpoint.stop();
    host.stop_all();
    sandbox.stop();
    report.invariants = InvariantChecker(connection, kPrefix).check(jodo_view(sandbox));
    report.seconds = clock.seconds();
    say("invariants checked");
    if (!scratch_db.empty()) {
        if (report.ok()) {
            // MariaDB drops a database under open sessions without being told.
            run_admin_sql(
                admin_connection,
                "DROP DATABASE IF EXISTS " + scratch_db +
                    (server_dialect == erp_sql::Dialect::postgresql ? " WITH (FORCE)" : ""));
            report.database = std::string(erp_sql::dialect_name(server_dialect)) + " " +
                              scratch_db + " (scratch database, dropped)";
        } else {
            report.database = std::string(erp_sql::dialect_name(server_dialect)) + " " +
                              scratch_db + " (scratch database, kept for inspection)";
        }
    }
    return report;
}

}  // namespace chaos
