#pragma once

#include "erp/mapping/ErpProfiles.hpp"

namespace jodo::profiles {

ErpProfile reference();
ErpProfile erpnext_fees();
ErpProfile erpnext_sales_invoice();
ErpProfile odoo();

}  // namespace jodo::profiles
