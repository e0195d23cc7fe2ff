// The connector as an ERP runs it: the built module loaded by the host over
// one database, its webhook endpoint listening on 127.0.0.1, the sandbox
// behind it. Each method is one thing the benchmark measures.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "JodoLoad.hpp"

namespace host_sim {
class ReferenceErp;
class SimHostServices;
class PluginHost;
class PluginHttpServer;
}  // namespace host_sim

namespace bench {

struct Timed {
    std::size_t count = 0;  // invoices collected, events stored, rows checked
    std::size_t failures = 0;
    double seconds = 0;
    bool stopped_early = false;
    double per_second() const { return seconds > 0 ? count / seconds : 0; }
};

class ConnectorRig {
  public:
    // Migrates the reference ERP in `connection` and starts the module on it.
    ConnectorRig(const std::string& connection, const JodoEndpoint& jodo,
                 const std::filesystem::path& plugins);
    ~ConnectorRig();
    ConnectorRig(const ConnectorRig&) = delete;
    ConnectorRig& operator=(const ConnectorRig&) = delete;

    double start_ms() const { return start_ms_; }
    // Stops the module and starts it again on the migrated database; the ms.
    double restart();
    // Restarts the module against another Jodo.
    void use_jodo(const JodoEndpoint& jodo);

    void add_invoices(int count);
    Timed collect_all();
    // `count` signed deliveries from `clients` senders, each on a fresh
    // connection as Jodo sends them; counted when answered 200.
    Timed ingest_webhooks(int count, int clients);
    // Makes every unpaid collection due now.
    void make_collections_due();
    // Makes every collection due far in the future (out of the next run's way).
    void park_collections();
    // `count` unpaid collections (one line each) of orders Jodo holds, due now.
    void add_due_collections(const std::vector<std::string>& order_ids, const std::string& rupees);
    // Runs the `reconcile` action until it checks nothing more, or until
    // `max_seconds` have passed (0 = no limit).
    Timed reconcile_until_done(double max_seconds = 0);

    // "PRAGMA synchronous" / "SHOW fsync", as the database reports it.
    std::string durability() const;

  private:
    void start_module();
    std::string connection_;
    JodoEndpoint jodo_;
    std::filesystem::path plugins_;
    std::unique_ptr<host_sim::ReferenceErp> erp_;
    std::unique_ptr<host_sim::SimHostServices> services_;
    std::unique_ptr<host_sim::PluginHost> host_;
    std::unique_ptr<host_sim::PluginHttpServer> endpoint_;
    double start_ms_ = 0;
    std::string run_;
    int due_batches_ = 0;  // add_due_collections calls so far
};

// A PostgreSQL database of its own for one run: created from `admin` (any
// connection string to the server), dropped by the destructor.
class ScratchPostgres {
  public:
    explicit ScratchPostgres(const std::string& admin);
    ~ScratchPostgres();
    const std::string& connection() const { return connection_; }

  private:
    std::string admin_, name_, connection_;
};

}  // namespace bench
