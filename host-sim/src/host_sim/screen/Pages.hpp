// The invoice screen's pages, rendered on the server. Every value is
// HTML-escaped (screen/Html.hpp); links from data must be http(s).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "erp_plugin/plugin.hpp"
#include "host_sim/screen/BulkJobs.hpp"
#include "host_sim/screen/ErpInvoices.hpp"
#include "host_sim/screen/JsonRows.hpp"

namespace host_sim::screen {

struct Flash {
    std::string text;
    bool error = false;
};

struct PageContext {
    std::string token;  // the form token (RequestGuard)
    std::string nonce;  // this response's CSP nonce
    std::optional<Flash> flash;
};

// The invoice action buttons the screen offers, in this order, when the plugin does.
const std::vector<std::pair<std::string, std::string>>& invoice_buttons();

struct InvoiceView {
    ErpInvoice invoice;
    std::vector<std::string> actions;  // offered invoice actions among invoice_buttons()
    std::optional<erp_plugin::Fields> plugin_status;   // the plugin's "status" outputs
    std::vector<JsonRow> plugin_lines;                 // ... and its lines
    std::optional<std::vector<JsonRow>> audit;         // audit_log, when offered
    std::optional<erp_plugin::Fields> student_status;  // the invoice's student in Jodo
    std::string returned_status;  // on the return page: what the checkout said (not trusted)
    bool waiting = false;         // return page: the payment is not confirmed yet
    std::string reload_url;       // where the waiting page reloads
};

std::string invoice_page(const InvoiceView& view, const PageContext& context);
std::string bulk_page(const BulkJob& job, const PageContext& context);
std::string message_page(const std::string& title, const std::string& text,
                         const PageContext& context);

}  // namespace host_sim::screen
