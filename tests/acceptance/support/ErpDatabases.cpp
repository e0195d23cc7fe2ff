#include "support/ErpDatabases.hpp"
#include "erp_sql/OpenOdbcSession.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <sstream>

#include <Poco/Data/Session.h>

#include "host_sim/cli/LifecycleDemo.hpp"

namespace acceptance {

namespace {
Poco::Data::Session open_session(const std::string& connection) {
    return erp_sql::open_odbc_session(connection);
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}
}  // namespace

std::string with_database(const std::string& connection, const std::string& database) {
    std::string out;
    bool replaced = false;
    std::stringstream parts(connection);
    std::string part;
    while (std::getline(parts, part, ';')) {
        if (part.empty())
            continue;
        if (lower(part.substr(0, part.find('='))) == "database") {
            part = "Database=" + database;
            replaced = true;
        }
        out += part + ";";
    }
    if (!replaced)
        out += "Database=" + database + ";";
    return out;
}

ErpDatabase::ErpDatabase(const std::string& dialect) : ErpDatabase(dialect, "") {}

ErpDatabase::ErpDatabase(const std::string& dialect, SqlAscii)
    : ErpDatabase(dialect, " ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0") {
}

ErpDatabase::ErpDatabase(const std::string& dialect, const std::string& pg_options)
    : dialect_(dialect) {
    if (dialect == "sqlite") {
        dir_ = std::make_unique<testing_support::TempDir>();
        connection_ = host_sim::sqlite_connection_string(dir_->path() / "erp.db");
        return;
    }
    const bool mariadb = dialect == "mariadb";
    const std::string variable =
        mariadb ? "JODO_TEST_MARIADB_CONNECTION" : "JODO_TEST_PG_CONNECTION";
    const char* require = std::getenv(mariadb ? "JODO_REQUIRE_MARIADB" : "JODO_REQUIRE_POSTGRES");
    required_ = require && std::string(require) == "1";
    const char* server = std::getenv(variable.c_str());
    if (!server || !*server) {
        reason_ = variable + " is not set (scripts/test.sh starts " +
                  (mariadb ? "MariaDB" : "PostgreSQL") + " and sets it)";
        return;
    }
    admin_connection_ = server;
    const std::string prefix = unique_prefix();  // "T<10 hex>-"
    name_ = "jodo_t_" + lower(prefix.substr(1, prefix.size() - 2));
    open_session(admin_connection_)
        << "CREATE DATABASE " + name_ +
               (mariadb ? " DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci" : pg_options),
        Poco::Data::Keywords::now;
    connection_ = with_database(admin_connection_, name_);
}

ErpDatabase::~ErpDatabase() {
    if (name_.empty())
        return;
    try {
        open_session(admin_connection_)
            << "DROP DATABASE IF EXISTS " + name_ + (dialect_ == "mariadb" ? "" : " WITH (FORCE)"),
            Poco::Data::Keywords::now;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "could not drop test database %s: %s\n", name_.c_str(), e.what());
    }
}

std::string unique_prefix() {
    static std::mt19937_64 rng(std::random_device{}());
    const char* hex = "0123456789abcdef";
    std::string out = "T";
    auto value = rng();
    for (int i = 0; i < 10; ++i, value >>= 4)
        out += hex[value & 15];
    return out + "-";
}

}  // namespace acceptance
