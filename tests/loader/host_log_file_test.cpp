// host-sim writes the administrator's rotating log file at the configured
// level, with no secret in it.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "support/TempDir.hpp"

TEST(HostLogFile, TheConfiguredFileGetsThePluginsLogWithoutSecrets) {
    testing_support::TempDir dir;
    const auto root = dir.path();
    const auto log = root / "logs" / "host-sim.log";
    const std::string plugins = std::filesystem::path(JODO_PLUGIN_FILE).parent_path().string();
    {
        std::ofstream ini(root / "host.ini");
        ini << "[host]\ndatabase = Driver=SQLite3;Database=" << (root / "erp.db").string()
            << ";Timeout=10000;\nplugins = " << plugins << "\nlog_file = " << log.string()
            << "\nlog_level = info\n\n[jodo]\napi_key = key-visible-nowhere\n"
            << "api_secret = secret-visible-nowhere\nwebhook.secret = whsec-visible-nowhere\n"
            << "reconcile.interval_ms = 0\nwebhook.worker_interval_ms = 0\n";
    }
    // The reference ERP's tables first (the default ERP mapping reads them).
    const std::string config = " --config " + (root / "host.ini").string() + " >> " +
                               (root / "out.txt").string() + " 2>&1";
    ASSERT_EQ(std::system((std::string(HOST_SIM_BINARY) + " init" + config).c_str()), 0);
    const std::string command = std::string(HOST_SIM_BINARY) + " action reconcile" + config;
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
    ASSERT_TRUE(std::filesystem::exists(log));
    std::ifstream in(log);
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_NE(text.str().find("Jodo plugin started"), std::string::npos) << text.str();
    EXPECT_EQ(text.str().find("visible-nowhere"), std::string::npos) << text.str();
}

TEST(HostLogFile, AnUnknownLevelIsRefusedNamingIt) {
    testing_support::TempDir dir;
    {
        std::ofstream ini(dir.path() / "host.ini");
        ini << "[host]\ndatabase = Driver=SQLite3;Database=x.db;\nlog_level = loud\n";
    }
    const std::string command = std::string(HOST_SIM_BINARY) + " action reconcile --config " +
                                (dir.path() / "host.ini").string() + " > " +
                                (dir.path() / "out.txt").string() + " 2>&1";
    EXPECT_NE(std::system(command.c_str()), 0);
    std::ifstream in(dir.path() / "out.txt");
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_NE(text.str().find("log_level"), std::string::npos) << text.str();
}
