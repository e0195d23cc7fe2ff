#pragma once

#include <map>
#include <string>
#include <vector>

#include "erp_plugin/plugin.hpp"

namespace acceptance {

// One ERP schema the module is tried against, with the SQL a test uses to read
// the ERP's own rows back (each with one `?`: the invoice id).
struct ErpProfileCase {
    std::string name;     // the profile, or "home-grown" (statements set by hand)
    std::string fixture;  // tests/fixtures/erp/<fixture>.sql
    std::map<std::string, std::string> settings;
    std::string invoice;       // 25,000 invoiced, 12,500 owed, two lines
    std::string link_invoice;  // 750.50 owed, one line
    std::string student_id;
    std::string payer_name;  // as Jodo must receive it; empty = not checked
    std::string order_id_sql, status_sql, payments_sql, outstanding_sql, settled_lines_sql;
    std::string posting;  // fixture that plays the ERP's own posting job; empty = none
    erp_plugin::Fields bulk_filter;
};

const std::vector<ErpProfileCase>& erp_profile_cases();
const ErpProfileCase& erp_profile_case(const std::string& name);

// Creates the case's tables and invoices in the database.
void prepare_erp(const std::string& connection, const ErpProfileCase& spec);
// Runs the ERP's own posting of queued payments, if the case has one.
void run_erp_posting(const std::string& connection, const ErpProfileCase& spec);

// The jodo.erp.* statements a new user writes for tests/fixtures/erp/school.sql
// from jodo-plugin/README.md alone.
std::map<std::string, std::string> home_grown_statements();

}  // namespace acceptance
