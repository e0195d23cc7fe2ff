// Issue 9 item 17: what a host gets from plugin files that are hostile or
// broken in ways the table check cannot catch, and what `host-sim plugins`
// tells an administrator (and a script) about them.
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "host_sim/loader/PluginLoader.hpp"
#include "support/TempDir.hpp"

namespace fs = std::filesystem;
using host_sim::load_plugin;

namespace {

fs::path test_plugin(const std::string& name) {
    return fs::path(TEST_PLUGIN_DIR) / ("lib" + name + ".so");
}

struct CommandRun {
    int code = -1;
    std::string out;
};

// `host-sim plugins --plugins DIR`, its exit code and output.
CommandRun host_sim_plugins(const fs::path& dir) {
    const fs::path out = dir.parent_path() / (dir.filename().string() + ".out");
    const std::string command = std::string("'") + HOST_SIM_BINARY + "' plugins --plugins '" +
                                dir.string() + "' >'" + out.string() + "' 2>&1";
    const int status = std::system(command.c_str());
    CommandRun run;
    run.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream in(out);
    run.out.assign(std::istreambuf_iterator<char>(in), {});
    return run;
}

}  // namespace

TEST(HostilePlugins, FactoryThrowingANonStdExceptionIsRefusedNotFatal) {
    auto one = load_plugin(test_plugin("factory_throws_int"));
    EXPECT_EQ(one.plugin, nullptr);
    EXPECT_NE(one.refusal.find("factory returned no plugin"), std::string::npos) << one.refusal;
    EXPECT_NE(one.refusal.find("not a std::exception"), std::string::npos) << one.refusal;
}

TEST(HostilePlugins, JunkFilesAreRefusedWithTheLoadersReason) {
    testing_support::TempDir dir;
    std::ofstream(dir.path() / "libtext.so")
        << "this is not an ELF file at all, and it is longer than an ELF header would be: "
           "the loader reads the header and finds no ELF magic in it";
    std::ofstream(dir.path() / "libempty.so");
    std::ofstream(dir.path() / "libelfhead.so") << "\x7f"
                                                   "ELF\x02\x01\x01 truncated";
    for (const char* name : {"libtext.so", "libempty.so", "libelfhead.so"}) {
        auto one = load_plugin(dir.path() / name);
        EXPECT_EQ(one.plugin, nullptr) << name;
        EXPECT_EQ(one.refusal.rfind("not a loadable shared library", 0), 0u) << one.refusal;
        // Boost.DLL's own error code says "Bad file descriptor" for every one
        // of these; the dynamic loader says what is wrong.
        EXPECT_EQ(one.refusal.find("Bad file descriptor"), std::string::npos) << one.refusal;
    }
    EXPECT_NE(load_plugin(dir.path() / "libtext.so").refusal.find("invalid ELF header"),
              std::string::npos);
    EXPECT_NE(load_plugin(dir.path() / "libempty.so").refusal.find("file too short"),
              std::string::npos);
    const auto missing = load_plugin(dir.path() / "libmissing.so").refusal;
    EXPECT_NE(missing.find("No such file"), std::string::npos) << missing;
}

TEST(HostilePlugins, PluginsCommandExitsNonZeroWhenAnyPluginIsRefused) {
    testing_support::TempDir root;
    const fs::path good = root.path() / "good";
    const fs::path mixed = root.path() / "mixed";
    fs::create_directories(good);
    fs::create_directories(mixed);
    fs::copy_file(test_plugin("good_plugin"), good / "libgood_plugin.so");
    fs::copy_file(test_plugin("good_plugin"), mixed / "libgood_plugin.so");
    fs::copy_file(test_plugin("factory_throws_int"), mixed / "libfactory_throws_int.so");
    std::ofstream(mixed / "libjunk.so") << "junk";

    const CommandRun ok = host_sim_plugins(good);
    EXPECT_EQ(ok.code, 0) << ok.out;
    EXPECT_NE(ok.out.find("loaded  "), std::string::npos) << ok.out;

    const CommandRun refused = host_sim_plugins(mixed);
    EXPECT_EQ(refused.code, 1) << refused.out;  // and it did not abort
    EXPECT_NE(refused.out.find("loaded  " + (mixed / "libgood_plugin.so").string()),
              std::string::npos)
        << refused.out;
    EXPECT_NE(refused.out.find("refused " + (mixed / "libfactory_throws_int.so").string()),
              std::string::npos)
        << refused.out;
    EXPECT_NE(refused.out.find("refused " + (mixed / "libjunk.so").string()), std::string::npos)
        << refused.out;

    const CommandRun absent = host_sim_plugins(root.path() / "no-such-dir");
    EXPECT_EQ(absent.code, 1) << absent.out;
    EXPECT_NE(absent.out.find("cannot read plugin directory"), std::string::npos) << absent.out;
}
