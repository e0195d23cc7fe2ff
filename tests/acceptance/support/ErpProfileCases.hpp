#pragma once

#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "erp_plugin/plugin.hpp"

namespace acceptance {

// One ERP schema the module is tried against, with the SQL a test uses to read
// the ERP's own rows back (each with one `?`: the invoice id).
struct ErpProfileCase {
    std::string name;  // the profile and its layout, or "home-grown" (statements set by hand)
    std::vector<std::string> fixtures;  // loaded in order (load_erp_fixture)
    std::map<std::string, std::string> settings;
    std::string invoice;       // 25,000 invoiced, 12,500 owed, two lines
    std::string link_invoice;  // 750.50 owed, one line
    std::string student_id;
    std::string payer_name;  // as Jodo must receive it; empty = not checked
    std::string order_id_sql, status_sql, payments_sql, outstanding_sql, settled_lines_sql;
    std::string posting;  // fixture that plays the ERP's own posting job; empty = none
    erp_plugin::Fields bulk_filter;
    // Where the fixture has them (empty = not covered): a bill with a
    // negative concession line (20,000 + 5,000 - 2,000, all 23,000 owed), and
    // a bill paid in full (nothing owed).
    std::string concession_invoice;
    std::string paid_invoice;
};

const std::vector<ErpProfileCase>& erp_profile_cases();
const ErpProfileCase& erp_profile_case(const std::string& name);

// Creates the case's tables and invoices in the database.
void prepare_erp(const std::string& connection, const ErpProfileCase& spec);
// Whether the case loads ERPNext's real layouts from shared/, and whether they are there.
bool needs_shared_data(const ErpProfileCase& spec);
bool shared_data_missing(const ErpProfileCase& spec, std::string* why);

// Skips a case whose upstream layouts are not there, unless
// JODO_REQUIRE_ERPNEXT_REAL=1 (scripts/test.sh) makes that a failure.
#define ACCEPTANCE_REQUIRE_ERP_FIXTURES(spec)                                 \
    do {                                                                      \
        std::string why_;                                                     \
        if (acceptance::shared_data_missing((spec), &why_)) {                 \
            const char* required_ = std::getenv("JODO_REQUIRE_ERPNEXT_REAL"); \
            if (required_ && std::string(required_) == "1")                   \
                FAIL() << why_;                                               \
            GTEST_SKIP() << why_;                                             \
        }                                                                     \
    } while (0)
// Runs the ERP's own posting of queued payments, if the case has one.
void run_erp_posting(const std::string& connection, const ErpProfileCase& spec);

// The jodo.erp.* statements a new user writes for tests/fixtures/erp/school.sql
// from jodo-plugin/README.md alone.
std::map<std::string, std::string> home_grown_statements();

}  // namespace acceptance
