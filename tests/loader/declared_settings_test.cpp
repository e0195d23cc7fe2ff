// The host's own check of the settings a 1.1 plugin declares, before start().
#include "host_sim/host/DeclaredSettings.hpp"

#include <gtest/gtest.h>

#include "host_sim/host/PluginHost.hpp"

namespace {
std::vector<erp_plugin::SettingInfo> declared() {
    return {{"p.url", "url", "", "", false, false, "where"},
            {"p.tries", "integer", "4", "1..20", false, false, "attempts"},
            {"p.mode", "choice", "a", "a|b", false, false, "mode"},
            {"p.key", "secret", "", "", true, true, "the key"}};
}
std::string all(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines)
        out += l + "\n";
    return out;
}
}  // namespace

TEST(DeclaredSettings, GoodSettingsHaveNoProblems) {
    EXPECT_TRUE(
        host_sim::check_declared_settings(
            "p", declared(),
            {{"p.url", "https://x.example"}, {"p.tries", "3"}, {"p.key", "k"}, {"q.other", "1"}})
            .empty());
}

TEST(DeclaredSettings, EachProblemNamesItsKey) {
    const auto problems = host_sim::check_declared_settings(
        "p", declared(),
        {{"p.url", "ftp://x"}, {"p.tries", "50"}, {"p.mode", "c"}, {"p.tires", "3"}});
    const std::string text = all(problems);
    EXPECT_EQ(problems.size(), 5u) << text;
    for (const char* key : {"p.url", "p.tries", "p.mode", "p.key is missing", "p.tires"})
        EXPECT_NE(text.find(key), std::string::npos) << key << " in " << text;
}

TEST(DeclaredSettings, SecretsAreNeverPrinted) {
    auto d = declared();
    d[1].secret = true;  // a secret integer with a bad value
    const std::string text = all(host_sim::check_declared_settings(
        "p", d, {{"p.key", "hunter2-secret"}, {"p.tries", "hunter2-tries"}}));
    EXPECT_EQ(text.find("hunter2"), std::string::npos) << text;
    const std::string table = host_sim::render_declared_settings(d, {{"p.key", "hunter2-secret"}});
    EXPECT_EQ(table.find("hunter2"), std::string::npos) << table;
    EXPECT_NE(table.find("(set)"), std::string::npos) << table;
}

TEST(DeclaredSettings, AnUnknownKeyNamesTheNearestDeclaredOneAndItsLine) {
    const auto problems = host_sim::check_declared_settings(
        "p", declared(), {{"p.key", "k"}, {"p.tires", "3"}, {"p.colour", "red"}},
        {{"p.tires", "host.ini:9: "}});
    const std::string text = all(problems);
    EXPECT_NE(text.find("host.ini:9: p.tires is not a setting of plugin p; did you mean p.tries?"),
              std::string::npos)
        << text;
    // Nothing near enough: no suggestion that would send the reader astray.
    EXPECT_NE(text.find("p.colour is not a setting of plugin p\n"), std::string::npos) << text;
}
