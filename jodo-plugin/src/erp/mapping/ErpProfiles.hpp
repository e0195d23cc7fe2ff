#pragma once

#include <map>
#include <string>
#include <vector>

#include "sql/Dialect.hpp"

namespace jodo {

// A shipped set of ERP mapping statements for one product's schema.
struct ErpProfile {
    std::string name;
    std::map<std::string, std::string> statements;
};

// The profiles in this build (reference, erpnext-fees, erpnext-sales-invoice, odoo).
std::vector<std::string> erp_profile_names();
// The statements of profile `name` for `dialect`; throws std::invalid_argument
// when there is no such profile.
ErpProfile erp_profile(const std::string& name, erp_sql::Dialect dialect);

}  // namespace jodo
