// The invoice list's search, filters, sort order and paging, all done by the
// ERP's database (one page of 50 rows and one COUNT travel, whatever the
// number of invoices), with every value the accountant typed bound as a
// parameter. Portable SQL: the same text runs on SQLite, PostgreSQL and
// MariaDB.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <Poco/Data/Session.h>

#include "host_sim/screen/ErpInvoices.hpp"

namespace host_sim::screen {

constexpr std::int64_t kInvoicesPerPage = 50;

// What the accountant asked for (GET /erp/invoices?q=&grade=&year=&status=
// &needs=1&sort=&dir=&page=). Unknown sort keys, directions and pages that
// are not numbers fall back to the defaults: a URL typed by hand still lists.
struct InvoiceQuery {
    std::string q;                 // invoice id, student, payer or Jodo order id; a part of it
    std::string grade;             // the payer's class, exactly
    std::string year;              // academic_year_start, exactly
    std::string status;            // jodo_status exactly; "none" = never collected
    bool needs = false;            // needs a person (see needs_person_sql in the .cpp)
    std::string sort = "invoice";  // invoice, student, amount, status, issued
    bool descending = false;
    std::int64_t page = 1;

    static InvoiceQuery from(const std::vector<std::pair<std::string, std::string>>& query);
    bool filtered() const;  // anything but sort and page
    // This query's parameters (for links: another page, another sort), with
    // the named ones replaced.
    std::string url(const std::vector<std::pair<std::string, std::string>>& replace = {}) const;
};

struct InvoiceResults {
    std::vector<ErpInvoice> rows;  // this page, no lines
    std::int64_t total = 0;        // every invoice matching
    std::int64_t page = 1;         // clamped to 1..pages
    std::int64_t pages = 1;
};

// Runs on `session` (the caller serialises its use). `like_ignores_case`:
// the database's LIKE already ignores case (SQLite), so no LOWER() is needed.
InvoiceResults search_invoices(Poco::Data::Session& session, const InvoiceQuery& query,
                               bool like_ignores_case);

}  // namespace host_sim::screen
