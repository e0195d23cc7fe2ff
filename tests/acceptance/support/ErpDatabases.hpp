#pragma once

#include <memory>
#include <string>

#include "support/TempDir.hpp"

namespace acceptance {

// The databases every acceptance test runs against: "sqlite" (a fresh file
// through the SQLite3 ODBC driver), "postgresql" (through psqlODBC: a fresh
// database, dropped afterwards, on the server JODO_TEST_PG_CONNECTION names)
// and "mariadb" (through MariaDB Connector/ODBC: the same on the server
// JODO_TEST_MARIADB_CONNECTION names); scripts/test.sh starts throw-away
// servers and sets both. Fresh per test because reconcile, collect_all and
// process_webhooks act on every row.
class ErpDatabase {
  public:
    explicit ErpDatabase(const std::string& dialect);
    // A legacy ERP's PostgreSQL database: SQL_ASCII, which stores whatever
    // bytes the ERP wrote, as old home-grown ERPs' databases often are.
    struct SqlAscii {};
    ErpDatabase(const std::string& dialect, SqlAscii);
    ~ErpDatabase();
    ErpDatabase(const ErpDatabase&) = delete;
    ErpDatabase& operator=(const ErpDatabase&) = delete;
    // Empty when the dialect is not available here (then the test skips,
    // unless JODO_REQUIRE_POSTGRES=1 / JODO_REQUIRE_MARIADB=1 makes that a
    // failure).
    const std::string& connection_string() const { return connection_; }
    std::string unavailable_reason() const { return reason_; }
    bool required() const { return required_; }

  private:
    ErpDatabase(const std::string& dialect, const std::string& pg_options);
    std::unique_ptr<testing_support::TempDir> dir_;
    std::string dialect_, admin_connection_, name_, connection_, reason_;
    bool required_ = false;
};

// The connection string with its Database= replaced (or added).
std::string with_database(const std::string& connection, const std::string& database);

// A prefix that keeps one test's invoices apart from every other test's in a
// shared database.
std::string unique_prefix();

}  // namespace acceptance

// Skips (or fails, where that database is required) when it is missing.
#define ACCEPTANCE_REQUIRE_DATABASE(db)                \
    do {                                               \
        if ((db).connection_string().empty()) {        \
            if ((db).required())                       \
                FAIL() << (db).unavailable_reason();   \
            GTEST_SKIP() << (db).unavailable_reason(); \
        }                                              \
    } while (0)
