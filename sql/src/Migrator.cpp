#include "erp_sql/Migrator.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

#include <Poco/Data/Statement.h>
#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>

#include "erp_sql/Migration.hpp"
#include "erp_sql/Transaction.hpp"

using namespace Poco::Data::Keywords;

namespace erp_sql {

std::vector<Migration> migrations_for(Dialect dialect, const std::string& set) {
    std::vector<Migration> chosen;
    for (const auto& m : embedded_migrations()) {
        if (m.set != set || m.dialect != dialect_name(dialect))
            continue;
        chosen.push_back(m);
    }
    for (const auto& m : embedded_migrations()) {
        if (m.set != set || m.dialect != "common")
            continue;
        const bool overridden = std::any_of(chosen.begin(), chosen.end(), [&](const Migration& c) {
            return c.version == m.version;
        });
        if (!overridden)
            chosen.push_back(m);
    }
    std::sort(chosen.begin(), chosen.end(),
              [](const Migration& a, const Migration& b) { return a.version < b.version; });
    return chosen;
}

std::vector<std::string> split_statements(const std::string& script) {
    std::vector<std::string> out;
    std::string current;
    std::size_t start = 0;
    while (start < script.size()) {
        auto end = script.find('\n', start);
        if (end == std::string::npos)
            end = script.size();
        std::string line = script.substr(start, end - start);
        start = end + 1;
        const auto first = line.find_first_not_of(" \t\r");
        if (first == std::string::npos || line.compare(first, 2, "--") == 0)
            continue;
        current += line + "\n";
        const auto last = line.find_last_not_of(" \t\r");
        if (line[last] == ';') {
            current.erase(current.find_last_of(';'));
            out.push_back(current);
            current.clear();
        }
    }
    if (current.find_first_not_of(" \t\r\n") != std::string::npos)
        out.push_back(current);
    return out;
}

Migrator::Migrator(Poco::Data::Session& session, Dialect dialect, std::string set)
    : session_(session),
      dialect_(dialect),
      set_(std::move(set)),
      history_table_(set_ + "_schema_migrations") {}

void Migrator::ensure_history_table() {
    session_ << "CREATE TABLE IF NOT EXISTS " + history_table_ +
                    " (version INTEGER PRIMARY KEY, name VARCHAR(200) NOT NULL,"
                    " applied_at VARCHAR(40) NOT NULL)" +
                    (dialect_ == Dialect::mariadb
                         ? " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin"
                         : ""),
        now;
}

std::vector<int> Migrator::applied_versions() {
    std::vector<int> versions;
    session_ << "SELECT version FROM " + history_table_ + " ORDER BY version", into(versions), now;
    return versions;
}

// Read-only: a check must not create the history table it asks about. A
// history table that cannot be read is taken as none (the module's tables
// missing): the database itself was reached to get this far.
std::vector<int> Migrator::applied_versions_if_any() {
    try {
        return applied_versions();
    } catch (const Poco::Exception&) {
        return {};
    }
}

int Migrator::current_version() {
    auto versions = applied_versions_if_any();
    return versions.empty() ? 0 : versions.back();
}

std::vector<int> Migrator::missing_versions() {
    const auto applied = applied_versions_if_any();
    std::vector<int> missing;
    for (const Migration& m : migrations_for(dialect_, set_))
        if (std::find(applied.begin(), applied.end(), m.version) == applied.end())
            missing.push_back(m.version);
    return missing;
}

std::vector<int> Migrator::migrate() {
    try {
        ensure_history_table();
    } catch (const Poco::Exception&) {
        // Another process may have created it at the same moment; reading it
        // proves it is there, and throws if it really is not.
        applied_versions();
    }
    const std::vector<Migration> pending = migrations_for(dialect_, set_);

    std::vector<int> applied_now;
    for (const Migration& migration : pending) {
        const Migration* m = &migration;
        auto done = applied_versions();
        if (std::find(done.begin(), done.end(), m->version) != done.end())
            continue;
        const std::string applied_at =
            Poco::DateTimeFormatter::format(Poco::DateTime(), Poco::DateTimeFormat::ISO8601_FORMAT);
        try {
            Transaction tx(session_);
            if (dialect_ == Dialect::postgresql) {
                // Processes starting together migrate one at a time: two
                // transactions each creating an index and dropping another on
                // the same table deadlock, and the loser cannot yet see the
                // winner's version to know it may go on. (SQLite's BEGIN
                // IMMEDIATE already queues them; MariaDB commits each DDL
                // statement, and every one there is re-runnable.)
                session_ << "LOCK TABLE " + history_table_ + " IN SHARE ROW EXCLUSIVE MODE", now;
                done = applied_versions();
                if (std::find(done.begin(), done.end(), m->version) != done.end())
                    continue;  // applied while this one waited; the rollback ends the lock
            }
            for (const auto& statement : split_statements(m->script))
                session_ << statement, now;
            int version = m->version;
            std::string name = m->name;
            std::string at = applied_at;
            session_ << "INSERT INTO " + history_table_ +
                            " (version, name, applied_at) VALUES (?, ?, ?)",
                use(version), use(name), use(at), now;
            tx.commit();
            applied_now.push_back(m->version);
        } catch (const Poco::Exception& e) {
            done = applied_versions();
            if (std::find(done.begin(), done.end(), m->version) != done.end())
                continue;
            throw std::runtime_error("migration " + set_ + "/" + std::to_string(m->version) + "_" +
                                     m->name + " failed: " + e.displayText());
        }
    }
    return applied_now;
}

}  // namespace erp_sql
