#pragma once

#include <memory>
#include <string>

#include <Poco/Data/Session.h>
#include <Poco/Data/SessionPool.h>

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

  private:
    erp_sql::Dialect dialect_;
    std::unique_ptr<Poco::Data::SessionPool> pool_;
};

}  // namespace jodo
