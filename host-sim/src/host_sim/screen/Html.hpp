// HTML and URL text for the invoice screen. Every value shown comes from the
// ERP or the plugin (invoice ids and names are ERP data: hostile input), so
// nothing reaches a page without going through html_escape().
#pragma once

#include <string>

#include "host_sim/text/HtmlEscape.hpp"

namespace host_sim::screen {

// Text for an element's content or a quoted attribute value.
using host_sim::html_escape;

// One query parameter value, percent-encoded (RFC 3986 unreserved kept).
std::string url_component(const std::string& text);

// An href for a link that came from data: the text when it is an absolute
// http(s) URL, otherwise empty (no javascript:, data: or relative links).
std::string safe_http_url(const std::string& url);

// A whole page: charset, a small inline style, the title and the body.
// `script`, when not empty, runs under the page's CSP nonce.
std::string page(const std::string& title, const std::string& body, const std::string& nonce,
                 const std::string& script = "", const std::string& head_extra = "");

}  // namespace host_sim::screen
