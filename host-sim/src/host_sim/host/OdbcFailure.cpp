#include "host_sim/host/OdbcFailure.hpp"

#include <sstream>

#include "erp_sql/OdbcConnectionString.hpp"

namespace host_sim {

namespace {

std::string trim(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos)
        return {};
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

std::string attribute(const std::string& connection_string, const std::string& keyword) {
    for (const auto& a : erp_sql::parse_odbc_connection_string(connection_string))
        if (erp_sql::normalized_keyword(a.keyword) == keyword)
            return a.value;
    return {};
}

// "driver PostgreSQL Unicode, server 127.0.0.1:5432"; never the password.
std::string where(const std::string& connection_string) {
    const std::string dsn = attribute(connection_string, "dsn");
    const std::string driver = attribute(connection_string, "driver");
    std::string text = driver.empty() ? (dsn.empty() ? "driver unknown" : "data source " + dsn)
                                      : "driver " + driver;
    const std::string server = attribute(connection_string, "server");
    const std::string port = attribute(connection_string, "port");
    if (!server.empty())
        text += ", server " + server + (port.empty() ? "" : ":" + port);
    else if (const std::string database = attribute(connection_string, "database");
             !database.empty())
        text += ", database " + database;
    return text;
}

}  // namespace

std::string summarise_odbc_failure(const std::string& connection_string,
                                   const std::string& message) {
    const auto record = message.find("ODBC Diagnostic record");
    if (record == std::string::npos)
        return message;
    // What failed: the words before Poco's "Connection:..." / "Server:..." block.
    std::string what = trim(message.substr(0, message.find('\n')));
    for (const char* block : {": Connection:", ": Server:"})
        if (const auto cut = what.find(block); cut != std::string::npos)
            what = what.substr(0, cut);
    // The first record: "SQLSTATE = X", "Native Error Code = N", then the driver's text.
    std::istringstream lines(message.substr(record));
    std::string line;
    std::string state;
    std::string reason;
    while (std::getline(lines, line) && reason.empty()) {
        line = trim(line);
        if (line.rfind("SQLSTATE = ", 0) == 0)
            state = line.substr(11);
        else if (!state.empty() && !line.empty() && line.rfind("Native Error Code", 0) != 0)
            reason = line;
    }
    return what + " (" + where(connection_string) + ")" + (reason.empty() ? "" : ": " + reason) +
           (state.empty() ? "" : " [SQLSTATE " + state + "]");
}

std::string one_line(const std::string& text) {
    std::string out;
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
        line = trim(line);
        if (line.empty() || line.find_first_not_of('=') == std::string::npos)
            continue;
        out += (out.empty() ? "" : " | ") + line;
    }
    return out;
}

}  // namespace host_sim
