// host-sim's INI reader and "did you mean", in process.
#include "host_sim/host/IniFile.hpp"

#include <fstream>

#include <gtest/gtest.h>

#include "host_sim/host/SimHostServices.hpp"
#include "host_sim/text/NearestKey.hpp"
#include "support/TempDir.hpp"

namespace {
std::filesystem::path write(const testing_support::TempDir& dir, const std::string& text) {
    const auto file = dir.path() / "host.ini";
    std::ofstream(file) << text;
    return file;
}

std::string refusal(const std::string& text) {
    testing_support::TempDir dir;
    const auto file = write(dir, text);
    try {
        host_sim::read_ini_file(file);
    } catch (const host_sim::ConfigError& e) {
        const std::string what = e.what();
        const std::string prefix = file.string() + ":";
        return what.rfind(prefix, 0) == 0 ? what.substr(prefix.size()) : "(no file) " + what;
    }
    return "(accepted)";
}
}  // namespace

TEST(IniFile, ReadsSectionsKeysCommentsAndTheLastValue) {
    testing_support::TempDir dir;
    const auto file = write(dir,
                            "; comment\n# comment\n[host]\n  database = a=b;c \n\n[jodo]\n"
                            "webhook.secret =\nwebhook.secret = x\n");
    const auto settings = host_sim::read_settings_file(file.string());
    EXPECT_EQ(settings.at("host.database"), "a=b;c");
    EXPECT_EQ(settings.at("jodo.webhook.secret"), "x");
    EXPECT_EQ(settings.size(), 2u);
    const auto places = host_sim::read_setting_places(file.string());
    EXPECT_EQ(places.at("jodo.webhook.secret"), file.string() + ":8: ");
}

TEST(IniFile, RefusesWhatIsNotIniWithItsLine) {
    EXPECT_EQ(refusal("[host]\ndatabase = x\njunk\n").rfind("3: cannot read \"junk\"", 0), 0u);
    EXPECT_EQ(refusal("[host\n").rfind("1: section header [host lacks its closing ]", 0), 0u);
    EXPECT_EQ(refusal("[host]\n= x\n").rfind("2: \"= x\" has no key", 0), 0u);
    EXPECT_EQ(refusal("database = x\n").rfind("1: database comes before any [section]", 0), 0u);
    EXPECT_EQ(refusal("[]\n").rfind("1: a section header needs a name", 0), 0u);
}

TEST(IniFile, AMissingFileIsNamedWithTheReason) {
    try {
        host_sim::read_ini_file("/nonexistent-dir/host.ini");
        FAIL() << "accepted";
    } catch (const host_sim::ConfigError& e) {
        EXPECT_STREQ(e.what(), "cannot read /nonexistent-dir/host.ini: No such file or directory");
    }
}

TEST(NearestKey, NamesTheTypoedKeyAndNothingForAnUnrelatedOne) {
    EXPECT_EQ(host_sim::edit_distance("secert", "secret"), 1u);
    EXPECT_EQ(host_sim::edit_distance("", "abc"), 3u);
    EXPECT_EQ(host_sim::nearest_key("http_prot", {"database", "http_port", "plugins"}),
              "http_port");
    EXPECT_EQ(
        host_sim::nearest_key("jodo.webhook.secert", {"jodo.base_url", "jodo.webhook.secret"}),
        "jodo.webhook.secret");
    EXPECT_EQ(host_sim::nearest_key("colour", {"database", "http_port"}), "");
}
