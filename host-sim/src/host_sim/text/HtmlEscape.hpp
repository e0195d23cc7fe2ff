// Escaping for HTML text, shared by the invoice screen (ERP data) and the
// sandbox's checkout page (what a payer's browser is shown).
#pragma once

#include <string>

namespace host_sim {

// Text for an element's content or a quoted attribute value: & < > " ' escaped.
std::string html_escape(const std::string& text);

}  // namespace host_sim
