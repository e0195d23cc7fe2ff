// Issue 10: statements prepared once per pooled connection and run again
// (erp_sql::PreparedStatements), and safe when the pool's connection is lost
// or closed under the cache. Real databases through their ODBC drivers.
#include <gtest/gtest.h>

#include <Poco/Data/Session.h>

#include <chrono>
#include <thread>

#include "erp_sql/NativeStatement.hpp"
#include "erp_sql/OpenOdbcSession.hpp"
#include "erp_sql/PreparedStatements.hpp"
#include "erp_sql/Transaction.hpp"
#include "jodo/erp/Database.hpp"
#include "support/ErpDatabases.hpp"

using acceptance::ErpDatabase;
using erp_sql::NativeStatement;
using erp_sql::PreparedStatements;
using erp_sql::text_param;

namespace {

// A table of the test's own (no foreign keys to satisfy).
const char* kTable =
    "CREATE TABLE prep_lines (collection_id VARCHAR(40) NOT NULL, line_no INTEGER NOT NULL, "
    "component_type VARCHAR(40) NOT NULL, amount DECIMAL(14,2) NOT NULL, "
    "PRIMARY KEY (collection_id, line_no))";
const std::string kInsert =
    "INSERT INTO prep_lines (collection_id, line_no, component_type, amount) VALUES (?, ?, ?, ?)";
const std::string kCount = "SELECT COUNT(*) FROM prep_lines WHERE collection_id = ?";

std::size_t insert_line(jodo::Database& db, Poco::Data::Session& session, const std::string& id,
                        int line_no) {
    return db.update_count(session, kInsert,
                           {text_param(id), erp_sql::integer_param(line_no), text_param("Fee"),
                            erp_sql::decimal_param("100.25")});
}

std::string count_lines(Poco::Data::Session& session, const std::string& id) {
    auto rows =
        NativeStatement(session, kCount, NativeStatement::Reuse::prepared).run({text_param(id)});
    return rows.rows.at(0).at(0).value_or("");
}

// The named plans psqlODBC holds on this connection for `sql` and how often
// each was run (PostgreSQL 14+: generic_plans + custom_plans).
std::vector<std::vector<std::optional<std::string>>> plans_for(Poco::Data::Session& session,
                                                               const std::string& fragment) {
    return NativeStatement(session,
                           "SELECT name, generic_plans + custom_plans FROM pg_prepared_statements "
                           "WHERE statement LIKE ?")
        .run({text_param("%" + fragment + "%")})
        .rows;
}

}  // namespace

class PreparedStatementsTest : public testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        db_ = std::make_unique<ErpDatabase>(GetParam());
        ACCEPTANCE_REQUIRE_DATABASE(*db_);
        // One pooled connection: every checkout is the same one.
        database_ = std::make_unique<jodo::Database>(db_->connection_string(), 1);
        auto session = database_->session();
        NativeStatement(session, kTable).run({});
    }
    void TearDown() override {
        PreparedStatements::instance().set_capacity(64);
        database_.reset();
    }
    std::unique_ptr<ErpDatabase> db_;
    std::unique_ptr<jodo::Database> database_;
};

TEST_P(PreparedStatementsTest, OneStatementRunManyTimesIsPreparedOnce) {
    auto& cache = PreparedStatements::instance();
    const std::size_t before = cache.prepares();
    constexpr int kRuns = 12;
    for (int i = 1; i <= kRuns; ++i) {
        auto session = database_->session();  // checked out again each time
        erp_sql::Transaction tx(session);
        EXPECT_EQ(insert_line(*database_, session, "c-1", i), 1u);
        tx.commit();
    }
    // Two statements (the insert, the count), each prepared once.
    auto session = database_->session();
    EXPECT_EQ(count_lines(session, "c-1"), std::to_string(kRuns));
    EXPECT_EQ(count_lines(session, "c-1"), std::to_string(kRuns));
    EXPECT_EQ(cache.prepares() - before, 2u);
    if (GetParam() == "postgresql") {
        const auto plans = plans_for(session, "INSERT INTO prep_lines");
        ASSERT_EQ(plans.size(), 1u) << "one named plan for the insert on this connection";
        EXPECT_EQ(plans[0][1].value_or(""), std::to_string(kRuns));
    }
}

TEST_P(PreparedStatementsTest, WithoutTheCacheEveryRunPrepares) {
    // The same runs with nothing kept: what the test above would see if the
    // cache did not work.
    auto& cache = PreparedStatements::instance();
    cache.set_capacity(0);
    const std::size_t before = cache.prepares();
    auto session = database_->session();
    for (int i = 1; i <= 5; ++i)
        EXPECT_EQ(insert_line(*database_, session, "c-2", i), 1u);
    EXPECT_EQ(cache.prepares() - before, 5u);
    if (GetParam() == "postgresql") {
        EXPECT_TRUE(plans_for(session, "INSERT INTO prep_lines").empty());
    }
}

TEST_P(PreparedStatementsTest, RowCountsOfConditionalWritesAreTheDatabases) {
    auto session = database_->session();
    EXPECT_EQ(insert_line(*database_, session, "c-3", 1), 1u);
    EXPECT_EQ(insert_line(*database_, session, "c-3", 2), 1u);
    const std::string update = "UPDATE prep_lines SET component_type = ? WHERE collection_id = ?";
    // Rows matched, also when the values do not change (MariaDB: FOUND_ROWS).
    for (int run = 0; run < 3; ++run)
        EXPECT_EQ(database_->update_count(session, update, {text_param("Fee"), text_param("c-3")}),
                  2u);
    EXPECT_EQ(database_->update_count(session, update, {text_param("Fee"), text_param("none")}),
              0u);
    EXPECT_EQ(database_->update_count(session, update, {text_param("Bus"), text_param("c-3")}), 2u);
}

TEST_P(PreparedStatementsTest, AFailedRunInATransactionLeavesTheNextRunsWorking) {
    auto& cache = PreparedStatements::instance();
    {
        auto session = database_->session();
        EXPECT_EQ(insert_line(*database_, session, "c-4", 1), 1u);
    }
    for (int round = 0; round < 2; ++round) {
        auto session = database_->session();
        erp_sql::Transaction tx(session);
        // The same line again: the primary key refuses it, the transaction
        // fails and is rolled back.
        EXPECT_ANY_THROW(insert_line(*database_, session, "c-4", 1));
        tx.rollback();
    }
    const std::size_t before = cache.prepares();
    auto session = database_->session();
    erp_sql::Transaction tx(session);
    EXPECT_EQ(insert_line(*database_, session, "c-4", 2), 1u);
    EXPECT_EQ(insert_line(*database_, session, "c-4", 3), 1u);
    tx.commit();
    EXPECT_EQ(cache.prepares() - before, 1u) << "the failed handle is replaced once";
    EXPECT_EQ(count_lines(session, "c-4"), "3");
}

TEST_P(PreparedStatementsTest, StatementsBeyondTheCapacityAreFreedAndPreparedAgain) {
    auto& cache = PreparedStatements::instance();
    cache.set_capacity(2);
    auto session = database_->session();
    const std::size_t before = cache.prepares();
    for (int round = 0; round < 3; ++round)
        for (int k = 0; k < 3; ++k)  // three texts, two kept: each run prepares
            NativeStatement(session, "SELECT " + std::to_string(k) + " AS k",
                            NativeStatement::Reuse::prepared)
                .run({});
    EXPECT_EQ(cache.prepares() - before, 9u);
    const std::size_t kept = cache.prepares();
    for (int round = 0; round < 3; ++round)
        NativeStatement(session, "SELECT 1 AS k", NativeStatement::Reuse::prepared).run({});
    EXPECT_EQ(cache.prepares() - kept, 0u) << "a kept one is not prepared again";
}

TEST_P(PreparedStatementsTest, AConnectionThePoolClosedIsPreparedAfreshOnTheNextOne) {
    auto& cache = PreparedStatements::instance();
    {
        auto session = database_->session();
        EXPECT_EQ(insert_line(*database_, session, "c-5", 1), 1u);
    }
    // The pool closes the idle connection (what its janitor does after the
    // idle time), the driver manager frees its statements with it; the next
    // database has a new connection, perhaps at the same address.
    database_.reset();
    EXPECT_EQ(cache.connections(), 0u) << "entries of closed connections are dropped";
    database_ = std::make_unique<jodo::Database>(db_->connection_string(), 1);
    const std::size_t before = cache.prepares();
    auto session = database_->session();
    EXPECT_EQ(insert_line(*database_, session, "c-5", 2), 1u);
    EXPECT_EQ(count_lines(session, "c-5"), "2");
    EXPECT_EQ(cache.prepares() - before, 2u);
}

TEST_P(PreparedStatementsTest, ASessionClosedUnderTheCacheIsNeverFreedTwice) {
    // A session closed while the cache holds its statements (as the pool's
    // janitor closes one), then let go: the sweep must not free handles the
    // driver manager already freed (ASan would see it).
    auto& cache = PreparedStatements::instance();
    const std::size_t connections = cache.connections();
    {
        Poco::Data::Session own = erp_sql::open_odbc_session(db_->connection_string());
        EXPECT_EQ(count_lines(own, "c-6"), "0");
        EXPECT_EQ(cache.connections(), connections + 1);
        own.close();
    }
    cache.sweep();
    EXPECT_EQ(cache.connections(), connections);
}

TEST_P(PreparedStatementsTest, AConnectionLostOnTheServerIsPreparedAfreshAfterwards) {
    if (GetParam() != "postgresql")
        GTEST_SKIP() << "ends the server's backend of the connection: PostgreSQL";
    auto& cache = PreparedStatements::instance();
    std::string pid;
    {
        auto session = database_->session();
        EXPECT_EQ(insert_line(*database_, session, "c-7", 1), 1u);
        EXPECT_EQ(count_lines(session, "c-7"), "1");
        pid = NativeStatement(session, "SELECT pg_backend_pid()").run({}).rows.at(0).at(0).value();
    }
    {
        Poco::Data::Session admin = erp_sql::open_odbc_session(db_->connection_string());
        NativeStatement(admin, "SELECT pg_terminate_backend(" + pid + ")").run({});
    }
    // Idle over a second: the next checkout asks the connection, finds it
    // dead, and the pool replaces it.
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    bool lost_seen = false;
    for (int attempt = 0; attempt < 3; ++attempt) {
        try {
            auto session = database_->session();
            const std::size_t before = cache.prepares();
            EXPECT_EQ(count_lines(session, "c-7"), "1");
            EXPECT_EQ(insert_line(*database_, session, "c-7", 2), 1u);
            EXPECT_EQ(count_lines(session, "c-7"), "2");
            EXPECT_EQ(cache.prepares() - before, 2u) << "a fresh prepare on the new connection";
            break;
        } catch (const std::exception&) {
            lost_seen = true;  // the dead one failed its statement; the pool drops it
        }
    }
    (void)lost_seen;
    auto session = database_->session();
    EXPECT_EQ(count_lines(session, "c-7"), "2");
}

INSTANTIATE_TEST_SUITE_P(Databases, PreparedStatementsTest,
                         testing::Values("sqlite", "postgresql", "mariadb"),
                         [](const auto& info) { return info.param; });
