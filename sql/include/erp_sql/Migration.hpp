#pragma once

#include <string>
#include <vector>

namespace erp_sql {

// One versioned schema step for one SQL dialect and one set of tables
// ("erp": the reference ERP host-sim plays; "jodo": the plugin's own tables).
struct Migration {
    std::string dialect;
    std::string set;
    int version;
    std::string name;
    std::string script;  // statements separated by ';' at line ends
};

const std::vector<Migration>& embedded_migrations();

}  // namespace erp_sql
