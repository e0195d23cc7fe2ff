#pragma once

#include "support/ErpDatabases.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <Poco/Data/Session.h>

#include "host_sim/erp/ReferenceErp.hpp"
#include "host_sim/sandbox/JodoSandbox.hpp"
#include "support/Subprocess.hpp"
#include "support/TempDir.hpp"

namespace scaleout {

// A database no other test touches: a fresh SQLite file, or a fresh database
// created on the PostgreSQL server JODO_TEST_PG_CONNECTION names or the MariaDB
// server JODO_TEST_MARIADB_CONNECTION names (dropped at the end). The batch actions (collect_all,
// reconcile, process_webhooks) work on every row of the database, so the exact counts these tests
// assert need a database of their own; invoice prefixes alone would not keep other suites'
// leftovers out of them.
// Each test's own database (a fresh SQLite file, PostgreSQL or MariaDB database).
using PrivateDatabase = acceptance::ErpDatabase;
using acceptance::with_database;

// A TCP port on 127.0.0.1 nobody listens on right now.
int free_port();
// The value of a "key: value" line host-sim printed; "" when absent.
std::string field(const std::string& output, const std::string& key);
// The sum of an integer field over several outputs (a missing one counts -1000000).
long sum_field(const std::vector<Exit>& exits, const std::string& key);
void sleep_ms(int ms);

// One row of jodo_collections as the tests read it back.
struct Row {
    std::string collection_id, invoice_id, kind, status, order_id, redirect_url, error_reason,
        review_reason, next_check_at;
    int active = 0;
};

struct InboxRow {
    std::string event_id, event, order_id, state;
    int attempts = 0;
};

// One test's world: an in-test Jodo sandbox on 127.0.0.1, the reference ERP's
// tables in the given database, invoices under a unique prefix, generated
// host-sim INI files and the host-sim processes started from them.
class ScaleRig {
  public:
    static constexpr const char* kWebhookSecret = "whsec_scaleout";

    explicit ScaleRig(const std::string& connection);
    ~ScaleRig();

    const std::string& prefix() const { return prefix_; }
    const std::string& connection() const { return connection_; }
    jodo::sandbox::JodoSandbox& sandbox() { return *sandbox_; }
    const std::filesystem::path& dir() const { return dir_.path(); }

    // The plugin directory the INI files name: the shipped module unless
    // told otherwise (the crash tests need the one with test hooks).
    void use_plugin_dir(const std::filesystem::path& dir) { plugin_dir_ = dir; }

    std::string add_invoice(const std::string& name);  // returns prefix + name
    std::vector<std::string> add_invoices(int count);  // INV-0001...

    // A host-sim INI file: [host] this database, the plugin directory,
    // `http_port`; [jodo] the sandbox, fast retries, no background loops
    // (worker and reconciler only on demand), first check after 1 s, the
    // webhook secret; `overrides` replace or add [jodo] keys.
    std::filesystem::path write_config(const std::string& name,
                                       const std::map<std::string, std::string>& overrides = {},
                                       int http_port = 0);

    // host-sim ARGS --config FILE, output captured in this rig's directory.
    std::unique_ptr<Subprocess> spawn(const std::vector<std::string>& args,
                                      const std::filesystem::path& config,
                                      const std::map<std::string, std::string>& env = {});
    Exit run(const std::vector<std::string>& args, const std::filesystem::path& config,
             const std::map<std::string, std::string>& env = {}, int timeout_ms = 30000);
    // Starts `host-sim serve` and waits until it listens; returns its base URL
    // in *url ("" when it did not come up).
    std::unique_ptr<Subprocess> serve(const std::filesystem::path& config, std::string* url,
                                      const std::map<std::string, std::string>& env = {});
    // Points the sandbox's webhooks at a serve process's endpoint.
    void send_webhooks_to(const std::string& base_url,
                          std::vector<int> retry_delays_ms = {300, 600, 1200, 2400, 4800});

    // Read back with a fresh connection each time (no cached session).
    std::vector<Row> collections();  // this rig's invoices, by invoice then newest first
    std::vector<Row> collections(const std::string& invoice_id);
    std::vector<InboxRow> inbox();  // the whole inbox (the database is this test's)
    // Polls until the invoice's active (else newest) collection has `status`.
    std::string wait_for_status(const std::string& invoice_id, const std::string& status,
                                int timeout_ms);
    Poco::Data::Session session();

  private:
    std::string connection_;
    std::string prefix_;
    testing_support::TempDir dir_;
    std::unique_ptr<jodo::sandbox::JodoSandbox> sandbox_;
    std::unique_ptr<host_sim::ReferenceErp> erp_;
    int spawned_ = 0;
    std::filesystem::path plugin_dir_ = JODO_PLUGIN_DIR;
};

// The ERP invoice an order at Jodo is for: its erp_invoice_id note (the
// order's identifier is the student).
std::string invoice_of(const jodo::sandbox::SandboxOrder& order);

}  // namespace scaleout
