#include "support/ErpFixtures.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <Poco/Data/Session.h>

#include "erp_sql/Dialect.hpp"
#include "erp_sql/MariadbSession.hpp"
#include "erp_sql/NativeStatement.hpp"
#include "erp_sql/OpenOdbcSession.hpp"
#include "jodo/erp/mapping/NamedSql.hpp"

namespace acceptance {

namespace {
Poco::Data::Session open(const std::string& connection) {
    // The module's own session settings, so that the fixtures' and the tests'
    // "quoted" identifiers mean on MariaDB what they mean elsewhere.
    erp_sql::OdbcSessionOptions options;
    options.mariadb_session_setup = true;
    return erp_sql::open_odbc_session(connection, options);
}

std::optional<std::string> read_file(const std::string& path) {
    std::ifstream in(path);
    if (!in)
        return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Through the same native path as the module, so non-ASCII text arrives intact.
void run_script(const std::string& connection, const std::string& text) {
    auto session = open(connection);
    for (const auto& statement : jodo::parse_named_sql(text))
        erp_sql::NativeStatement(session, statement.sql).run({});
}
}  // namespace

std::string dialect_of(const std::string& connection) {
    return erp_sql::dialect_name(erp_sql::dialect_of(connection));
}

std::string shared_dir() {
    if (const char* dir = std::getenv("JODO_SHARED_DIR"); dir && *dir)
        return dir;
    return JODO_SHARED_DIR;
}

bool shared_erpnext_real_available(std::string* why) {
    const std::string ddl = shared_dir() + "/erpnext_real/ddl/erpnext_real+jodo.sqlite.sql";
    if (read_file(ddl))
        return true;
    if (why)
        *why = "ERPNext's real table layouts are not there (" + ddl +
               "); set JODO_SHARED_DIR to the directory holding erpnext_real/";
    return false;
}

void load_erp_fixture(const std::string& connection, const std::string& name) {
    if (name.rfind("shared:", 0) == 0) {
        const std::string dialect = dialect_of(connection) == "mariadb" ? "mariadb" : "sqlite";
        const std::string path =
            shared_dir() + "/erpnext_real/ddl/" + name.substr(7) + "." + dialect + ".sql";
        const auto text = read_file(path);
        if (!text)
            throw MissingSharedData("no " + path);
        run_script(connection, *text);
        return;
    }
    const std::string base = std::string(JODO_ERP_FIXTURES) + "/" + name;
    // <name>.<dialect>-only.sql replaces both (where even the common
    // tables' types differ, as on MariaDB); <name>.<dialect>.sql is added.
    auto only = read_file(base + "." + dialect_of(connection) + "-only.sql");
    auto common = read_file(base + ".sql");
    auto own = read_file(base + "." + dialect_of(connection) + ".sql");
    if (!only && !common && !own)
        throw std::runtime_error("no fixture " + base + ".sql");
    run_script(connection, only ? *only : common.value_or("") + ";\n" + own.value_or(""));
}

void run_sql(const std::string& connection, const std::string& sql) {
    auto session = open(connection);
    erp_sql::NativeStatement(session, sql).run({});
}

std::optional<std::string> erp_scalar(const std::string& connection, const std::string& sql,
                                      const std::string& param) {
    auto session = open(connection);
    erp_sql::NativeStatement statement(session, sql);
    auto rows = statement.run({{param, erp_sql::NativeParam::Type::text}});
    if (rows.rows.empty() || rows.rows[0].empty())
        return std::nullopt;
    return rows.rows[0][0];
}

}  // namespace acceptance
