// Every PostgreSQL session the module opens leaves error recovery to the
// module's own transactions: no driver savepoint around each statement.
#include <gtest/gtest.h>

#include "erp_sql/PostgresqlSession.hpp"

TEST(PostgresqlSession, RollbackLevelZeroIsAdded) {
    EXPECT_EQ(erp_sql::postgresql_connection_string(
                  "Driver=PostgreSQL Unicode;Server=h;Database=erp;Pwd={a;b}"),
              "Driver=PostgreSQL Unicode;Server=h;Database=erp;Pwd={a;b};Protocol=7.4-0;");
    EXPECT_EQ(erp_sql::postgresql_connection_string("DSN=erp;Uid=u;"),
              "DSN=erp;Uid=u;Protocol=7.4-0;");
}

TEST(PostgresqlSession, AnotherProtocolIsReplaced) {
    EXPECT_EQ(erp_sql::postgresql_connection_string("Driver=PostgreSQL;protocol=7.4-2;Server=h;"),
              "Driver=PostgreSQL;Server=h;Protocol=7.4-0;");
    EXPECT_EQ(erp_sql::postgresql_connection_string("Driver=PostgreSQL; PROTOCOL =7.4;"),
              "Driver=PostgreSQL;Protocol=7.4-0;");
}
