#include "support/DatabaseServer.hpp"

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "support/ScaleRig.hpp"

namespace scaleout {

namespace {
// Runs a shell command; returns its exit status and its output (stdout and stderr).
int shell(const std::string& command, std::string* output) {
    FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
    if (!pipe)
        throw std::runtime_error("cannot run " + command);
    char buffer[4096];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0)
        output->append(buffer, n);
    const int status = ::pclose(pipe);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}
}  // namespace

DatabaseServer::DatabaseServer(const std::string& dialect)
    : script_(std::string("bash '") +
              (dialect == "mariadb" ? MARIADB_SERVER_SCRIPT : PG_CLUSTER_SCRIPT) + "'") {
    char pattern[] = "/tmp/jodo-scaleout-db.XXXXXX";
    if (!::mkdtemp(pattern))
        throw std::runtime_error("cannot create a directory for the database server");
    dir_ = pattern;
    port_ = free_port();
}

DatabaseServer::~DatabaseServer() {
    stop();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
    std::filesystem::remove(dir_ + ".initdb.log", ignored);
}

std::string DatabaseServer::start() {
    std::string output;
    const int rc = shell(script_ + " start '" + dir_ + "' " + std::to_string(port_), &output);
    while (!output.empty() && output.back() == '\n')
        output.pop_back();
    const auto last_line =
        output.substr(output.rfind('\n') == std::string::npos ? 0 : output.rfind('\n') + 1);
    if (rc != 0 || last_line.rfind("Driver=", 0) != 0)
        throw std::runtime_error(script_ + " start failed (" + std::to_string(rc) + "): " + output);
    return last_line;
}

void DatabaseServer::stop() {
    std::string output;
    shell(script_ + " stop '" + dir_ + "'", &output);
}

}  // namespace scaleout
