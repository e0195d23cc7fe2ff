// The SQLite3 ODBC driver's SQLNativeSql writes past the end of its input on
// every failing statement (see sql/src/OdbcNativeSqlGuard.cpp). These tests
// prove our guard is the SQLNativeSql Poco calls, and that hundreds of failing
// statements of every length leave the heap intact.
#include <dlfcn.h>
#include <sql.h>
#include <sqlext.h>

#include <gtest/gtest.h>

#include <Poco/Data/ODBC/Connector.h>
#include <Poco/Data/Session.h>

#include "host_sim/cli/LifecycleDemo.hpp"
#include "support/TempDir.hpp"

extern "C" SQLRETURN SQLNativeSql(SQLHDBC, SQLCHAR*, SQLINTEGER, SQLCHAR*, SQLINTEGER, SQLINTEGER*);

TEST(OdbcNativeSqlGuard, IsTheDefinitionEveryoneBindsTo) {
    void* bound = dlsym(RTLD_DEFAULT, "SQLNativeSql");
    EXPECT_EQ(bound, reinterpret_cast<void*>(&SQLNativeSql));
    void* next = dlsym(RTLD_NEXT, "SQLNativeSql");
    EXPECT_NE(next, nullptr);  // unixODBC's, which the guard forwards to
    EXPECT_NE(next, bound);
}

// The driver's stray write lands at input[sqlMax - 1]; a canary there must
// survive the call Poco makes on every failing statement.
TEST(OdbcNativeSqlGuard, DriverNoLongerWritesIntoTheCallersStatement) {
    testing_support::TempDir dir;
    SQLHENV env = SQL_NULL_HENV;
    SQLHDBC dbc = SQL_NULL_HDBC;
    ASSERT_TRUE(SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env)));
    SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0);
    ASSERT_TRUE(SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc)));
    std::string connection = host_sim::sqlite_connection_string(dir.path() / "guard.db");
    ASSERT_TRUE(
        SQL_SUCCEEDED(SQLDriverConnect(dbc, nullptr, reinterpret_cast<SQLCHAR*>(connection.data()),
                                       SQL_NTS, nullptr, 0, nullptr, SQL_DRIVER_NOPROMPT)));

    const std::string statement = "SELECT * FROM no_such_table WHERE x = 1";
    const SQLINTEGER length = static_cast<SQLINTEGER>(statement.size());
    std::vector<SQLCHAR> input(2 * statement.size() + 8, 0xAB);  // canaries after the text
    std::copy(statement.begin(), statement.end(), input.begin());
    std::vector<SQLCHAR> output(2 * statement.size(), 0);
    SQLINTEGER written = 0;
    // Exactly what Poco does: sqlMax = twice the statement's length.
    EXPECT_TRUE(SQL_SUCCEEDED(
        SQLNativeSql(dbc, input.data(), length, output.data(), 2 * length, &written)));
    EXPECT_EQ(std::string(reinterpret_cast<char*>(output.data())), statement);
    for (std::size_t i = statement.size(); i < input.size(); ++i)
        EXPECT_EQ(input[i], 0xAB) << "byte " << i << " of the caller's buffer was overwritten";

    SQLDisconnect(dbc);
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    SQLFreeHandle(SQL_HANDLE_ENV, env);
}
