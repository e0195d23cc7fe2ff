// Issue 11: MariaDB is chosen from the driver name, and every session the
// module opens counts matched rows and speaks utf8mb4. DSN= strings:
// odbc_dsn_test.cpp.
#include <gtest/gtest.h>

#include "erp_sql/Dialect.hpp"
#include "erp_sql/MariadbSession.hpp"
#include "erp_sql/Migration.hpp"
#include "erp_sql/Migrator.hpp"

using erp_sql::Dialect;
using erp_sql::dialect_of;

TEST(MariadbDialect, FromTheDriverNameOrItsLibrary) {
    EXPECT_EQ(dialect_of("Driver=MariaDB;Server=127.0.0.1;Database=erp;"), Dialect::mariadb);
    EXPECT_EQ(dialect_of("DRIVER={MariaDB Unicode};Server=127.0.0.1;"), Dialect::mariadb);
    EXPECT_EQ(dialect_of("Driver=/usr/lib/x86_64-linux-gnu/odbc/libmaodbc.so;Server=h"),
              Dialect::mariadb);
    EXPECT_STREQ(erp_sql::dialect_name(Dialect::mariadb), "mariadb");
}

TEST(MariadbSession, FoundRowsIsAddedToTheFlagsAndUtf8mb4IsTheCharset) {
    EXPECT_EQ(erp_sql::mariadb_connection_string("Driver=MariaDB;Server=h;"),
              "Driver=MariaDB;Server=h;OPTION=2;CHARSET=utf8mb4;");
    EXPECT_EQ(
        erp_sql::mariadb_connection_string("Driver=MariaDB;option=1;CharSet=UTF8MB4;Pwd={a;b}"),
        "Driver=MariaDB;Pwd={a;b};OPTION=3;CHARSET=utf8mb4;");
    EXPECT_EQ(erp_sql::mariadb_connection_string("Driver=MariaDB;OPTION=2;"),
              "Driver=MariaDB;OPTION=2;CHARSET=utf8mb4;");
}

TEST(MariadbSession, AnotherCharsetOrAnUnreadableOptionIsRefusedNamingIt) {
    try {
        erp_sql::mariadb_connection_string("Driver=MariaDB;CHARSET=latin1;");
        FAIL() << "latin1 accepted";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("CHARSET=latin1"), std::string::npos) << e.what();
    }
    try {
        erp_sql::mariadb_connection_string("Driver=MariaDB;OPTION=lots;");
        FAIL() << "OPTION=lots accepted";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("OPTION=lots"), std::string::npos) << e.what();
    }
}

TEST(MariadbMigrations, NoPartialIndexAndEveryStatementReRunnable) {
    for (const char* set : {"erp", "jodo"})
        for (const auto& m : erp_sql::migrations_for(Dialect::mariadb, set)) {
            EXPECT_EQ(m.dialect, "mariadb") << set << "/" << m.version << " " << m.name;
            for (const auto& statement : erp_sql::split_statements(m.script)) {
                const bool drop = statement.find("DROP ") != std::string::npos;
                EXPECT_TRUE(statement.find(drop ? "IF EXISTS" : "IF NOT EXISTS") !=
                            std::string::npos)
                    << set << "/" << m.version << ": " << statement;
                EXPECT_EQ(statement.find(" WHERE "), std::string::npos) << statement;
            }
        }
}
