// An ODBC failure reaches the administrator as one sentence: driver, server,
// what failed; the driver's dump (as psqlODBC and Poco give it) goes to the log.
#include "host_sim/host/OdbcFailure.hpp"

#include <gtest/gtest.h>

namespace {
const char* const kDump =
    "cannot open the ERP database: Connection attempt failed: Connection:Not applicable\n"
    "Server:Not applicable\n===========================\nODBC Diagnostic record #1:\n"
    "===========================\nSQLSTATE = 08001\nNative Error Code = 101\n"
    "connection to server at \"127.0.0.1\", port 1 failed: Connection refused\n"
    "\tIs the server running on that host and accepting TCP/IP connections?\n\n\n";
}  // namespace

TEST(OdbcFailure, TheDumpBecomesOneSentenceWithDriverServerAndReason) {
    const std::string summary = host_sim::summarise_odbc_failure(
        "Driver=PostgreSQL Unicode;Server=127.0.0.1;Port=1;Database=erp;Uid=erp;Pwd=hunter2;",
        kDump);
    EXPECT_EQ(summary,
              "cannot open the ERP database: Connection attempt failed (driver PostgreSQL "
              "Unicode, server 127.0.0.1:1): connection to server at \"127.0.0.1\", port 1 "
              "failed: Connection refused [SQLSTATE 08001]");
}

TEST(OdbcFailure, ADataSourceOrAFileDatabaseIsNamedInstead) {
    EXPECT_NE(host_sim::summarise_odbc_failure("DSN=erp;", kDump).find("(data source erp)"),
              std::string::npos);
    EXPECT_NE(host_sim::summarise_odbc_failure("Driver=SQLite3;Database=/srv/erp.db;", kDump)
                  .find("(driver SQLite3, database /srv/erp.db)"),
              std::string::npos);
}

TEST(OdbcFailure, OtherMessagesAreLeftAlone) {
    EXPECT_EQ(host_sim::summarise_odbc_failure("Driver=SQLite3;", "jodo.api_key is missing"),
              "jodo.api_key is missing");
}

TEST(OdbcFailure, TheRawTextForTheLogIsOneLine) {
    const std::string line = host_sim::one_line(kDump);
    EXPECT_EQ(line.find('\n'), std::string::npos) << line;
    EXPECT_NE(line.find("SQLSTATE = 08001 | Native Error Code = 101"), std::string::npos) << line;
    EXPECT_NE(line.find("Is the server running"), std::string::npos) << line;
}
