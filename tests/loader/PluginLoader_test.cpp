#include "host_sim/loader/PluginLoader.hpp"

#include <filesystem>
#include <fstream>
#include <map>

#include <gtest/gtest.h>

#include "erp_plugin/compatibility.hpp"

#include "support/TempDir.hpp"

namespace fs = std::filesystem;
using host_sim::load_plugin;
using host_sim::load_plugin_directory;

namespace {

fs::path test_plugin(const std::string& name) {
    return fs::path(TEST_PLUGIN_DIR) / ("lib" + name + ".so");
}

std::string refusal_of(const std::string& name) {
    auto one = load_plugin(test_plugin(name));
    EXPECT_EQ(one.plugin, nullptr) << name << " should be refused";
    return one.refusal;
}

}  // namespace

namespace {
std::string host_version() {
    return erp_plugin::describe_version(ERP_PLUGIN_API_MAJOR, ERP_PLUGIN_API_MINOR);
}
}  // namespace

TEST(PluginLoader, LoadsAGoodPluginAndCallsIt) {
    auto one = load_plugin(test_plugin("good_plugin"));
    ASSERT_NE(one.plugin, nullptr) << one.refusal;
    EXPECT_EQ(one.plugin->info().id, "good");
    EXPECT_EQ(one.version,
              erp_plugin::describe_version(ERP_PLUGIN_API_MAJOR, ERP_PLUGIN_API_MINOR));
    auto result = one.plugin->run_action({});
    EXPECT_EQ(erp_plugin::find_field(result.outputs, "echo")
                  ? *erp_plugin::find_field(result.outputs, "echo")
                  : "",
              "good");
}

TEST(PluginLoader, RefusesWrongMajorVersion) {
    EXPECT_EQ(refusal_of("bad_major"),
              "incompatible: interface major version differs: host has " + host_version() +
                  ", plugin built for " +
                  erp_plugin::describe_version(ERP_PLUGIN_API_MAJOR + 1, ERP_PLUGIN_API_MINOR));
}

TEST(PluginLoader, RefusesPluginBuiltForNewerMinor) {
    EXPECT_EQ(refusal_of("newer_minor"),
              "incompatible: plugin needs a newer host: host has " + host_version() +
                  ", plugin built for " +
                  erp_plugin::describe_version(ERP_PLUGIN_API_MAJOR, ERP_PLUGIN_API_MINOR + 1));
}

TEST(PluginLoader, RefusesOtherToolchain) {
    const std::string reason = refusal_of("other_toolchain");
    EXPECT_NE(reason.find("toolchain differs"), std::string::npos) << reason;
    EXPECT_NE(reason.find("gcc-99;libstdc++-99;cxx11abi-0"), std::string::npos) << reason;
}

TEST(PluginLoader, RefusesLibraryWithoutStamp) {
    EXPECT_NE(refusal_of("no_stamp").find("no ABI stamp"), std::string::npos);
}

TEST(PluginLoader, RefusesSharedLibraryThatIsNotAPlugin) {
    EXPECT_NE(refusal_of("not_a_plugin").find("not an ERP plugin"), std::string::npos);
}

TEST(PluginLoader, RefusesGarbageFile) {
    testing_support::TempDir dir;
    const fs::path garbage = dir.path() / "libgarbage.so";
    std::ofstream(garbage) << "this is not an ELF file at all";
    auto one = load_plugin(garbage);
    EXPECT_EQ(one.plugin, nullptr);
    EXPECT_NE(one.refusal.find("not a loadable shared library"), std::string::npos) << one.refusal;
}

TEST(PluginLoader, DirectoryLoadRefusesEachBadOneAndKeepsTheRest) {
    testing_support::TempDir dir;
    for (const char* name :
         {"good_plugin", "bad_major", "newer_minor", "other_toolchain", "no_stamp", "not_a_plugin"})
        fs::copy_file(test_plugin(name), dir.path() / test_plugin(name).filename());
    fs::copy_file(fs::path(JODO_PLUGIN_FILE), dir.path() / "libjodo.so");
    std::ofstream(dir.path() / "libgarbage.so") << "garbage";
    std::ofstream(dir.path() / "README.txt") << "not a .so: never looked at";

    const auto report = load_plugin_directory(dir.path());
    std::map<std::string, std::string> refused;
    for (const auto& r : report.refused)
        refused[r.file.filename().string()] = r.reason;
    ASSERT_EQ(report.loaded.size(), 2u);
    EXPECT_EQ(report.loaded[0].plugin->info().id, "good");
    EXPECT_EQ(report.loaded[1].plugin->info().id, "jodo");
    EXPECT_EQ(refused.size(), 6u);
    EXPECT_NE(refused["libbad_major.so"].find("major"), std::string::npos);
    EXPECT_NE(refused["libnewer_minor.so"].find("newer host"), std::string::npos);
    EXPECT_NE(refused["libother_toolchain.so"].find("toolchain"), std::string::npos);
    EXPECT_NE(refused["libno_stamp.so"].find("no ABI stamp"), std::string::npos);
    EXPECT_NE(refused["libnot_a_plugin.so"].find("not an ERP plugin"), std::string::npos);
    EXPECT_NE(refused["libgarbage.so"].find("not a loadable"), std::string::npos);
    // The host still works with what loaded.
    EXPECT_EQ(report.loaded[1].plugin->info().name, "Jodo Pay connector");
}

TEST(PluginLoader, LibraryStaysLoadedWhileThePluginLives) {
    host_sim::PluginPtr kept;
    {
        auto one = load_plugin(test_plugin("good_plugin"));
        ASSERT_NE(one.plugin, nullptr);
        kept = one.plugin;
    }
    // The loader's own handles are gone; the object's code must still be mapped.
    EXPECT_EQ(kept->info().id, "good");
}
