#include "jodo/erp/mapping/ErpProfiles.hpp"

#include <stdexcept>

#include "jodo/erp/mapping/profiles/Profiles.hpp"

namespace jodo {

namespace {
struct NamedProfile {
    const char* name;
    ErpProfile (*make)(const ErpSchema&);
};

const std::vector<NamedProfile>& all_profiles() {
    static const std::vector<NamedProfile> profiles = {
        {"reference", profiles::reference},
        {"erpnext-fees", profiles::erpnext_fees},
        {"erpnext-sales-invoice", profiles::erpnext_sales_invoice},
        {"odoo", profiles::odoo},
    };
    return profiles;
}
}  // namespace

std::vector<std::string> erp_profile_names() {
    std::vector<std::string> names;
    for (const auto& p : all_profiles())
        names.push_back(p.name);
    return names;
}

ErpProfile erp_profile(const std::string& name, erp_sql::Dialect, const ErpSchema& schema) {
    // The statements are portable SQL (double-quoted identifiers, CAST, SUBSTR,
    // COALESCE); a dialect that needs its own text would be chosen here.
    for (const auto& p : all_profiles())
        if (p.name == name)
            return p.make(schema);
    throw std::invalid_argument("no ERP profile \"" + name + "\"");
}

}  // namespace jodo
