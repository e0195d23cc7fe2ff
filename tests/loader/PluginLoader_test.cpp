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
std::string output(const erp_plugin::ActionResult& result, const std::string& key) {
    const std::string* value = erp_plugin::find_field(result.outputs, key);
    return value != nullptr ? *value : "(none)";
}
}  // namespace

TEST(PluginLoader, LoadsAGoodPluginAndCallsIt) {
    auto one = load_plugin(test_plugin("good_plugin"));
    ASSERT_NE(one.plugin, nullptr) << one.refusal;
    EXPECT_EQ(one.plugin->info().id, "good");
    EXPECT_EQ(one.plugin->info().name, "test plugin");
    EXPECT_EQ(one.version, host_version());
    auto result = one.plugin->run_action({"echo", "invoice", "INV-1", {{"a", "b"}}});
    EXPECT_TRUE(result.status.ok());
    EXPECT_EQ(output(result, "echo"), "good");
    EXPECT_EQ(output(result, "record"), "INV-1");
    EXPECT_EQ(output(result, "parameter.a"), "b");
}

TEST(PluginLoader, RefusesTheNextMajorInOneSentence) {
    EXPECT_EQ(refusal_of("bad_major"),
              "incompatible: it was built for interface " +
                  erp_plugin::describe_version(ERP_PLUGIN_API_MAJOR + 1, 0) +
                  ", which needs a newer host (this host has " + host_version() + ")");
}

// 2.x rule: a table that grew at the end loads; the host reads what it knows.
TEST(PluginLoader, LoadsAPluginBuiltForANewerMinor) {
    auto one = load_plugin(test_plugin("newer_minor"));
    ASSERT_NE(one.plugin, nullptr) << one.refusal;
    EXPECT_EQ(one.version,
              erp_plugin::describe_version(ERP_PLUGIN_API_MAJOR, ERP_PLUGIN_API_MINOR + 1));
    EXPECT_EQ(output(one.plugin->run_action({}), "echo"), "newer_minor");
}

TEST(PluginLoader, RefusesAPluginOfTheRetiredInterface1) {
    EXPECT_NE(refusal_of("retired_1x").find("built for the retired interface 1.x"),
              std::string::npos);
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
         {"good_plugin", "bad_major", "newer_minor", "retired_1x", "not_a_plugin"})
        fs::copy_file(test_plugin(name), dir.path() / test_plugin(name).filename());
    fs::copy_file(fs::path(JODO_PLUGIN_FILE), dir.path() / "libjodo.so");
    std::ofstream(dir.path() / "libgarbage.so") << "garbage";
    std::ofstream(dir.path() / "README.txt") << "not a .so: never looked at";

    const auto report = load_plugin_directory(dir.path());
    std::map<std::string, std::string> refused;
    for (const auto& r : report.refused)
        refused[r.file.filename().string()] = r.reason;
    ASSERT_EQ(report.loaded.size(), 3u);
    EXPECT_EQ(report.loaded[0].plugin->info().id, "good");
    EXPECT_EQ(report.loaded[1].plugin->info().id, "jodo");
    EXPECT_EQ(report.loaded[2].plugin->info().id, "newer_minor");
    EXPECT_EQ(refused.size(), 4u);
    EXPECT_NE(refused["libbad_major.so"].find("needs a newer host"), std::string::npos);
    EXPECT_NE(refused["libretired_1x.so"].find("retired interface 1.x"), std::string::npos);
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

// plugin-api/README.md, minor rules: a plugin built from the frozen 2.0
// headers (tests/loader/abi-2.0) keeps loading into a host built from the
// current ones, and every host function still reaches it.
TEST(PluginLoader, APluginBuiltFromTheFrozen20HeadersStillLoads) {
    auto one = load_plugin(test_plugin("frozen_2_0_plugin"));
    ASSERT_NE(one.plugin, nullptr) << one.refusal;
    EXPECT_EQ(one.version, "2.0");
    EXPECT_EQ(one.plugin->info().id, "frozen_2_0");
    const auto result = one.plugin->run_action({"echo", "invoice", "INV-21", {}});
    EXPECT_EQ(output(result, "echo"), "frozen_2_0");
    EXPECT_EQ(output(result, "record"), "INV-21");
    EXPECT_EQ(one.plugin->http_routes(), std::vector<std::string>{"/test"});
    EXPECT_EQ(one.plugin->settings().size(), 1u);
}
