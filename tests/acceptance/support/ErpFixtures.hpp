#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace acceptance {

// Loads tests/fixtures/erp/<name>.sql, then <name>.<dialect>.sql if there is
// one, into the database (statements split at ';'); <name>.<dialect>-only.sql,
// where there is one, instead of both. "shared:<ddl>" loads ERPNext's real
// tables, <shared>/erpnext_real/ddl/<ddl>.<mariadb|sqlite>.sql (the SQLite text
// is also PostgreSQL's); throws MissingSharedData when that is not there.
void load_erp_fixture(const std::string& connection, const std::string& name);

class MissingSharedData : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// The directory holding erpnext_real/: $JODO_SHARED_DIR, else the build's.
std::string shared_dir();
// Whether the upstream layouts are there; `why` says where they were looked for.
bool shared_erpnext_real_available(std::string* why = nullptr);

// The first column of the first row of `sql` (one `?` bound to `param`),
// read as text exactly as the driver gives it; nullopt for NULL or no row.
std::optional<std::string> erp_scalar(const std::string& connection, const std::string& sql,
                                      const std::string& param);

// Runs one statement without parameters.
void run_sql(const std::string& connection, const std::string& sql);

// "sqlite" or "postgresql", from the connection string.
std::string dialect_of(const std::string& connection);

}  // namespace acceptance
