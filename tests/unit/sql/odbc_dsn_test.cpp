// Issue 11: a DSN= connection string is resolved through unixODBC's own
// odbc.ini/odbcinst.ini reader to its driver, and a driver registered under
// any name is known by its library. unixODBC reads where its files are only
// once per process, so this binary points it at files of its own (ODBCSYSINI,
// ODBCINI) in main(), before anything asks.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "erp_sql/Dialect.hpp"
#include "erp_sql/MariadbSession.hpp"
#include "support/TempDir.hpp"

namespace {

using erp_sql::Dialect;
using erp_sql::dialect_of;

TEST(OdbcDsn, ADriverRegisteredUnderAnyNameIsKnownByItsLibrary) {
    EXPECT_EQ(dialect_of("Driver={School DB Driver};Server=127.0.0.1;"), Dialect::mariadb);
}

TEST(OdbcDsn, ADsnIsResolvedThroughOdbcIniToItsDriver) {
    EXPECT_EQ(dialect_of("DSN=erp;Uid=u;Pwd=p;"), Dialect::mariadb);
    EXPECT_EQ(dialect_of("dsn = reference"), Dialect::sqlite);
    // The DSN's own flags are kept; FOUND_ROWS (2) is added to them.
    EXPECT_EQ(erp_sql::mariadb_connection_string("DSN=erp;Uid=u;"),
              "DSN=erp;Uid=u;OPTION=10;CHARSET=utf8mb4;");
}

TEST(OdbcDsn, AnUnconfiguredDsnIsRefusedByName) {
    try {
        dialect_of("DSN=missing;Pwd=never-in-a-message");
        FAIL() << "an unknown DSN was accepted";
    } catch (const std::invalid_argument& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("DSN=missing"), std::string::npos) << message;
        EXPECT_NE(message.find("odbc.ini"), std::string::npos) << message;
        EXPECT_EQ(message.find("never-in-a-message"), std::string::npos) << message;
    }
}

TEST(OdbcDsn, ADsnWhoseDriverIsNoneOfOursIsRefusedNamingBoth) {
    try {
        dialect_of("DSN=warehouse;");
        FAIL() << "an Oracle DSN was accepted";
    } catch (const std::invalid_argument& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("Oracle"), std::string::npos) << message;
        EXPECT_NE(message.find("DSN=warehouse"), std::string::npos) << message;
    }
}

}  // namespace

int main(int argc, char** argv) {
    testing_support::TempDir dir;
    std::ofstream(dir.path() / "odbcinst.ini")
        << "[School DB Driver]\nDriver=/usr/lib/x86_64-linux-gnu/odbc/libmaodbc.so\n"
           "[SQLite3]\nDriver=libsqlite3odbc.so\n"
           "[Oracle 19]\nDriver=/opt/oracle/libsqora.so\n";
    std::ofstream(dir.path() / "odbc.ini")
        << "[erp]\nDriver=School DB Driver\nServer=127.0.0.1\nOPTION=8\n"
           "[reference]\nDriver=SQLite3\nDatabase=/tmp/x.db\n"
           "[warehouse]\nDriver=Oracle 19\n";
    std::ofstream(dir.path() / "user.ini") << "";
    ::setenv("ODBCSYSINI", dir.path().c_str(), 1);
    ::setenv("ODBCINI", (dir.path() / "user.ini").c_str(), 1);
    testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
