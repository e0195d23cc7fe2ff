#pragma once

#include <string>
#include <vector>

#include <Poco/Data/Session.h>

#include "erp_sql/Dialect.hpp"
#include "erp_sql/Migration.hpp"

namespace erp_sql {

// Applies the embedded migrations of one set, each in its own transaction, and
// records them in <set>_schema_migrations. Re-running is a no-op; two processes
// migrating at once both end with the same schema (the loser's insert of the
// version row fails, it re-reads and goes on).
class Migrator {
  public:
    Migrator(Poco::Data::Session& session, Dialect dialect, std::string set);

    // Returns the versions applied by this call (empty when already current).
    std::vector<int> migrate();
    // The newest version applied, 0 when none (or no history table). Like
    // missing_versions(), it changes nothing in the database.
    int current_version();
    // Versions this build has that the database lacks, in order.
    std::vector<int> missing_versions();

  private:
    std::vector<int> applied_versions();
    std::vector<int> applied_versions_if_any();
    void ensure_history_table();

    Poco::Data::Session& session_;
    Dialect dialect_;
    std::string set_;
    std::string history_table_;
};

// The migrations of one set for one dialect, in version order: the dialect's
// own files, and the common ones it does not replace.
std::vector<Migration> migrations_for(Dialect dialect, const std::string& set);

// Splits a script into statements at ';' that ends a line (our migrations keep
// to that rule, so string literals containing ';' stay whole).
std::vector<std::string> split_statements(const std::string& script);

}  // namespace erp_sql
