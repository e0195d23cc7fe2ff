// The bulk collection pages: pick a class, see how many invoices and how much
// will be collected, confirm, watch the progress, read what was done.
#pragma once

#include <string>
#include <vector>

#include "host_sim/screen/BulkJobs.hpp"
#include "host_sim/screen/ErpInvoices.hpp"
#include "host_sim/screen/Pages.hpp"

namespace host_sim::screen {

struct BulkChoice {
    std::string grade, academic_year_start;
};

// form#bulk-form: a class must be picked (no "every class" default).
std::string bulk_form_page(const std::vector<std::string>& grades,
                           const std::vector<std::string>& years, const std::string& error,
                           const PageContext& context);
// p#bulk-confirm ("Collect 312 open invoices of Grade 5, ₹78,00,000.00?") and
// button#bulk-confirm-button, or why there is nothing to collect.
std::string bulk_preview_page(const BulkChoice& choice, const ErpInvoices::OpenTotal& total,
                              const PageContext& context);
// The progress bar while the job runs; once finished, ul#bulk-results: each
// invoice (`results`, read back from the ERP) and the counts in words.
std::string bulk_page(const BulkJob& job, const std::vector<ErpInvoice>& results,
                      const PageContext& context);

// "created", 3 -> "3 payment requests created" (collect_all's output keys).
std::string count_in_words(const std::string& key, const std::string& count);

}  // namespace host_sim::screen
