// Which of the plugin's invoice actions make sense for an invoice's state,
// what their buttons say, which need a second "yes" first, and how a failed
// action reads for an accountant. Decided from the ERP's own columns and the
// plugin's read-only "status" action only (no call to Jodo).
#pragma once

#include <string>
#include <vector>

#include "erp_plugin/status.hpp"
#include "host_sim/screen/Pages.hpp"

namespace host_sim::screen {

struct ActionButton {
    std::string action;    // the plugin's action name (data-action)
    std::string label;     // what pressing it does
    bool confirm = false;  // goes through the confirmation page first
};

// What the invoice's state allows, among the actions the plugin offers
// (view.actions), in button order.
std::vector<ActionButton> applicable_actions(const InvoiceView& view);

// The one sentence on the confirmation page: what happens if the accountant
// says yes. Empty for an action that needs no confirmation.
std::string consequence(const std::string& action);

// The sentence for a failed action, chosen by its code alone (a plugin's
// message wording is not an interface), with what to do next.
std::string plain_error(erp_plugin::StatusCode code);

// The plugin's message when it already reads as a sentence for a person
// (no snake_case codes, no JSON, not a raw dump), cut to `max_bytes` on a
// UTF-8 character boundary; empty otherwise.
std::string human_detail(const std::string& message, std::size_t max_bytes = 300);

// The ERP status word as an accountant says it ("unpaid" -> "Waiting for payment").
std::string status_words(const std::string& status);

}  // namespace host_sim::screen
