// What an administrator sees for a mistake in host-sim's configuration: the
// file and line, the key that was probably meant, and an exit code a script
// can test (issue 23 point 8), from the real host-sim binary.
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "support/TempDir.hpp"

namespace {

struct Outcome {
    int exit_code = -1;
    std::string output;  // stdout and stderr
};

Outcome host_sim(const std::string& arguments) {
    const std::string command = std::string("'") + HOST_SIM_BINARY + "' " + arguments + " 2>&1";
    Outcome run;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe)
        return run;
    std::array<char, 4096> buffer{};
    std::size_t n = 0;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
        run.output.append(buffer.data(), n);
    const int status = pclose(pipe);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

// A host.ini whose [host] points at the built module; `extra` is appended as is.
class ConfigFile {
  public:
    explicit ConfigFile(const std::string& extra) : path_(dir_.path() / "host.ini") {
        std::ofstream ini(path_);
        ini << "; line 1\n[host]\ndatabase = Driver=SQLite3;Database="
            << (dir_.path() / "erp.db").string()
            << ";\nplugins = " << std::filesystem::path(JODO_PLUGIN_FILE).parent_path().string()
            << "\n"
            << "[jodo]\napi_key = k\napi_secret = s\nwebhook.secret = w\n"
            << extra;
    }
    std::string path() const { return path_.string(); }
    // The prefix of a message about line `n` of this file.
    std::string at(int n) const { return path() + ":" + std::to_string(n) + ": "; }

  private:
    testing_support::TempDir dir_;
    std::filesystem::path path_;
};

constexpr int kFirstExtraLine = 9;

}  // namespace

TEST(HostConfigErrors, AGoodConfigHasNoSettingsProblem) {
    const ConfigFile config("");
    const Outcome run = host_sim("settings --config " + config.path());
    EXPECT_EQ(run.exit_code, 0) << run.output;
    EXPECT_EQ(run.output.find("problem"), std::string::npos) << run.output;
}

TEST(HostConfigErrors, AnUnknownHostKeyNamesFileLineAndTheNearestKey) {
    const ConfigFile config("[host]\nhttp_prot = 8080\n");
    const Outcome run = host_sim("invoices --config " + config.path());
    EXPECT_EQ(run.exit_code, 1) << run.output;
    EXPECT_NE(run.output.find(config.at(kFirstExtraLine + 1) +
                              "unknown key http_prot under [host]; did you mean http_port?"),
              std::string::npos)
        << run.output;
}

TEST(HostConfigErrors, AJunkLineIsRefusedWithItsLine) {
    const ConfigFile config("this line means nothing\n");
    const Outcome run = host_sim("settings --config " + config.path());
    EXPECT_EQ(run.exit_code, 1) << run.output;
    EXPECT_NE(
        run.output.find(config.at(kFirstExtraLine) + "cannot read \"this line means nothing\""),
        std::string::npos)
        << run.output;
}

TEST(HostConfigErrors, ABadPortNamesItsLine) {
    const ConfigFile config("[host]\n\nhttp_port = 80a\n");
    const Outcome run = host_sim("serve --seconds 1 --config " + config.path());
    EXPECT_EQ(run.exit_code, 1) << run.output;
    EXPECT_NE(run.output.find(config.at(kFirstExtraLine + 2) +
                              "http_port = \"80a\" must be a whole number from 0 to 65535"),
              std::string::npos)
        << run.output;
}

TEST(HostConfigErrors, AMissingFileIsNamed) {
    testing_support::TempDir dir;
    const std::string missing = (dir.path() / "etc" / "host.ini").string();
    const Outcome run = host_sim("check --config " + missing);
    EXPECT_EQ(run.exit_code, 1) << run.output;
    EXPECT_NE(run.output.find("cannot read " + missing + ": No such file or directory"),
              std::string::npos)
        << run.output;
}

// The host checks declared settings before the plugin starts, so its message
// is the one read: it must carry the plugin's "did you mean" too (issue 24.5).
TEST(HostConfigErrors, APluginKeyTypoNamesTheDeclaredKeyAndItsLine) {
    const ConfigFile config("webhook.secert = w\n");
    const Outcome settings = host_sim("settings --config " + config.path());
    EXPECT_EQ(settings.exit_code, 1) << settings.output;
    const std::string expected = config.at(kFirstExtraLine) +
                                 "jodo.webhook.secert is not a setting of plugin jodo; "
                                 "did you mean jodo.webhook.secret?";
    EXPECT_NE(settings.output.find(expected), std::string::npos) << settings.output;
    const Outcome action = host_sim("action reconcile --config " + config.path());
    EXPECT_EQ(action.exit_code, 1) << action.output;
    EXPECT_NE(action.output.find(expected), std::string::npos) << action.output;
}

TEST(HostConfigErrors, ASectionTypoNamesTheNearestSection) {
    const ConfigFile config("[jdoo]\nbase_url = http://127.0.0.1:8089\n");
    const Outcome run = host_sim("settings --config " + config.path());
    EXPECT_EQ(run.exit_code, 1) << run.output;
    EXPECT_NE(run.output.find(config.at(kFirstExtraLine + 1) +
                              "[jdoo] is neither [host] nor a loaded plugin's section; "
                              "did you mean [jodo]?"),
              std::string::npos)
        << run.output;
}

TEST(HostConfigErrors, VersionPrintsTheProjectVersion) {
    const Outcome run = host_sim("--version");
    EXPECT_EQ(run.exit_code, 0) << run.output;
    EXPECT_EQ(run.output, std::string("host-sim ") + HOST_SIM_VERSION + "\n");
}
