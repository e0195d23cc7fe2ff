// Issue 9 item 6: connection strings are logged only after redaction, and the
// redaction reads them with the ODBC grammar (braced values may hold ';' and
// "}}", keywords are case-insensitive and may carry spaces).
#include <gtest/gtest.h>

#include "erp_sql/Dialect.hpp"

namespace {

using erp_sql::redact_connection_string;

// `secret` must not appear in the redacted form of `connection`.
void expect_hidden(const std::string& connection, const std::string& secret) {
    const std::string redacted = redact_connection_string(connection);
    EXPECT_EQ(redacted.find(secret), std::string::npos)
        << connection << " was logged as " << redacted;
}

}  // namespace

TEST(ConnectionStringRedaction, BracedPasswordWithSemicolonIsHiddenWhole) {
    const std::string connection = "Driver=PostgreSQL Unicode;Uid=erp;Pwd={ab;cd-secret-tail};";
    EXPECT_EQ(redact_connection_string(connection), "Driver=PostgreSQL Unicode;Uid=erp;Pwd=***;");
    expect_hidden("Pwd={ab;cd-secret-tail};Server=db", "secret-tail");
    expect_hidden("Pwd={ab;cd-secret-tail};Server=db", "cd");
}

TEST(ConnectionStringRedaction, EscapedClosingBraceStaysInsideThePassword) {
    const std::string connection = "Driver=X;Pwd={a}}b;tail-secret};Uid=erp";
    EXPECT_EQ(redact_connection_string(connection), "Driver=X;Pwd=***;Uid=erp;");
}

TEST(ConnectionStringRedaction, KeywordsWithSpacesAndAnyCase) {
    expect_hidden("Driver=X; Pwd=SpaceLeak;", "SpaceLeak");
    expect_hidden("Driver=X;Pwd =SpaceBeforeEquals;", "SpaceBeforeEquals");
    expect_hidden("Driver=X;\tPASSWORD=TabLeak", "TabLeak");
    expect_hidden("Driver=X;password={Braced Leak}", "Braced Leak");
    expect_hidden("Driver=X;pWd= {LeadingSpaceBrace}", "LeadingSpaceBrace");
    EXPECT_EQ(redact_connection_string("Driver=X; Pwd=SpaceLeak;Uid=u"),
              "Driver=X; Pwd=***;Uid=u;");
}

TEST(ConnectionStringRedaction, UnterminatedBraceHidesEverythingAfterIt) {
    expect_hidden("Driver=X;Pwd={never-closed;Uid=erp;Server=db", "never-closed");
    expect_hidden("Driver=X;Database={never-closed;Pwd=hidden-too", "hidden-too");
}

TEST(ConnectionStringRedaction, PartsWithoutAKeywordAreHidden) {
    // A driver reads "Pwd=ab;cd" as the password "ab" and a stray "cd"; the
    // stray part may well be the rest of the password the user meant.
    expect_hidden("Driver=X;Pwd=ab;cd-rest-of-secret;Uid=erp", "cd-rest-of-secret");
}

TEST(ConnectionStringRedaction, EverythingElseIsKeptAsWritten) {
    EXPECT_EQ(redact_connection_string(
                  "Driver={PostgreSQL Unicode};Server=127.0.0.1;Port=5432;Database={a;b};Uid=erp"),
              "Driver={PostgreSQL Unicode};Server=127.0.0.1;Port=5432;Database={a;b};Uid=erp;");
    EXPECT_EQ(redact_connection_string("Driver=SQLite3;Database=/tmp/x.db;Timeout=10000;"),
              "Driver=SQLite3;Database=/tmp/x.db;Timeout=10000;");
    EXPECT_EQ(redact_connection_string(""), "");
}

TEST(ConnectionStringDialect, DriverIsReadWithTheSameGrammar) {
    EXPECT_EQ(erp_sql::dialect_of("Database={/tmp/driver=postgres;x.db};Driver=SQLite3"),
              erp_sql::Dialect::sqlite);
    EXPECT_EQ(erp_sql::dialect_of(" DRIVER = {PostgreSQL Unicode};Server=h"),
              erp_sql::Dialect::postgresql);
}

TEST(ConnectionStringDialect, UnknownDriverMessageHoldsNoPassword) {
    try {
        erp_sql::dialect_of("DSN=erp;Uid=u;Pwd=never-in-a-message");
        FAIL() << "no driver accepted";
    } catch (const std::invalid_argument& e) {
        EXPECT_EQ(std::string(e.what()).find("never-in-a-message"), std::string::npos) << e.what();
    }
}
