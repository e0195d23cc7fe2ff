#include "erp/mapping/ErpProfiles.hpp"

#include <stdexcept>

#include "erp/mapping/profiles/Profiles.hpp"

namespace jodo {

namespace {
std::vector<ErpProfile> all_profiles() {
    return {profiles::reference(), profiles::erpnext_fees(), profiles::erpnext_sales_invoice(),
            profiles::odoo()};
}
}  // namespace

std::vector<std::string> erp_profile_names() {
    std::vector<std::string> names;
    for (const auto& p : all_profiles())
        names.push_back(p.name);
    return names;
}

ErpProfile erp_profile(const std::string& name, erp_sql::Dialect) {
    // The statements are portable SQL (double-quoted identifiers, CAST, SUBSTR,
    // COALESCE); a dialect that needs its own text would be chosen here.
    for (auto& p : all_profiles())
        if (p.name == name)
            return p;
    throw std::invalid_argument("no ERP profile \"" + name + "\"");
}

}  // namespace jodo
