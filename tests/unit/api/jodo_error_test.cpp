#include "jodo/api/JodoError.hpp"

#include <gtest/gtest.h>

using jodo::error_from_response;
using jodo::ErrorKind;

TEST(JodoError, EachDocumentedStatusBecomesItsKindAndKeepsJodosWords) {
    const std::pair<int, ErrorKind> cases[] = {
        {400, ErrorKind::invalid_request}, {401, ErrorKind::unauthorized},
        {403, ErrorKind::forbidden},       {404, ErrorKind::not_found},
        {405, ErrorKind::not_allowed},     {406, ErrorKind::not_allowed},
        {409, ErrorKind::conflict},        {429, ErrorKind::rate_limited},
        {500, ErrorKind::server_error},    {502, ErrorKind::server_error},
        {503, ErrorKind::server_error}};
    for (const auto& [status, kind] : cases) {
        auto e = error_from_response(
            status, R"({"status":"error","code":"HUE00000","message":"phone is invalid"})");
        EXPECT_EQ(e.kind(), kind) << status;
        EXPECT_EQ(e.http_status(), status);
        EXPECT_EQ(e.code(), "HUE00000");
        EXPECT_EQ(e.jodo_message(), "phone is invalid");
    }
}

TEST(JodoError, AdviceTellsTheAccountantWhatToDo) {
    EXPECT_NE(error_from_response(401, "{}").advice().find("check the Jodo credentials"),
              std::string::npos);
    EXPECT_NE(error_from_response(400, R"({"code":"HUE00000","message":"phone must be 10 digits"})")
                  .advice()
                  .find("correct the invoice"),
              std::string::npos);
    EXPECT_NE(error_from_response(503, "").advice().find("Try again"), std::string::npos);
    EXPECT_TRUE(error_from_response(503, "").transient());
    EXPECT_TRUE(error_from_response(429, "").transient());
    EXPECT_FALSE(error_from_response(400, "").transient());
    EXPECT_FALSE(error_from_response(404, "").transient());
}

TEST(JodoError, NonJsonErrorBodyStillMapsByStatus) {
    auto e = error_from_response(502, "<html>Bad Gateway</html>");
    EXPECT_EQ(e.kind(), ErrorKind::server_error);
    EXPECT_EQ(e.code(), "");
}
