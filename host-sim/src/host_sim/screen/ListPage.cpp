#include "host_sim/screen/ListPage.hpp"

#include "host_sim/screen/ActionRules.hpp"
#include "host_sim/screen/Html.hpp"
#include "host_sim/screen/IndianFormat.hpp"

namespace host_sim::screen {

namespace {

std::string td(const std::string& text, const std::string& cls = "") {
    return "<td" + (cls.empty() ? "" : " class=\"" + cls + "\"") + ">" + html_escape(text) +
           "</td>";
}

std::string selected_if(bool on) {
    return on ? " selected" : "";
}

std::string select(const std::string& id, const std::string& label, const std::string& all,
                   const std::vector<std::pair<std::string, std::string>>& choices,
                   const std::string& chosen) {
    std::string out = "<label>" + html_escape(label) + " <select id=\"" + id + "\" name=\"" + id +
                      "\"><option value=\"\">" + html_escape(all) + "</option>";
    for (const auto& [value, text] : choices)
        out += "<option value=\"" + html_escape(value) + "\"" + selected_if(value == chosen) + ">" +
               html_escape(text) + "</option>";
    return out + "</select></label>\n";
}

std::vector<std::pair<std::string, std::string>> same(const std::vector<std::string>& values) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& v : values)
        out.emplace_back(v, v);
    return out;
}

std::string search_form(const ListView& view) {
    const InvoiceQuery& q = view.query;
    std::vector<std::pair<std::string, std::string>> years, statuses = {{"none", "not collected"}};
    for (const auto& y : view.academic_years) {
        // "2026" -> "2026-27", as schools name an academic year.
        const bool plain = y.size() == 4 && y.find_first_not_of("0123456789") == std::string::npos;
        const int next = plain ? (std::stoi(y) + 1) % 100 : 0;
        years.emplace_back(y, plain ? y + (next < 10 ? "-0" : "-") + std::to_string(next) : y);
    }
    for (const auto& s : view.statuses)
        statuses.emplace_back(s, status_words(s));
    std::string out = "<form id=\"search\" method=\"get\" action=\"/erp/invoices\">\n";
    out += "<label>Find <input type=\"search\" id=\"q\" name=\"q\" value=\"" + html_escape(q.q) +
           "\" placeholder=\"invoice, student, payer or order id\" size=\"36\"></label>\n";
    out += select("grade", "Class", "all classes", same(view.grades), q.grade);
    out += select("year", "Academic year", "all years", years, q.year);
    out += select("status", "Status", "any status", statuses, q.status);
    out += std::string("<label><input type=\"checkbox\" id=\"needs\" name=\"needs\" value=\"1\"") +
           (q.needs ? " checked" : "") + "> needs a person</label>\n";
    if (q.sort != "invoice")
        out += "<input type=\"hidden\" name=\"sort\" value=\"" + html_escape(q.sort) + "\">";
    if (q.descending)
        out += "<input type=\"hidden\" name=\"dir\" value=\"desc\">";
    out += "<button type=\"submit\" id=\"search-button\">Search</button>";
    if (q.filtered())
        out += " <a id=\"clear-search\" href=\"/erp/invoices\">Show all invoices</a>";
    return out + "\n</form>\n";
}

// A column heading that sorts by it; again reverses the order.
std::string sort_heading(const InvoiceQuery& q, const std::string& key, const std::string& label) {
    const bool current = q.sort == key;
    const bool descending = current && !q.descending;
    const std::string href = q.url(
        {{"sort", key == "invoice" ? "" : key}, {"dir", descending ? "desc" : ""}, {"page", ""}});
    const std::string mark = current ? (q.descending ? " ▼" : " ▲") : "";
    return "<th><a class=\"sort\" id=\"sort-" + key + "\" href=\"" + html_escape(href) + "\">" +
           html_escape(label) + mark + "</a></th>";
}

std::string what_was_asked(const InvoiceQuery& q) {
    std::string out;
    auto add = [&](const std::string& part) { out += (out.empty() ? "" : ", ") + part; };
    if (!q.q.empty())
        add("matching \"" + q.q + "\"");
    if (!q.grade.empty())
        add("in " + q.grade);
    if (!q.year.empty())
        add("of the academic year starting " + q.year);
    if (!q.status.empty())
        add("with status " + status_words(q.status == "none" ? "" : q.status));
    if (q.needs)
        add("needing a person");
    return out;
}

std::string pager(const InvoiceQuery& q, const InvoiceResults& r) {
    std::string out = "<p class=\"pager\">";
    if (r.page > 1)
        out += "<a id=\"prev-page\" href=\"" +
               html_escape(q.url({{"page", r.page == 2 ? "" : std::to_string(r.page - 1)}})) +
               "\">&larr; Previous</a> ";
    out += "<span id=\"page-info\">Page " + indian_count(r.page) + " of " +
           indian_count(r.pages) + "</span>";
    if (r.page < r.pages)
        out += " <a id=\"next-page\" href=\"" +
               html_escape(q.url({{"page", std::to_string(r.page + 1)}})) + "\">Next &rarr;</a>";
    return out + "</p>\n";
}

std::string invoice_rows(const InvoiceResults& r) {
    std::string out = "";
    for (const auto& inv : r.rows) {
        const std::string href = "/erp/invoice?id=" + url_component(inv.invoice_id);
        out += "<tr data-invoice=\"" + html_escape(inv.invoice_id) +
               "\"><td><a class=\"invoice-link\" href=\"" + html_escape(href) + "\">" +
               html_escape(inv.invoice_id) + "</a></td>" +
               td(inv.student_name + (inv.grade.empty() ? "" : " (" + inv.grade + ")")) +
               td(inv.payer_name) + td(rupees(inv.amount_due), "amount") +
               "<td class=\"status\" data-status=\"" + html_escape(inv.status) + "\">" +
               html_escape(status_words(inv.status)) +
               (inv.note.empty() ? "" : "<br><small>" + html_escape(inv.note) + "</small>") +
               "</td>" + td(school_time(inv.issued_on)) + td(school_time(inv.paid_at)) + "</tr>\n";
    }
    return out;
}

}  // namespace

std::string list_page(const ListView& view, const PageContext& context) {
    const InvoiceQuery& q = view.query;
    const InvoiceResults& r = view.results;
    std::string body = "<h1>Invoices</h1>\n";
    if (context.flash)
        body += std::string("<p class=\"flash") + (context.flash->error ? " error" : "") +
                "\" id=\"flash\">" + html_escape(context.flash->text) + "</p>\n";
    body += search_form(view);
    body += "<p><span id=\"result-count\">" + indian_count(r.total) +
            (r.total == 1 ? " invoice" : " invoices") + "</span>" +
            (q.filtered() ? " " + html_escape(what_was_asked(q)) : "") + "</p>\n";
    if (r.total == 0) {
        body += q.filtered()
                    ? "<p id=\"no-match\">No invoice is " + html_escape(what_was_asked(q)) +
                          ". Check the spelling (a part of a name or an invoice number is "
                          "enough), or <a href=\"/erp/invoices\">show all invoices</a>.</p>\n"
                    : std::string(
                          "<p id=\"no-invoices\">There are no invoices yet. Invoices "
                          "raised in the ERP appear here as soon as they are saved.</p>\n");
        return page("Invoices", body, context.nonce);
    }
    body += "<table id=\"invoices\"><tr>" + sort_heading(q, "invoice", "Invoice") +
            sort_heading(q, "student", "Student (class)") + "<th>Payer</th>" +
            sort_heading(q, "amount", "Amount due") + sort_heading(q, "status", "Status") +
            sort_heading(q, "issued", "Issued") + "<th>Paid at</th></tr>\n" + invoice_rows(r) +
            "</table>\n" + pager(q, r);
    return page("Invoices", body, context.nonce);
}

}  // namespace host_sim::screen
