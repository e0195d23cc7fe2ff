#include "host_sim/screen/Html.hpp"

#include <Poco/Exception.h>
#include <Poco/URI.h>

namespace host_sim::screen {

std::string url_component(const std::string& text) {
    std::string out;
    Poco::URI::encode(text, "!#$&'()*+,/:;=?@[]%\"<>\\^`{|} ", out);
    return out;
}

std::string safe_http_url(const std::string& url) {
    try {
        const Poco::URI uri(url);
        if ((uri.getScheme() == "http" || uri.getScheme() == "https") && !uri.getHost().empty())
            return url;
    } catch (const Poco::Exception&) {
    }
    return {};
}

std::string page(const std::string& title, const std::string& body, const std::string& nonce,
                 const std::string& script, const std::string& head_extra) {
    std::string out =
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>" +
        html_escape(title) + "</title>\n" + head_extra + "<style nonce=\"" + nonce +
        "\">body{font-family:sans-serif;margin:1.5em;color:#222}"
        "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.25em "
        ".5em;text-align:left;vertical-align:top}th{background:#f3f3f3}"
        ".flash{background:#eef6ff;border:1px solid #9bc;padding:.5em}"
        ".error{background:#fff0f0;border-color:#c99}.review{background:#fff8e0}"
        "form.inline{display:inline}code{font-size:.9em}"
        "nav{margin-bottom:1em;padding-bottom:.5em;border-bottom:1px solid #ccc}"
        "nav a{margin-right:1.2em}td.amount{text-align:right}"
        "details.ids{margin:.5em 0;color:#555}</style>\n</head>\n<body>\n"
        "<nav id=\"nav\"><a id=\"nav-invoices\" href=\"/erp/invoices\">Invoices</a> "
        "<a id=\"nav-review\" href=\"/erp/review\">Needs a person</a> "
        "<a id=\"nav-bulk\" href=\"/erp/bulk\">Bulk collection</a> "
        "<a id=\"nav-settlement\" href=\"/erp/settlement\">Settlement</a> "
        "<a id=\"nav-webhooks\" href=\"/erp/webhooks\">Webhooks</a></nav>\n" +
        body;
    if (!script.empty())
        out += "<script nonce=\"" + nonce + "\">\n" + script + "\n</script>\n";
    return out + "</body></html>\n";
}

}  // namespace host_sim::screen
