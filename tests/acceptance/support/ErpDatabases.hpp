#pragma once

#include <memory>
#include <string>

#include "support/TempDir.hpp"

namespace acceptance {

// The databases every acceptance test runs against: "sqlite" (a fresh file
// through the SQLite3 ODBC driver) and "postgresql" (through psqlODBC: a fresh
// database, dropped afterwards, on the server JODO_TEST_PG_CONNECTION names,
// which scripts/test.sh sets after starting a throw-away cluster). Fresh per
// test because reconcile, collect_all and process_webhooks act on every row.
class ErpDatabase {
  public:
    explicit ErpDatabase(const std::string& dialect);
    ~ErpDatabase();
    ErpDatabase(const ErpDatabase&) = delete;
    ErpDatabase& operator=(const ErpDatabase&) = delete;
    // Empty when the dialect is not available here (then the test skips,
    // unless JODO_REQUIRE_POSTGRES=1 makes that a failure).
    const std::string& connection_string() const { return connection_; }
    std::string unavailable_reason() const { return reason_; }

  private:
    std::unique_ptr<testing_support::TempDir> dir_;
    std::string admin_connection_, name_, connection_, reason_;
};

// The connection string with its Database= replaced (or added).
std::string with_database(const std::string& connection, const std::string& database);

// A prefix that keeps one test's invoices apart from every other test's in a
// shared database.
std::string unique_prefix();

}  // namespace acceptance

// Skips (or fails, where PostgreSQL is required) when the database is missing.
#define ACCEPTANCE_REQUIRE_DATABASE(db)                                  \
    do {                                                                 \
        if ((db).connection_string().empty()) {                          \
            const char* required = std::getenv("JODO_REQUIRE_POSTGRES"); \
            if (required && std::string(required) == "1")                \
                FAIL() << (db).unavailable_reason();                     \
            GTEST_SKIP() << (db).unavailable_reason();                   \
        }                                                                \
    } while (0)
