#include "jodo/erp/mapping/NamedSql.hpp"

#include <gtest/gtest.h>

using jodo::parse_named_sql;

TEST(NamedSql, PlaceholdersBecomeQuestionMarksInOrder) {
    auto s = parse_named_sql("UPDATE t SET a = :amount WHERE id = :invoice_id AND b = :amount");
    ASSERT_EQ(s.size(), 1u);
    EXPECT_EQ(s[0].sql, "UPDATE t SET a = ? WHERE id = ? AND b = ?");
    EXPECT_EQ(s[0].parameters, (std::vector<std::string>{"amount", "invoice_id", "amount"}));
}

TEST(NamedSql, CastsQuotesAndCommentsAreLeftAlone) {
    auto s = parse_named_sql(
        "SELECT x::text, ':not_me', \"col:umn\", `a:b` -- :comment\n"
        "FROM t /* :neither */ WHERE id = :id");
    ASSERT_EQ(s.size(), 1u);
    EXPECT_EQ(s[0].parameters, (std::vector<std::string>{"id"}));
    EXPECT_NE(s[0].sql.find("x::text"), std::string::npos);
    EXPECT_NE(s[0].sql.find("':not_me'"), std::string::npos);
    EXPECT_NE(s[0].sql.find("\"col:umn\""), std::string::npos);
    EXPECT_EQ(s[0].sql.find(":comment"), std::string::npos);
}

TEST(NamedSql, DoubledQuotesStayInsideTheString) {
    auto s = parse_named_sql("SELECT 'it''s :x' WHERE a = :y");
    ASSERT_EQ(s.size(), 1u);
    EXPECT_EQ(s[0].parameters, (std::vector<std::string>{"y"}));
}

TEST(NamedSql, SemicolonsSplitStatementsOutsideQuotes) {
    auto s = parse_named_sql("INSERT INTO r VALUES (:a, ';'); UPDATE i SET o = o - :a;  ; -- end");
    ASSERT_EQ(s.size(), 2u);
    EXPECT_EQ(s[0].parameters, (std::vector<std::string>{"a"}));
    EXPECT_NE(s[0].sql.find("';'"), std::string::npos);
    EXPECT_EQ(s[1].sql, " UPDATE i SET o = o - ?");
}

TEST(NamedSql, EmptyTextIsNoStatement) {
    EXPECT_TRUE(parse_named_sql("").empty());
    EXPECT_TRUE(parse_named_sql("  -- nothing\n ; ").empty());
}
