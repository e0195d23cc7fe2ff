// The reconciler's claim reads due rows from the index in claim order
// (migration 004, CollectionStore::due_condition): the plan each database
// makes for it takes jodo_collections_due_order and sorts nothing, also when
// thousands of rows share one next_check_at, as a bulk collection writes them.
// With the index on next_check_at alone (or SQLite choosing the index on
// status) every claim of 32 read and sorted all of them.
#include <gtest/gtest.h>

#include "erp_sql/NativeStatement.hpp"
#include "erp_sql/Transaction.hpp"
#include "jodo/erp/CollectionStore.hpp"
#include "jodo/erp/Database.hpp"
#include "support/ErpDatabases.hpp"

using acceptance::ErpDatabase;
using erp_sql::Dialect;

namespace {
constexpr int kRows = 3000;
// Far past any test's clock: no reconciler of another test finds these due.
constexpr const char* kNextCheck = "2999-01-01T00:00:00Z";

// The condition with the claim's values written in, for EXPLAIN.
std::string with_values(std::string condition) {
    for (const char* value : {"'2999-12-31T00:00:00Z'", "'creating'", "'unknown'", "'unpaid'",
                              "'paid'", "'superseded'"})
        condition.replace(condition.find('?'), 1, value);
    return condition;
}

void add_rows(Poco::Data::Session& session, const std::string& prefix) {
    erp_sql::Transaction tx(session);
    for (int first = 0; first < kRows; first += 500) {
        std::string sql =
            "INSERT INTO jodo_collections (collection_id, invoice_id, kind, status, active, "
            "amount, "
            "next_check_at, created_at, updated_at) VALUES ";
        for (int i = first; i < first + 500; ++i) {
            const std::string id = "'" + prefix + std::to_string(i) + "'";
            sql += std::string(i == first ? "" : ", ") + "(" + id + ", " + id +
                   ", 'order', 'unpaid', 0, 100.00, '" + kNextCheck +
                   "', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')";
        }
        erp_sql::NativeStatement(session, sql).run({});
    }
    tx.commit();
}

// Every cell of the plan's rows, one line per row.
std::string plan_of(Poco::Data::Session& session, Dialect dialect) {
    const std::string query = "SELECT collection_id FROM jodo_collections WHERE " +
                              with_values(jodo::CollectionStore::due_condition(dialect)) +
                              " ORDER BY next_check_at, collection_id LIMIT 32";
    const auto rows =
        erp_sql::NativeStatement(
            session, (dialect == Dialect::sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + query)
            .run({});
    std::string plan;
    for (const auto& row : rows.rows) {
        for (const auto& cell : row)
            plan += cell.value_or("NULL") + " ";
        plan += "\n";
    }
    return plan;
}
}  // namespace

class DueClaimPlan : public testing::TestWithParam<std::string> {};

TEST_P(DueClaimPlan, ReadsTheClaimOrderIndexAndSortsNothing) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    jodo::Database database(db.connection_string());
    database.migrate_plugin_tables();
    const std::string prefix = acceptance::unique_prefix() + "-PLAN-";
    auto session = database.session();
    add_rows(session, prefix);
    // Statistics where the database keeps them (SQLite's planner runs without
    // them unless told: the case the condition is written for).
    if (database.dialect() == Dialect::postgresql)
        erp_sql::NativeStatement(session, "ANALYZE jodo_collections").run({});
    if (database.dialect() == Dialect::mariadb)
        erp_sql::NativeStatement(session, "ANALYZE TABLE jodo_collections").run({});

    const std::string plan = plan_of(session, database.dialect());
    erp_sql::NativeStatement(
        session, "DELETE FROM jodo_collections WHERE collection_id LIKE '" + prefix + "%'")
        .run({});

    EXPECT_NE(plan.find("jodo_collections_due_order"), std::string::npos) << plan;
    for (const char* sorting : {"Sort", "TEMP B-TREE", "filesort"})
        EXPECT_EQ(plan.find(sorting), std::string::npos) << plan;
}

INSTANTIATE_TEST_SUITE_P(Databases, DueClaimPlan,
                         testing::Values("sqlite", "postgresql", "mariadb"),
                         [](const auto& info) { return info.param; });
