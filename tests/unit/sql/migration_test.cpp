#include <gtest/gtest.h>

#include "erp_sql/Dialect.hpp"
#include "erp_sql/Migration.hpp"
#include "erp_sql/Migrator.hpp"

TEST(Migrations, SplitsScriptsAtLineEndSemicolons) {
    auto parts = erp_sql::split_statements(
        "-- comment\nCREATE TABLE a (x INT);\n\nCREATE TABLE b (\n  y INT\n);\n");
    ASSERT_EQ(parts.size(), 2u);
    EXPECT_EQ(parts[0], "CREATE TABLE a (x INT)");
    EXPECT_NE(parts[1].find("y INT"), std::string::npos);
}

TEST(Migrations, EverySetExistsForEveryDialectInVersionOrder) {
    for (auto dialect :
         {erp_sql::Dialect::sqlite, erp_sql::Dialect::postgresql, erp_sql::Dialect::mariadb})
        for (const char* set : {"erp", "jodo"}) {
            auto chosen = erp_sql::migrations_for(dialect, set);
            ASSERT_FALSE(chosen.empty()) << erp_sql::dialect_name(dialect) << "/" << set;
            EXPECT_EQ(chosen.front().version, 1);
            for (std::size_t i = 1; i < chosen.size(); ++i)
                EXPECT_LT(chosen[i - 1].version, chosen[i].version);
        }
}

TEST(Dialect, FromTheDriverName) {
    EXPECT_EQ(erp_sql::dialect_of("Driver=SQLite3;Database=/tmp/x.db;"), erp_sql::Dialect::sqlite);
    EXPECT_EQ(erp_sql::dialect_of("DRIVER={PostgreSQL Unicode};Server=127.0.0.1;"),
              erp_sql::Dialect::postgresql);
    EXPECT_THROW(erp_sql::dialect_of("Driver=Oracle;"), std::invalid_argument);
}

TEST(Dialect, RedactsPasswords) {
    EXPECT_EQ(erp_sql::redact_connection_string("Driver=PostgreSQL Unicode;Uid=erp;Pwd=s3cret;"),
              "Driver=PostgreSQL Unicode;Uid=erp;Pwd=***;");
}
