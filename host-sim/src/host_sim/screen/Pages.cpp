#include "host_sim/screen/Pages.hpp"

#include "host_sim/screen/Html.hpp"
#include "host_sim/screen/IndianFormat.hpp"

namespace host_sim::screen {

namespace {

std::string cell(const std::string& text, const std::string& cls = "") {
    return "<td" + (cls.empty() ? "" : " class=\"" + cls + "\"") + ">" + html_escape(text) +
           "</td>";
}

std::string row(const std::string& label, const std::string& value_html,
                const std::string& id = "") {
    return "<tr><th>" + html_escape(label) + "</th><td" + (id.empty() ? "" : " id=\"" + id + "\"") +
           ">" + value_html + "</td></tr>\n";
}

std::string flash_html(const PageContext& context) {
    if (!context.flash)
        return {};
    return std::string("<p class=\"flash") + (context.flash->error ? " error" : "") +
           "\" id=\"flash\">" + html_escape(context.flash->text) + "</p>\n";
}

std::string hidden(const std::string& name, const std::string& value) {
    return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + html_escape(value) + "\">";
}

std::string field(const JsonRow& row, const char* key) {
    auto it = row.find(key);
    return it == row.end() ? std::string() : it->second;
}

std::string audit_section(const std::vector<JsonRow>& audit) {
    static const char* const kColumns[] = {
        "at",       "direction",   "endpoint",   "event",      "collection_id",
        "order_id", "http_status", "latency_ms", "error_code", "attempt"};
    std::string out = "<h2>Audit log</h2>\n";
    if (audit.empty())
        return out + "<p>No Jodo calls or webhooks recorded for this invoice.</p>\n";
    out += "<table id=\"audit\"><tr>";
    for (const char* c : kColumns)
        out += "<th>" + html_escape(c) + "</th>";
    out += "</tr>\n";
    for (const auto& entry : audit) {
        out += "<tr>";
        for (const char* c : kColumns)
            out += cell(std::string(c) == "at" ? school_time(field(entry, c)) : field(entry, c));
        out += "</tr>\n";
    }
    return out + "</table>\n";
}

std::string lines_section(const InvoiceView& view) {
    std::string out =
        "<h2>Lines</h2>\n<table id=\"lines\"><tr><th>line</th><th>fee</th><th>amount</th>";
    const bool plugin_lines = !view.plugin_lines.empty();
    if (plugin_lines)
        out += "<th>paid (Jodo)</th>";
    out += "<th>settlement UTR</th><th>settled at</th></tr>\n";
    for (const auto& line : view.invoice.lines) {
        // The ERP's name for the fee; its code only where the ERP names none.
        out += "<tr>" + cell(line.line_no) +
               cell(line.fee_name.empty() ? line.fee_component : line.fee_name, "fee") +
               cell(rupees(line.amount), "amount");
        if (plugin_lines) {
            std::string paid;
            for (const auto& p : view.plugin_lines)
                if (field(p, "line_no") == line.line_no)
                    paid = field(p, "paid_amount");
            out += cell(rupees(paid), "amount");
        }
        out += cell(line.settlement_utr, "utr") + cell(school_time(line.settled_at)) + "</tr>\n";
    }
    return out + "</table>\n";
}

std::string buttons(const InvoiceView& view, const PageContext& context) {
    std::string out = "<h2>Actions</h2>\n<p>";
    for (const auto& [action, label] : invoice_buttons()) {
        bool offered = false;
        for (const auto& a : view.actions)
            offered = offered || a == action;
        if (!offered)
            continue;
        out += "<form class=\"inline\" method=\"post\" action=\"/erp/invoice/action\">" +
               hidden("token", context.token) + hidden("id", view.invoice.invoice_id) +
               hidden("action", action) + "<button type=\"submit\" id=\"action-" + action + "\">" +
               html_escape(label) + "</button></form>\n";
    }
    return out + "</p>\n";
}

// Internal ids (Jodo's order and transaction, the plugin's collection) are
// for a support call, not for the accountant's eye: under a disclosure.
std::string id_rows(const InvoiceView& view) {
    const ErpInvoice& inv = view.invoice;
    std::string rows = row("Order id", html_escape(inv.order_id), "order-id") +
                       row("Transaction id", html_escape(inv.transaction_id), "transaction-id");
    if (view.plugin_status) {
        const auto* id = erp_plugin::find_field(*view.plugin_status, "collection_id");
        const auto* kind = erp_plugin::find_field(*view.plugin_status, "kind");
        rows +=
            row("Collection (plugin)",
                html_escape((id ? *id : "") + (kind && !kind->empty() ? " (" + *kind + ")" : "")),
                "collection");
    }
    return "<details class=\"ids\"><summary>Internal ids</summary>\n<table id=\"invoice-ids\">\n" +
           rows + "</table></details>\n";
}

}  // namespace

const std::vector<std::pair<std::string, std::string>>& invoice_buttons() {
    static const std::vector<std::pair<std::string, std::string>> kButtons = {
        {"collect", "Collect with Jodo"},
        {"send_link", "Send payment link"},
        {"cancel_link", "Cancel link"},
        {"refresh", "Refresh"},
        {"release_unknown", "Release"}};
    return kButtons;
}

std::string invoice_page(const InvoiceView& view, const PageContext& context) {
    const ErpInvoice& inv = view.invoice;
    std::string body = "<h1>Invoice <span id=\"invoice-id\">" + html_escape(inv.invoice_id) +
                       "</span></h1>\n" + flash_html(context);
    if (!view.returned_status.empty())
        body += "<p class=\"flash\" id=\"returned\">Back from the Jodo checkout (it said: " +
                html_escape(view.returned_status) +
                "). The state below is the ERP's own, confirmed with Jodo.</p>\n";
    if (view.waiting)
        body +=
            "<p id=\"waiting\">Waiting for Jodo to confirm the payment; this page reloads "
            "on its own.</p>\n";
    const std::string link = safe_http_url(inv.payment_url);
    body +=
        "<table id=\"invoice\">\n" + row("Payer", html_escape(inv.payer_name), "payer") +
        row("Student",
            html_escape(inv.student_name) +
                (inv.grade.empty() ? "" : " (" + html_escape(inv.grade) + ")"),
            "student") +
        row("Description", html_escape(inv.description)) +
        row("Amount due", html_escape(rupees(inv.amount_due)), "amount-due") +
        row("Status", html_escape(inv.status.empty() ? "-" : inv.status), "status") +
        row("Payment link",
            link.empty() ? html_escape(inv.payment_url)
                         : "<a href=\"" + html_escape(link) + "\">" + html_escape(link) + "</a>",
            "payment-link") +
        row("Link expires", html_escape(school_time(inv.expires_at)), "expires-at") +
        row("Paid at", html_escape(school_time(inv.paid_at)), "paid-at") +
        row("Note", html_escape(inv.note), "note");
    if (view.plugin_status) {
        auto get = [&](const char* key) {
            const auto* v = erp_plugin::find_field(*view.plugin_status, key);
            return v ? *v : std::string();
        };
        body += row("Collection status (plugin)", html_escape(get("status")), "collection-status") +
                row("Review (plugin)", html_escape(get("review")), "review");
    }
    if (view.student_status) {
        auto get = [&](const char* key) {
            const auto* v = erp_plugin::find_field(*view.student_status, key);
            return v ? *v : std::string();
        };
        const std::string state = get("state");
        body += row(
            "Jodo student",
            state == "not_synced"
                ? std::string("not registered with Jodo")
                : html_escape(get("jodo_student_id") + " (" + state + ", last sync " +
                              (get("synced_at").empty() ? "-" : school_time(get("synced_at"))) +
                              (get("pending").empty() ? "" : "; not sent yet: " + get("pending")) +
                              ")"),
            "jodo-student");
    }
    body += "</table>\n" + id_rows(view) + lines_section(view) + buttons(view, context);
    if (view.audit)
        body += audit_section(*view.audit);
    std::string head;
    if (view.waiting && !view.reload_url.empty())
        head = "<meta http-equiv=\"refresh\" content=\"2;url=" + html_escape(view.reload_url) +
               "\">\n";
    return page("Invoice " + inv.invoice_id, body, context.nonce, "", head);
}

std::string bulk_page(const BulkJob& job, const PageContext& context) {
    std::string filters;
    for (const auto& [name, value] : job.filters)
        filters += (filters.empty() ? "" : ", ") + name + " = " + value;
    std::string body = "<h1>Bulk collection</h1>\n" + flash_html(context) + "<p>Filters: " +
                       html_escape(filters.empty() ? "every open invoice" : filters) + "</p>\n" +
                       "<progress id=\"bulk-progress\" max=\"1\" value=\"0\"></progress> "
                       "<span id=\"bulk-text\">starting</span>\n<pre id=\"bulk-counts\"></pre>\n";
    // The job id is ours (BulkJobs), but it goes into script text: encode it.
    const std::string script =
        "const url = '/erp/bulk/progress?job=" + url_component(job.id) +
        "';\n"
        "async function poll() {\n"
        "  const r = await fetch(url, {cache: 'no-store'});\n"
        "  const j = await r.json();\n"
        "  const bar = document.getElementById('bulk-progress');\n"
        "  bar.max = Math.max(j.total, 1); bar.value = j.finished ? bar.max : j.done;\n"
        "  document.getElementById('bulk-text').textContent = j.finished\n"
        "    ? (j.ok ? 'finished' : 'stopped: ' + j.message) + ' (' + j.done + ' of ' + j.total + "
        "')'\n"
        "    : j.done + ' of ' + (j.total || '?');\n"
        "  document.getElementById('bulk-counts').textContent =\n"
        "    Object.entries(j.counts).map(([k, v]) => k + ': ' + v).join('\\n');\n"
        "  if (!j.finished) setTimeout(poll, 500);\n"
        "}\n"
        "poll();";
    return page("Bulk collection", body, context.nonce, script);
}

std::string message_page(const std::string& title, const std::string& text,
                         const PageContext& context) {
    return page(title, "<h1>" + html_escape(title) + "</h1>\n<p>" + html_escape(text) + "</p>\n",
                context.nonce);
}

}  // namespace host_sim::screen
