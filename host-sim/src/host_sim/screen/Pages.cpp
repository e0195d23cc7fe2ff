#include "host_sim/screen/Pages.hpp"

#include "host_sim/screen/Html.hpp"

namespace host_sim::screen {

namespace {

std::string cell(const std::string& text, const std::string& cls = "") {
    return "<td" + (cls.empty() ? "" : " class=\"" + cls + "\"") + ">" + html_escape(text) +
           "</td>";
}

std::string flash_html(const PageContext& context) {
    if (!context.flash)
        return {};
    return std::string("<p class=\"flash") + (context.flash->error ? " error" : "") +
           "\" id=\"flash\">" + html_escape(context.flash->text) + "</p>\n";
}

std::string invoice_link(const std::string& invoice_id) {
    return "<a href=\"/erp/invoice?id=" + html_escape(url_component(invoice_id)) + "\">" +
           html_escape(invoice_id) + "</a>";
}

std::string hidden(const std::string& name, const std::string& value) {
    return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + html_escape(value) + "\">";
}

std::string options(const std::vector<std::string>& values) {
    std::string out = "<option value=\"\">(all)</option>";
    for (const auto& v : values)
        out += "<option value=\"" + html_escape(v) + "\">" + html_escape(v) + "</option>";
    return out;
}

std::string review_section(const ListView& view) {
    std::string out = "<h2>Review queue</h2>\n";
    if (!view.review_offered)
        return out + "<p>This plugin offers no review queue.</p>\n";
    if (!view.review_error.empty())
        return out + "<p class=\"flash error\">" + html_escape(view.review_error) + "</p>\n";
    if (view.review.empty() && view.student_review.empty())
        return out + "<p id=\"review-empty\">Nothing needs a person.</p>\n";
    if (!view.student_review.empty()) {
        // Student-linked Pay: payments from Jodo no bill took, receipts Jodo
        // refused, registrations whose outcome is unknown.
        out +=
            "<table id=\"student-review\"><tr><th>what</th><th>id</th><th>student</th>"
            "<th>state</th><th>what to do</th></tr>\n";
        for (const auto& item : view.student_review) {
            auto get = [&](const char* key) {
                auto it = item.find(key);
                return it == item.end() ? std::string() : it->second;
            };
            out += "<tr class=\"student-review\">" + cell(get("kind")) + cell(get("id")) +
                   cell(get("student_id")) + cell(get("state")) + cell(get("reason")) + "</tr>\n";
        }
        out += "</table>\n";
    }
    if (view.review.empty())
        return out;
    out +=
        "<table id=\"review\"><tr><th>invoice</th><th>status</th><th>order id</th>"
        "<th>amount</th><th>paid at</th><th>transaction id</th><th>what to do</th></tr>\n";
    for (const auto& item : view.review) {
        auto get = [&](const char* key) {
            auto it = item.find(key);
            return it == item.end() ? std::string() : it->second;
        };
        out += "<tr class=\"review\"><td>" + invoice_link(get("invoice_id")) + "</td>" +
               cell(get("status")) + cell(get("order_id")) + cell(get("amount")) +
               cell(get("paid_at")) + cell(get("transaction_id")) + cell(get("reason")) + "</tr>\n";
    }
    return out + "</table>\n";
}

}  // namespace

std::string list_page(const ListView& view, const PageContext& context) {
    std::string body = "<h1>Invoices</h1>\n" + flash_html(context);
    body +=
        "<table id=\"invoices\"><tr><th>invoice</th><th>payer</th><th>student</th>"
        "<th>class</th><th>amount due</th><th>status</th><th>order id</th><th>paid at</th>"
        "<th>transaction id</th><th>note</th></tr>\n";
    for (const auto& inv : view.invoices)
        body += "<tr><td>" + invoice_link(inv.invoice_id) + "</td>" + cell(inv.payer_name) +
                cell(inv.student_name) + cell(inv.grade) + cell(inv.amount_due) +
                cell(inv.status.empty() ? "-" : inv.status, "status") + cell(inv.order_id) +
                cell(inv.paid_at) + cell(inv.transaction_id) + cell(inv.note) + "</tr>\n";
    body += "</table>\n" + review_section(view);
    body += "<h2>Bulk collection</h2>\n<form method=\"post\" action=\"/erp/bulk\">" +
            hidden("token", context.token) +
            "<label>Class <select name=\"grade\" id=\"bulk-grade\">" + options(view.grades) +
            "</select></label> <label>Term (academic year from) <select "
            "name=\"academic_year_start\" id=\"bulk-year\">" +
            options(view.academic_years) +
            "</select></label> <button type=\"submit\" id=\"bulk-start\">Collect every open "
            "invoice</button></form>\n";
    return page("Invoices", body, context.nonce);
}

std::string message_page(const std::string& title, const std::string& text,
                         const PageContext& context) {
    return page(title, "<h1>" + html_escape(title) + "</h1>\n<p>" + html_escape(text) + "</p>\n",
                context.nonce);
}

}  // namespace host_sim::screen
