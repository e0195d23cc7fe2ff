#pragma once

#include <string>

namespace scaleout {

// A throw-away database server of this test's own (scripts/pg-cluster.sh or
// scripts/mariadb-server.sh, as scripts/test.sh uses them) in a fresh
// directory under /tmp, on a free port, so a test can stop and restart the
// server. The destructor stops it and removes its files, also when the test
// failed. "postgresql" or "mariadb".
class DatabaseServer {
  public:
    explicit DatabaseServer(const std::string& dialect = "postgresql");
    ~DatabaseServer();
    DatabaseServer(const DatabaseServer&) = delete;
    DatabaseServer& operator=(const DatabaseServer&) = delete;

    // Starts (initialising on first use) and returns the ODBC connection
    // string; throws std::runtime_error with the script's output on failure.
    std::string start();
    void stop();  // fast shutdown: connections are cut
    int port() const { return port_; }

  private:
    std::string script_, dir_;
    int port_ = 0;
};

}  // namespace scaleout
