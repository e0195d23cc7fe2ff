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
    std::string text;  // for an error: a plain sentence with what to do next
    bool error = false;
    std::string detail;  // an error's secondary detail (already human text)
};

struct PageContext {
    std::string token;  // the form token (RequestGuard)
    std::string nonce;  // this response's CSP nonce
    std::optional<Flash> flash;
};


struct InvoiceView {
    ErpInvoice invoice;
    std::vector<std::string> actions;                  // the invoice actions the plugin offers
    std::optional<erp_plugin::Fields> plugin_status;   // the plugin's "status" outputs
    std::vector<JsonRow> plugin_lines;                 // ... and its lines
    std::optional<std::vector<JsonRow>> audit;         // audit_log, when offered
    std::optional<erp_plugin::Fields> student_status;  // the invoice's student in Jodo
    std::string returned_status;  // on the return page: what the checkout said (not trusted)
    bool waiting = false;         // return page: the payment is not confirmed yet
    std::string reload_url;       // where the waiting page reloads
    std::string school_name;      // names the school in the message to the parent
};

std::string invoice_page(const InvoiceView& view, const PageContext& context);
// Release, Cancel...: what saying yes does, button#confirm-action and a#cancel-confirm.
std::string confirm_page(const InvoiceView& view, const std::string& action,
                         const PageContext& context);
std::string message_page(const std::string& title, const std::string& text,
                         const PageContext& context);

}  // namespace host_sim::screen
