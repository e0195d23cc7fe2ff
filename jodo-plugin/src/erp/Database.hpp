#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <Poco/Data/Session.h>
#include <Poco/Data/SessionPool.h>
#include <Poco/Data/Statement.h>

#include "sql/Dialect.hpp"

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

    // Brings the plugin's own tables to the current version (idempotent).
    void migrate_plugin_tables();

    // Runs `update` (an UPDATE whose parameters are all text) on `session` and
    // returns how many rows it changed, as the database counts them. Needed
    // wherever a conditional update decides who won a row: Poco 1.11's ODBC
    // Statement::execute() answers 1 whenever a parameter is bound, changed
    // rows or not (pocoproject/poco#1670).
    // The same for parameters of any type: `bind` adds them to the statement
    // (which must outlive nothing: bind by reference to live variables).
    std::size_t update_count(Poco::Data::Session& session, const std::string& update,
                             const std::function<void(Poco::Data::Statement&)>& bind) const;
    std::size_t update_count(Poco::Data::Session& session, const std::string& update,
                             std::vector<std::string> params) const;

  private:
    // How long a caller waits for a free pooled session before it fails.
    static constexpr std::chrono::seconds kSessionWait{10};
    Poco::Data::Session pooled_session();

    erp_sql::Dialect dialect_;
    std::unique_ptr<Poco::Data::SessionPool> pool_;
};

}  // namespace jodo
