#pragma once

#include "jodo/erp/mapping/ErpProfiles.hpp"

namespace jodo::profiles {

// ERPNext's write-backs for a submitted `doctype` whose lines are
// `item_doctype` rows: our Custom Fields on both, and each payment queued as
// an Integration Request for the documented Server Script (docs/erp-mapping.md).
std::map<std::string, std::string> erpnext_write_backs(const std::string& doctype,
                                                       const std::string& item_doctype);

// Student-linked Pay on Frappe Education (docs/erp-mapping.md): the student
// queries, and the counter receipts with the student write-backs.
// `discounted`: tabFee Component has discount and total (Education v15).
std::map<std::string, std::string> erpnext_student_queries(const ErpSchema& schema,
                                                           bool discounted);
std::map<std::string, std::string> erpnext_student_payments(bool discounted);
// What a Fee Component row `alias` bills: its total after a v15 percentage
// discount when `discounted`, else its amount (ErpnextStudents.cpp).
std::string fee_component_billed(const std::string& alias, bool discounted);
// The reference profile's student-linked Pay statements (ReferenceStudents.cpp).
std::map<std::string, std::string> reference_student_statements();

// Each profile reads the layout `schema` shows (ErpProfile::layout says which).
ErpProfile reference(const ErpSchema& schema);
ErpProfile erpnext_fees(const ErpSchema& schema);
ErpProfile erpnext_sales_invoice(const ErpSchema& schema);
ErpProfile odoo(const ErpSchema& schema);

}  // namespace jodo::profiles
