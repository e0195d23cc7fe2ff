// Small pieces the invoice and bulk pages share. Every value goes through
// html_escape(); ids and names in attributes are the screen's own constants.
#pragma once

#include <string>

#include "host_sim/screen/Html.hpp"
#include "host_sim/screen/Pages.hpp"

namespace host_sim::screen::parts {

inline std::string cell(const std::string& text, const std::string& cls = "") {
    return "<td" + (cls.empty() ? "" : " class=\"" + cls + "\"") + ">" + html_escape(text) +
           "</td>";
}

inline std::string row(const std::string& label, const std::string& value_html,
                       const std::string& id = "") {
    return "<tr><th>" + html_escape(label) + "</th><td" + (id.empty() ? "" : " id=\"" + id + "\"") +
           ">" + value_html + "</td></tr>\n";
}

inline std::string hidden(const std::string& name, const std::string& value) {
    return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + html_escape(value) + "\">";
}

inline std::string invoice_href(const std::string& invoice_id) {
    return "/erp/invoice?id=" + url_component(invoice_id);
}

inline std::string invoice_link(const std::string& invoice_id) {
    return "<a href=\"" + html_escape(invoice_href(invoice_id)) + "\">" + html_escape(invoice_id) +
           "</a>";
}

// An error is announced to screen readers (role=alert), a notice is not.
inline std::string error_html(const std::string& sentence, const std::string& detail) {
    return "<div class=\"error\" role=\"alert\" id=\"flash\"><p>" + html_escape(sentence) + "</p>" +
           (detail.empty() ? "" : "<p class=\"detail\">" + html_escape(detail) + "</p>") +
           "</div>\n";
}

inline std::string flash_html(const PageContext& context) {
    if (!context.flash)
        return {};
    if (context.flash->error)
        return error_html(context.flash->text, context.flash->detail);
    return "<p class=\"flash\" id=\"flash\">" + html_escape(context.flash->text) + "</p>\n";
}

}  // namespace host_sim::screen::parts
