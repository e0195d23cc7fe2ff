// The invoice list (GET /erp/invoices) and the review queue (GET /erp/review):
// what the accountant searches and what waits for a person. Rendered on the
// server; every value HTML-escaped, amounts in ₹ and times in school time.
#pragma once

#include <string>
#include <vector>

#include "host_sim/screen/InvoiceSearch.hpp"
#include "host_sim/screen/JsonRows.hpp"
#include "host_sim/screen/Pages.hpp"

namespace host_sim::screen {

struct ListView {
    InvoiceQuery query;
    InvoiceResults results;
    std::vector<std::string> grades, academic_years, statuses;  // the filters' choices
};

struct ReviewView {
    bool offered = false;                // the plugin has review_queue
    std::vector<JsonRow> items;          // its items (collections)
    std::vector<JsonRow> student_items;  // its student_items (student-linked Pay)
    std::string error;                   // why the queue could not be read
};


std::string list_page(const ListView& view, const PageContext& context);
std::string review_page(const ReviewView& view, const PageContext& context);

}  // namespace host_sim::screen
