#include "cli/ChaosRun.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <fstream>
#include <iomanip>
#include <mutex>
#include <ostream>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <Poco/Data/ODBC/Connector.h>
#include <Poco/Data/Session.h>
#include <Poco/JSON/Parser.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "api/money.hpp"
#include "cli/LifecycleDemo.hpp"
#include "erp/ReferenceErp.hpp"
#include "host/PluginHost.hpp"
#include "host/SimHostServices.hpp"
#include "http/PluginHttpServer.hpp"
#include "sandbox/JodoSandbox.hpp"
#include "sql/Dialect.hpp"
#include "sql/Transaction.hpp"

extern char** environ;

using namespace Poco::Data::Keywords;

namespace host_sim {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using jodo::sandbox::FaultKind;
using jodo::sandbox::JodoSandbox;

const char* kPrefix = "CHAOS-";
const char* kApiKey = "chaos_key";
const char* kApiSecret = "chaos_secret";
const char* kWebhookSecret = "chaos_webhook_secret";
const char* kCrashPoint = "collect.after_create";

// ---------------------------------------------------------------- invoices

struct GeneratedInvoices {
    std::vector<SampleInvoice> invoices;
    int invalid = 0;
};

GeneratedInvoices generate_invoices(int count, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    const std::vector<std::string> components = {"TUITION_FEE", "TRANSPORT_FEE", "LAB_FEE",
                                                 "LIBRARY_FEE", "EXAM_FEE",      "SPORTS_FEE",
                                                 "MEALS_FEE",   "ACTIVITY_FEE"};
    const std::vector<std::string> names = {"Anita Sharma", "Vikram Rao",  "Farah Khan",
                                            "Arjun Mehta",  "Priya Nair",  "Rahul Gupta",
                                            "Sneha Iyer",   "Kiran Reddy", "Imran Sheikh"};
    GeneratedInvoices out;
    for (int i = 1; i <= count; ++i) {
        std::ostringstream id;
        id << kPrefix << std::setw(4) << std::setfill('0') << i;
        SampleInvoice inv;
        inv.invoice_id = id.str();
        inv.payer_id = "P-" + inv.invoice_id;
        inv.payer_name = names[static_cast<std::size_t>(pick(0, int(names.size()) - 1))];
        std::string digits = std::to_string(pick(7, 9));
        for (int d = 0; d < 9; ++d)
            digits += static_cast<char>('0' + pick(0, 9));
        switch (pick(0, 3)) {  // the ways accountants type a mobile number
            case 0:
                inv.phone = digits;
                break;
            case 1:
                inv.phone = "+91 " + digits.substr(0, 5) + " " + digits.substr(5);
                break;
            case 2:
                inv.phone = "0" + digits;
                break;
            default:
                inv.phone = "91-" + digits;
        }
        inv.email = "payer" + std::to_string(i) + "@example.com";
        inv.student_name = "Student " + std::to_string(i);
        inv.grade = "Grade " + std::to_string(pick(1, 12));
        inv.description = "Term fees";
        const int lines = pick(1, 4);
        for (int l = 0; l < lines; ++l) {
            const jodo::Paise paise = pick(0, 4) == 0 ? jodo::Paise(pick(1, 500)) * 10000
                                                      : jodo::Paise(pick(100, 5000000));
            // Whole rupees written both ways, as accountants do.
            std::string amount = jodo::format_rupees(paise);
            if (paise % 100 == 0 && pick(0, 1) == 0)
                amount = std::to_string(paise / 100);
            inv.lines.push_back({components[static_cast<std::size_t>(l + pick(0, 4))], amount});
        }
        // About 4% cannot be collected: the plugin must refuse them, with a reason.
        const int flaw = pick(0, 99);
        if (flaw < 2) {
            inv.phone.clear();
            inv.description = "Term fees (payer phone missing)";
            ++out.invalid;
        } else if (flaw < 3) {
            inv.phone = "12345";
            ++out.invalid;
        } else if (flaw < 4) {
            inv.email.clear();
            ++out.invalid;
        }
        out.invoices.push_back(std::move(inv));
    }
    return out;
}

// ---------------------------------------------------------------- databases

// "Driver=...;Database=erp;..." with Database replaced (or added).
std::string with_database(const std::string& connection, const std::string& database) {
    std::string out;
    bool replaced = false;
    std::size_t start = 0;
    while (start < connection.size()) {
        std::size_t end = connection.find(';', start);
        if (end == std::string::npos)
            end = connection.size();
        std::string part = connection.substr(start, end - start);
        std::string key = part.substr(0, part.find('='));
        std::transform(key.begin(), key.end(), key.begin(), ::tolower);
        if (key == "database") {
            part = "Database=" + database;
            replaced = true;
        }
        if (!part.empty())
            out += part + ";";
        start = end + 1;
    }
    if (!replaced)
        out += "Database=" + database + ";";
    return out;
}

void run_admin_sql(const std::string& connection, const std::string& sql) {
    Poco::Data::ODBC::Connector::registerConnector();
    Poco::Data::Session session("ODBC", connection);
    session << sql, now;
}

// ---------------------------------------------------------------- processes

struct Worker {
    std::string name;
    pid_t pid = -1;
    fs::path log;
    bool crash_point = false;  // started with JODO_CRASH_AT
    bool killed_by_run = false;
    bool done = false;
    int wait_status = 0;

    bool killed() const { return WIFSIGNALED(wait_status) && WTERMSIG(wait_status) == SIGKILL; }
};

Worker spawn_worker(const std::string& name, const fs::path& binary, const fs::path& config,
                    const fs::path& log, const std::string& crash_at) {
    Worker w;
    w.name = name;
    w.log = log;
    w.crash_point = !crash_at.empty();
    std::vector<std::string> args = {binary.string(), "chaos-worker", "--config", config.string()};
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e)
        if (std::strncmp(*e, "JODO_CRASH_AT=", 14) != 0)
            env.emplace_back(*e);
    if (!crash_at.empty())
        env.push_back("JODO_CRASH_AT=" + crash_at);
    std::vector<char*> argv, envp;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    for (auto& e : env)
        envp.push_back(e.data());
    envp.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    const int rc = posix_spawn(&w.pid, binary.c_str(), &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0)
        throw std::runtime_error("cannot start " + binary.string() + ": " + std::strerror(rc));
    return w;
}

bool reap(Worker& w, bool block) {
    if (w.done)
        return true;
    int status = 0;
    const pid_t r = waitpid(w.pid, &status, block ? 0 : WNOHANG);
    if (r == w.pid) {
        w.done = true;
        w.wait_status = status;
    }
    return w.done;
}

std::string describe_exit(const Worker& w) {
    if (w.killed())
        return w.crash_point ? std::string("killed itself (SIGKILL) at crash point ") + kCrashPoint
                             : std::string("SIGKILLed by the run mid-collection");
    if (WIFEXITED(w.wait_status))
        return "exited " + std::to_string(WEXITSTATUS(w.wait_status));
    return "ended by signal " + std::to_string(WTERMSIG(w.wait_status));
}

// "key: value" lines a worker printed.
std::map<std::string, std::string> read_outputs(const fs::path& log) {
    std::map<std::string, std::string> out;
    std::ifstream in(log);
    std::string line;
    while (std::getline(in, line)) {
        const auto colon = line.find(": ");
        if (colon != std::string::npos && line.rfind("chaos.", 0) == 0)
            out[line.substr(6, colon - 6)] = line.substr(colon + 2);
    }
    return out;
}

long as_long(const std::map<std::string, std::string>& m, const std::string& key) {
    auto it = m.find(key);
    if (it == m.end())
        return 0;
    try {
        return std::stol(it->second);
    } catch (const std::exception&) {
        return 0;
    }
}

// ---------------------------------------------------------------- webhooks

// Sits between the host's HTTP endpoint and the plugin and notes the order in
// which webhook events arrive (the sandbox's log has the order they were sent).
class RecordingPlugin final : public erp_plugin::Plugin {
  public:
    explicit RecordingPlugin(PluginPtr inner) : inner_(std::move(inner)) {}

    erp_plugin::PluginInfo info() const noexcept override { return inner_->info(); }
    erp_plugin::Status start(erp_plugin::HostServices& host) noexcept override {
        return inner_->start(host);
    }
    void stop() noexcept override {}  // the PluginHost owns the plugin's life
    std::vector<erp_plugin::ActionInfo> actions() const noexcept override {
        return inner_->actions();
    }
    erp_plugin::ActionResult run_action(const erp_plugin::ActionRequest& r) noexcept override {
        return inner_->run_action(r);
    }
    std::vector<std::string> http_routes() const noexcept override { return inner_->http_routes(); }
    erp_plugin::HttpResponse handle_http(const erp_plugin::HttpRequest& request) noexcept override {
        std::string event_id;
        try {
            Poco::JSON::Parser parser;
            auto object = parser.parse(request.body).extract<Poco::JSON::Object::Ptr>();
            event_id = object->optValue<std::string>("event_id", "");
        } catch (...) {
        }
        erp_plugin::HttpResponse response = inner_->handle_http(request);
        std::lock_guard<std::mutex> lock(mutex_);
        arrivals_.push_back({event_id, response.status});
        return response;
    }

    struct Arrival {
        std::string event_id;
        int status = 0;
    };
    std::vector<Arrival> arrivals() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return arrivals_;
    }

  private:
    PluginPtr inner_;
    mutable std::mutex mutex_;
    std::vector<Arrival> arrivals_;
};

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
    };
}

void write_config(const fs::path& file, const std::string& connection, const fs::path& plugins,
                  const std::map<std::string, std::string>& settings) {
    std::ofstream out(file);
    out << "; written by host-sim chaos for its worker processes\n[host]\n"
        << "database = " << connection << "\n"
        << "plugins = " << plugins.string() << "\n\n[jodo]\n";
    for (const auto& [key, value] : settings)
        out << key.substr(5) << " = " << value << "\n";
    if (!out)
        throw std::runtime_error("cannot write " + file.string());
}

erp_plugin::ActionResult batch(erp_plugin::Plugin& plugin, const std::string& action) {
    erp_plugin::ActionRequest request;
    request.action = action;
    request.record_type = "batch";
    return plugin.run_action(request);
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

std::vector<JodoOrderView> jodo_view(const JodoSandbox& sandbox) {
    std::vector<JodoOrderView> out;
    for (const auto& id : sandbox.order_ids()) {
        auto order = sandbox.find(id);
        if (!order)
            continue;
        JodoOrderView view;
        view.order_id = order->order_id;
        view.status = order->status;
        view.transaction_id = order->transaction_id;
        // The ERP's invoice travels in the notes (identifier is the student).
        for (const auto& [key, value] : order->notes) {
            if (key == "erp_collection_id")
                view.collection_id = value;
            if (key == "erp_invoice_id")
                view.invoice_id = value;
        }
        for (const auto& line : order->lines)
            view.lines.push_back({line.amount, line.settlement_utr});
        out.push_back(std::move(view));
    }
    return out;
}

// Stored webhook events not yet finished (pending, or held by a worker).
int open_inbox_events(const std::string& connection) {
    Poco::Data::ODBC::Connector::registerConnector();
    Poco::Data::Session session("ODBC", connection);
    int open = 0;
    session << "SELECT COUNT(*) FROM jodo_webhook_inbox WHERE state IN ('pending', 'processing')",
        into(open), now;
    return open;
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
    if (options.host_sim_binary.empty() || !fs::exists(options.host_sim_binary))
        throw std::invalid_argument("the host-sim binary for the worker processes is missing: \"" +
                                    options.host_sim_binary.string() + "\"");
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
    const fs::path binary = options.host_sim_binary;
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

int command_chaos_worker(const HostConfig& config, std::ostream& out) {
    auto logger = std::make_shared<spdlog::logger>(
        "chaos-worker", std::make_shared<spdlog::sinks::stderr_sink_mt>());
    logger->set_level(spdlog::level::warn);
    SimHostServices services(config.database, read_settings_file(config.file.string()), logger);
    PluginHost host(services);
    const LoadReport report = host.load_directory(config.plugins);
    erp_plugin::Plugin* plugin = host.find("jodo");
    if (!plugin) {
        for (const auto& r : report.refused)
            out << "refused " << r.file.filename().string() << ": " << r.reason << "\n";
        return 1;
    }
    const auto collected = batch(*plugin, "collect_all");
    if (!collected.status.ok())
        out << "collect_all: " << erp_plugin::to_string(collected.status.code) << ": "
            << collected.status.message << "\n";
    for (const auto& [key, value] : collected.outputs)
        out << "chaos.collect_all." << key << ": " << value << "\n";
    for (const auto& [key, value] : batch(*plugin, "stats").outputs)
        out << "chaos.client." << key << ": " << value << "\n";
    out << std::flush;
    host.stop_all();
    return collected.status.ok() ? 0 : 1;
}

}  // namespace host_sim
