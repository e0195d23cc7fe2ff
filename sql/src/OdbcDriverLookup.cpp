#include "erp_sql/OdbcDriverLookup.hpp"

#include <odbcinst.h>

#include "erp_sql/OdbcConnectionString.hpp"

namespace erp_sql {

namespace {
// unixODBC's own reader of its ini files, so that ODBCINI/ODBCSYSINI and the
// user/system file order are exactly what the driver manager will use.
std::string profile_value(const std::string& section, const std::string& key, const char* file) {
    if (section.empty())
        return {};
    char buffer[1024] = {};
    const int n = SQLGetPrivateProfileString(section.c_str(), key.c_str(), "", buffer,
                                             static_cast<int>(sizeof buffer), file);
    return n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : std::string();
}

std::string own_attribute(const std::string& connection, const std::string& keyword) {
    std::string value;
    for (const auto& attribute : parse_odbc_connection_string(connection))
        if (attribute.has_equals && normalized_keyword(attribute.keyword) == keyword)
            value = attribute.value;  // the last one wins, as in the driver manager
    // "DSN = erp": the name without the blanks around it, as unixODBC reads it.
    const auto first = value.find_first_not_of(" \t");
    const auto last = value.find_last_not_of(" \t");
    return first == std::string::npos ? std::string() : value.substr(first, last - first + 1);
}
}  // namespace

OdbcDriver odbc_driver_of(const std::string& connection) {
    OdbcDriver driver;
    driver.name = own_attribute(connection, "driver");
    driver.dsn = own_attribute(connection, "dsn");
    if (driver.name.empty())
        driver.name = profile_value(driver.dsn, "Driver", "odbc.ini");
    if (driver.name.find('/') != std::string::npos)
        driver.library = driver.name;
    return driver;
}

std::string odbc_driver_library(const std::string& driver_name) {
    return profile_value(driver_name, "Driver", "odbcinst.ini");
}

std::string odbc_attribute(const std::string& connection, const std::string& keyword) {
    const std::string key = normalized_keyword(keyword);
    std::string value = own_attribute(connection, key);
    if (value.empty())
        value = profile_value(own_attribute(connection, "dsn"), keyword, "odbc.ini");
    return value;
}

}  // namespace erp_sql
