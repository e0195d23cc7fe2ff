#include "jodo/erp/mapping/ErpSchema.hpp"

#include <algorithm>
#include <cctype>

#include "erp_sql/NativeStatement.hpp"
#include "erp_sql/Transaction.hpp"

namespace jodo {

namespace {
std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}
}  // namespace

bool ErpSchema::has_column(const std::string& table, const std::string& column) const {
    return columns_of(table).count(lower(column)) > 0;
}

std::set<std::string> DatabaseErpSchema::columns_of(const std::string& table) const {
    if (auto it = cache_.find(table); it != cache_.end())
        return it->second;
    std::set<std::string> columns;
    // Double quotes name the table on every dialect the module runs on (its
    // MariaDB sessions use ANSI_QUOTES); a table name never holds one.
    if (table.find('"') == std::string::npos) {
        erp_sql::Transaction tx(session_);
        try {
            const auto rows =
                erp_sql::NativeStatement(session_, "SELECT * FROM \"" + table + "\" WHERE 1 = 0")
                    .run({});
            for (const auto& c : rows.columns)
                columns.insert(lower(c));
        } catch (const erp_sql::NativeError&) {
            // No such table (or no right to read it): the profile takes the
            // layout without it, and the start check says what is missing.
        }
        tx.rollback();
    }
    cache_[table] = columns;
    return columns;
}

std::set<std::string> ListedErpSchema::columns_of(const std::string& table) const {
    const auto it = tables_.find(table);
    if (it == tables_.end())
        return {};
    std::set<std::string> out;
    for (const auto& c : it->second)
        out.insert(lower(c));
    return out;
}

}  // namespace jodo
