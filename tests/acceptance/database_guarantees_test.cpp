// Issue 11: what the module relies on from the database, on every dialect,
// and MariaDB's own ways of giving it (no partial index, DDL that commits at
// once, a row count that depends on a client flag, charsets per table).
#include <gtest/gtest.h>

#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "erp_sql/Migrator.hpp"
#include "erp_sql/Transaction.hpp"
#include "jodo/erp/Database.hpp"
#include "support/ErpDatabases.hpp"

using acceptance::ErpDatabase;
using namespace Poco::Data::Keywords;

namespace {

void insert_collection(Poco::Data::Session& session, const std::string& id,
                       const std::string& invoice, int active) {
    std::string collection = id, inv = invoice, at = "2026-12-01T10:00:00Z";
    session << "INSERT INTO jodo_collections (collection_id, invoice_id, kind, status, active, "
               "amount, created_at, updated_at) VALUES (?, ?, 'order', 'unpaid', ?, 100.50, ?, ?)",
        use(collection), use(inv), use(active), use(at), use(at), now;
}

}  // namespace

class DatabaseGuarantees : public testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        db_ = std::make_unique<ErpDatabase>(GetParam());
        if (db_->connection_string().empty()) {
            if (db_->required())
                FAIL() << db_->unavailable_reason();
            GTEST_SKIP() << db_->unavailable_reason();
        }
        database_ = std::make_unique<jodo::Database>(db_->connection_string());
        database_->migrate_plugin_tables();
    }
    std::unique_ptr<ErpDatabase> db_;
    std::unique_ptr<jodo::Database> database_;
};

TEST_P(DatabaseGuarantees, OnlyOneActiveCollectionPerInvoice) {
    auto session = database_->session();
    insert_collection(session, "c-1", "INV-1", 1);
    EXPECT_THROW(insert_collection(session, "c-2", "INV-1", 1), Poco::Exception);
    insert_collection(session, "c-3", "INV-1", 0);  // inactive ones: any number
    insert_collection(session, "c-4", "INV-1", 0);
    insert_collection(session, "c-5", "INV-2", 1);  // another invoice
    // Activating a second one is refused too, not only inserting it.
    const auto activate = [&](const std::string& id) {
        std::string collection = id;
        session << "UPDATE jodo_collections SET active = 1 WHERE collection_id = ?",
            use(collection), now;
    };
    EXPECT_THROW(activate("c-3"), Poco::Exception);
    session << "UPDATE jodo_collections SET active = 0 WHERE collection_id = 'c-1'", now;
    activate("c-3");
    int active = 0;
    session << "SELECT COUNT(*) FROM jodo_collections WHERE invoice_id = 'INV-1' AND active = 1",
        into(active), now;
    EXPECT_EQ(active, 1);
}

// A conditional update that writes the values the row already has still
// matched it: the count must say 1 (MariaDB counts changed rows unless the
// connection asks for FOUND_ROWS).
TEST_P(DatabaseGuarantees, AConditionalUpdateCountsEveryRowItsWhereMatched) {
    auto session = database_->session();
    insert_collection(session, "c-1", "INV-1", 1);
    insert_collection(session, "c-2", "INV-2", 1);
    const std::string update = "UPDATE jodo_collections SET status = ? WHERE status = ?";
    EXPECT_EQ(database_->update_count(session, update, {"unpaid", "unpaid"}), 2u);
    EXPECT_EQ(database_->update_count(session, update, {"paid", "no-such-status"}), 0u);
    EXPECT_EQ(database_->update_count(session,
                                      "UPDATE jodo_collections SET status = ? "
                                      "WHERE collection_id = ? AND status = ?",
                                      {"paid", "c-1", "unpaid"}),
              1u);
    EXPECT_EQ(database_->update_count(session,
                                      "UPDATE jodo_collections SET status = ? "
                                      "WHERE collection_id = ? AND status = ?",
                                      {"paid", "c-1", "unpaid"}),
              0u);  // the second of two racing updates loses
}

// Names in Indian scripts and emoji come back byte for byte.
// Two transactions that each read, then write (an ERP's invoice save beside
// the connector's purge, say) both commit. On SQLite a DEFERRED transaction
// takes the write lock only at its first write, so the two would wait on each
// other until the busy timeout failed one.
TEST_P(DatabaseGuarantees, TwoReadThenWriteTransactionsBothCommit) {
    std::atomic<bool> second_began{false};
    std::atomic<int> committed{0};
    std::string failure;
    std::mutex failure_mutex;
    auto save = [&](const std::string& id, bool first) {
        try {
            auto session = database_->session();
            erp_sql::Transaction tx(session);
            if (!first)
                second_began = true;
            int rows = 0;
            session << "SELECT COUNT(*) FROM jodo_collections", into(rows), now;
            if (first)  // let the second one start, if it can, before writing
                for (int i = 0; i < 40 && !second_began; ++i)
                    std::this_thread::sleep_for(std::chrono::milliseconds(5));
            insert_collection(session, id, "INV-" + id, 0);
            tx.commit();
            ++committed;
        } catch (const std::exception& e) {
            std::lock_guard<std::mutex> lock(failure_mutex);
            failure += id + ": " + e.what() + "\n";
        }
    };
    std::thread first(save, acceptance::unique_prefix() + "-rw-1", true);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    std::thread second(save, acceptance::unique_prefix() + "-rw-2", false);
    first.join();
    second.join();
    EXPECT_EQ(committed.load(), 2) << failure;
}

// SQLite: every pooled connection's own page cache is bounded (its default,
// 2 MB each over a pool of dozens, grew the process with the database).
TEST_P(DatabaseGuarantees, SqliteConnectionsKeepASmallPageCache) {
    if (GetParam() != "sqlite")
        GTEST_SKIP() << "SQLite only";
    std::vector<Poco::Data::Session> held;  // several connections at once
    for (int i = 0; i < 4; ++i)
        held.push_back(database_->session());
    for (auto& session : held) {
        int kib = 0;
        session << "PRAGMA cache_size", into(kib), now;
        EXPECT_EQ(kib, -256);
    }
}

TEST_P(DatabaseGuarantees, FourByteUtf8TextRoundTrips) {
    auto session = database_->session();
    insert_collection(session, "c-1", "INV-1", 1);
    std::string text =
        "\xE0\xA4\xB5\xE0\xA4\xBF\xE0\xA4\x95\xE0\xA5\x8D\xE0\xA4\xB0\xE0\xA4\xAE "
        "\xF0\x9F\x8E\x93 paid";  // "विक्रम 🎓 paid"
    session << "UPDATE jodo_collections SET review_reason = ? WHERE collection_id = 'c-1'",
        use(text), now;
    std::string back;
    session << "SELECT review_reason FROM jodo_collections WHERE collection_id = 'c-1'", into(back),
        now;
    EXPECT_EQ(back, text);
}

INSTANTIATE_TEST_SUITE_P(Databases, DatabaseGuarantees,
                         testing::Values("sqlite", "postgresql", "mariadb"),
                         [](const auto& info) { return info.param; });

// MariaDB only: what the others give by themselves.
class MariadbOnly : public testing::Test {
  protected:
    void SetUp() override {
        db_ = std::make_unique<ErpDatabase>("mariadb");
        if (db_->connection_string().empty()) {
            if (db_->required())
                FAIL() << db_->unavailable_reason();
            GTEST_SKIP() << db_->unavailable_reason();
        }
    }
    std::unique_ptr<ErpDatabase> db_;
};

// The module's tables are utf8mb4 whatever the database's default is (an
// ERP's database may well be latin1 or MariaDB's 3-byte utf8).
TEST_F(MariadbOnly, TablesAreUtf8mb4InALatin1Database) {
    jodo::Database database(db_->connection_string());
    {
        auto session = database.session();
        session << "ALTER DATABASE CHARACTER SET latin1 COLLATE latin1_swedish_ci", now;
    }
    database.migrate_plugin_tables();
    auto session = database.session();
    std::vector<std::string> charsets;
    session << "SELECT DISTINCT CCSA.character_set_name FROM information_schema.TABLES T "
               "JOIN information_schema.COLLATION_CHARACTER_SET_APPLICABILITY CCSA "
               "ON CCSA.collation_name = T.table_collation "
               "WHERE T.table_schema = DATABASE() AND T.table_name LIKE 'jodo\\_%'",
        into(charsets), now;
    EXPECT_EQ(charsets, std::vector<std::string>{"utf8mb4"});
    insert_collection(session, "c-1", "INV-\xF0\x9F\x8E\x93", 1);
    std::string back;
    session << "SELECT invoice_id FROM jodo_collections WHERE collection_id = 'c-1'", into(back),
        now;
    EXPECT_EQ(back, "INV-\xF0\x9F\x8E\x93");
}

// MariaDB commits each DDL statement at once: a process that dies inside a
// migration leaves it half applied and unrecorded. Running it again must work.
TEST_F(MariadbOnly, AMigrationHalfAppliedAndUnrecordedRunsAgain) {
    jodo::Database database(db_->connection_string());
    database.migrate_plugin_tables();
    auto session = database.session();
    session << "DELETE FROM jodo_schema_migrations", now;
    for (const char* set : {"erp", "jodo"}) {
        erp_sql::Migrator migrator(session, erp_sql::Dialect::mariadb, set);
        EXPECT_NO_THROW(migrator.migrate()) << set;
        session << "DELETE FROM " + std::string(set) + "_schema_migrations", now;
        EXPECT_NO_THROW(migrator.migrate()) << set << " again";
    }
}

// Strict mode in every session: text longer than its column is refused, never cut.
TEST_F(MariadbOnly, TooLongTextIsRefusedNotCut) {
    jodo::Database database(db_->connection_string());
    database.migrate_plugin_tables();
    auto session = database.session();
    EXPECT_THROW(insert_collection(session, std::string(41, 'c'), "INV-1", 1), Poco::Exception);
    int rows = -1;
    session << "SELECT COUNT(*) FROM jodo_collections", into(rows), now;
    EXPECT_EQ(rows, 0);
}
