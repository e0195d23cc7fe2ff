#pragma once

#include <map>
#include <string>
#include <vector>

#include "erp_sql/Dialect.hpp"
#include "jodo/erp/mapping/ErpSchema.hpp"

namespace jodo {

// A shipped set of ERP mapping statements for one product's schema.
struct ErpProfile {
    std::string name;
    std::map<std::string, std::string> statements;
    // Which release's layout the statements were written for, as found in the
    // database ("Education since 2023-11: tabFees.contact_email"); empty for a
    // profile with one layout.
    std::string layout;
};

// The profiles in this build (reference, erpnext-fees, erpnext-sales-invoice, odoo).
std::vector<std::string> erp_profile_names();
// The statements of profile `name` for `dialect`, for the layout `schema`
// shows; throws std::invalid_argument when there is no such profile.
ErpProfile erp_profile(const std::string& name, erp_sql::Dialect dialect, const ErpSchema& schema);

}  // namespace jodo
