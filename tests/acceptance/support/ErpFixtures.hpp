#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace acceptance {

// Loads tests/fixtures/erp/<name>.sql, then <name>.<dialect>.sql if there is
// one, into the database (statements split at ';'); <name>.<dialect>-only.sql,
// where there is one, instead of both.
void load_erp_fixture(const std::string& connection, const std::string& name);

// The first column of the first row of `sql` (one `?` bound to `param`),
// read as text exactly as the driver gives it; nullopt for NULL or no row.
std::optional<std::string> erp_scalar(const std::string& connection, const std::string& sql,
                                      const std::string& param);

// Runs one statement without parameters.
void run_sql(const std::string& connection, const std::string& sql);

// "sqlite" or "postgresql", from the connection string.
std::string dialect_of(const std::string& connection);

}  // namespace acceptance
