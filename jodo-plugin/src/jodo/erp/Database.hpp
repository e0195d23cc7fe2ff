#pragma once

#include <chrono>
#include <cstddef>
#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <Poco/Data/Session.h>
#include <Poco/Data/SessionPool.h>
#include <Poco/Data/Statement.h>

#include "erp_sql/Dialect.hpp"
#include "erp_sql/NativeStatement.hpp"

namespace jodo {

// The ERP database, reached only through ODBC (unixODBC + the driver the
// connection string names). Pooled: sessions are reused across threads and a
// broken one is replaced on the next call.
class Database {
  public:
    explicit Database(const std::string& odbc_connection_string, int max_sessions = 16);
    ~Database();

    Poco::Data::Session session();
    erp_sql::Dialect dialect() const noexcept { return dialect_; }

    // True when `session`'s connection is gone (the driver noticed: after a
    // statement failed on it). Only asked after a failure (on MariaDB it pings).
    static bool connection_dead(Poco::Data::Session& session) noexcept;
    // How often a read meets a dead pooled connection before it gives up.
    static constexpr int kMaxReadTries = 8;

    // Whether the module's tables can be read right now: false while the
    // server is down, restarting or out of reach, or (SQLite) another
    // process holds the file longer than the busy timeout. Never throws.
    bool reachable() noexcept;

    // Brings the plugin's own tables to the current version (idempotent).
    void migrate_plugin_tables();
    // The module's migrations this database lacks (all of them when its
    // tables were never created); reads only, creates nothing.
    std::vector<int> missing_plugin_migrations();

    // "INSERT ... <into_values>" that inserts nothing when the row's key is
    // already there (a duplicate is how a second writer learns it lost; the
    // count of update_count says which). MariaDB has no ON CONFLICT: INSERT
    // IGNORE also turns other errors (a value too long) into warnings, so the
    // caller checks its values against their columns first.
    std::string insert_once(const std::string& into_values) const {
        return dialect_ == erp_sql::Dialect::mariadb
                   ? "INSERT IGNORE INTO " + into_values
                   : "INSERT INTO " + into_values + " ON CONFLICT DO NOTHING";
    }

    // Runs `update` (an UPDATE whose parameters are all text) on `session` and
    // returns how many rows it changed, as the database counts them. Needed
    // wherever a conditional update decides who won a row: Poco 1.11's ODBC
    // Statement::execute() answers 1 whenever a parameter is bound, changed
    // rows or not (pocoproject/poco#1670).
    std::size_t update_count(Poco::Data::Session& session, const std::string& update,
                             std::vector<std::string> params) const;
    // The same prepared once per connection and run again (statements that
    // repeat per invoice or event), the count as the driver reports it for
    // that statement (SQLRowCount; MariaDB's counts the rows matched because
    // the pool's connection string sets FOUND_ROWS). Failures are
    // erp_sql::NativeError.
    // (An initializer list: {"a", "b"} still picks the text overload above.)
    std::size_t update_count(Poco::Data::Session& session, const std::string& update,
                             std::initializer_list<erp_sql::NativeParam> params) const;
    // The same with parameters built at run time (a status list).
    std::size_t prepared_update(Poco::Data::Session& session, const std::string& update,
                                const std::vector<erp_sql::NativeParam>& params) const;

  private:
    // How long a caller waits for a free pooled session before it fails.
    static constexpr std::chrono::seconds kSessionWait{10};
    // A connection used again within this long is taken as alive: a server
    // restart takes longer than that, and one that falls inside it fails the
    // statement, which the driver then marks dead and the pool drops.
    static constexpr std::chrono::seconds kTrustedIdle{1};
    Poco::Data::Session pooled_session();
    // True when `session`'s connection was not checked out within kTrustedIdle
    // (or never before); notes this checkout.
    bool idle_too_long(Poco::Data::Session& session);

    erp_sql::Dialect dialect_;
    std::unique_ptr<Poco::Data::SessionPool> pool_;
    std::mutex checkouts_mutex_;
    std::map<const void*, std::chrono::steady_clock::time_point> last_checkout_;
};

}  // namespace jodo
