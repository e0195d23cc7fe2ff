// GET /erp/review: the plugin's review queue, on its own page (it used to sit
// below every row of the invoice list, out of sight).
#include "host_sim/screen/ActionRules.hpp"
#include "host_sim/screen/Html.hpp"
#include "host_sim/screen/IndianFormat.hpp"
#include "host_sim/screen/ListPage.hpp"

namespace host_sim::screen {

namespace {

std::string td(const std::string& text) {
    return "<td>" + html_escape(text) + "</td>";
}

std::string get(const JsonRow& row, const char* key) {
    auto it = row.find(key);
    return it == row.end() ? std::string() : it->second;
}

std::string invoice_items(const std::vector<JsonRow>& items) {
    std::string out =
        "<h2>Invoices</h2>\n<table id=\"review\"><tr><th>Invoice</th><th>Status</th>"
        "<th>Amount</th><th>Paid at</th><th>What to do</th><th>Since</th></tr>\n";
    for (const auto& item : items) {
        const std::string id = get(item, "invoice_id");
        out += "<tr class=\"review\" data-invoice=\"" + html_escape(id) +
               "\"><td><a class=\"invoice-link\" href=\"/erp/invoice?id=" +
               html_escape(url_component(id)) + "\">" + html_escape(id) + "</a></td>" +
               td(status_words(get(item, "status"))) + td(rupees(get(item, "amount"))) +
               td(school_time(get(item, "paid_at"))) + td(get(item, "reason")) +
               td(school_time(get(item, "updated_at"))) + "</tr>\n";
    }
    return out + "</table>\n";
}

std::string student_items(const std::vector<JsonRow>& items) {
    // Student-linked Pay: payments from Jodo no bill took, receipts Jodo
    // refused, registrations whose outcome is unknown.
    std::string out =
        "<h2>Students</h2>\n<table id=\"student-review\"><tr><th>What</th><th>Student</th>"
        "<th>State</th><th>What to do</th><th>Since</th></tr>\n";
    for (const auto& item : items)
        out += "<tr class=\"student-review\">" + td(get(item, "kind")) +
               td(get(item, "student_id")) + td(get(item, "state")) + td(get(item, "reason")) +
               td(school_time(get(item, "updated_at"))) + "</tr>\n";
    return out + "</table>\n";
}

// Internal ids, for a support call: out of the accountant's way.
std::string ids(const std::vector<JsonRow>& items, const std::vector<JsonRow>& students) {
    std::string rows;
    for (const auto& item : items)
        rows += "<tr>" + td(get(item, "invoice_id")) + td(get(item, "collection_id")) +
                td(get(item, "order_id")) + td(get(item, "transaction_id")) + "</tr>\n";
    for (const auto& item : students)
        rows += "<tr>" + td(get(item, "student_id")) + td(get(item, "id")) + td("") + td("") +
                "</tr>\n";
    return "<details class=\"ids\"><summary>Internal ids</summary>\n<table><tr><th>Record</th>"
           "<th>Collection / item</th><th>Order</th><th>Transaction</th></tr>\n" +
           rows + "</table></details>\n";
}

}  // namespace

std::string review_page(const ReviewView& view, const PageContext& context) {
    std::string body = "<h1>Needs a person</h1>\n";
    if (!view.offered)
        body += "<p>This plugin offers no review queue.</p>\n";
    else if (!view.error.empty())
        body += "<div class=\"flash error\" role=\"alert\">The review queue could not be read: " +
                html_escape(view.error) +
                ". Try again in a minute; if it stays, see the host "
                "log.</div>\n";
    else if (view.items.empty() && view.student_items.empty())
        body +=
            "<p id=\"review-empty\">Nothing needs a person: every payment matched its "
            "invoice and every outcome is known.</p>\n";
    else {
        body +=
            "<p>Payments that differ from what was asked, outcomes Jodo never confirmed, and "
            "requests Jodo refused. Open each one and do what its row says. "
            "<a href=\"/erp/invoices?needs=1\">These invoices in the invoice list</a>.</p>\n";
        if (!view.items.empty())
            body += invoice_items(view.items);
        if (!view.student_items.empty())
            body += student_items(view.student_items);
        body += ids(view.items, view.student_items);
    }
    return page("Needs a person", body, context.nonce);
}

}  // namespace host_sim::screen
