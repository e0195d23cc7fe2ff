// The invoice page: what the ERP and the plugin know of one invoice, the
// actions its state allows, the payment link ready to pass on, and the
// confirmation asked before an action that cannot be taken back.
#include "host_sim/screen/ActionRules.hpp"
#include "host_sim/screen/IndianFormat.hpp"
#include "host_sim/screen/PageParts.hpp"
#include "host_sim/screen/Pages.hpp"
#include "host_sim/screen/ShareLinks.hpp"

namespace host_sim::screen {

using parts::cell;
using parts::hidden;
using parts::row;

namespace {

std::string field(const JsonRow& row, const char* key) {
    auto it = row.find(key);
    return it == row.end() ? std::string() : it->second;
}

std::string fields_get(const std::optional<erp_plugin::Fields>& fields, const char* key) {
    if (!fields)
        return {};
    const auto* v = erp_plugin::find_field(*fields, key);
    return v ? *v : std::string();
}

std::string audit_section(const std::vector<JsonRow>& audit) {
    static const char* const kColumns[] = {
        "at",       "direction",   "endpoint",   "event",      "collection_id",
        "order_id", "http_status", "latency_ms", "error_code", "attempt"};
    std::string out = "<h2>Audit log</h2>\n";
    if (audit.empty())
        return out + "<p>No Jodo calls or webhooks recorded for this invoice.</p>\n";
    // Raw call records for whoever investigates: folded away like the ids.
    out +=
        "<details class=\"ids\"><summary>Every Jodo call and webhook</summary>\n"
        "<table id=\"audit\"><tr>";
    for (const char* c : kColumns)
        out += "<th>" + html_escape(c) + "</th>";
    out += "</tr>\n";
    for (const auto& entry : audit) {
        out += "<tr>";
        for (const char* c : kColumns)
            out += cell(std::string(c) == "at" ? school_time(field(entry, c)) : field(entry, c));
        out += "</tr>\n";
    }
    return out + "</table></details>\n";
}

std::string lines_section(const InvoiceView& view) {
    std::string out =
        "<h2>Lines</h2>\n<table id=\"lines\"><tr><th>line</th><th>fee</th><th>amount</th>";
    const bool plugin_lines = !view.plugin_lines.empty();
    if (plugin_lines)
        out += "<th>paid (Jodo)</th>";
    out += "<th>settlement UTR</th><th>settled at</th></tr>\n";
    for (const auto& line : view.invoice.lines) {
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
    const auto applicable = applicable_actions(view);
    std::string out = "<h2>Actions</h2>\n";
    if (applicable.empty())
        return out + "<p id=\"no-actions\">Nothing to do with Jodo for this invoice now.</p>\n";
    out += "<p>";
    for (const auto& b : applicable)
        out += "<form class=\"inline\" method=\"post\" action=\"/erp/invoice/action\">" +
               hidden("token", context.token) + hidden("id", view.invoice.invoice_id) +
               hidden("action", b.action) + "<button type=\"submit\" id=\"action-" + b.action +
               "\" data-action=\"" + html_escape(b.action) + "\">" + html_escape(b.label) +
               "</button></form>\n";
    return out + "</p>\n";
}

// Shown while the link can still be paid: the accountant passes it on.
bool link_to_share(const InvoiceView& view) {
    const ErpInvoice& inv = view.invoice;
    if (safe_http_url(inv.payment_url).empty())
        return false;
    const std::string status =
        view.plugin_status ? fields_get(view.plugin_status, "status") : inv.status;
    const bool active = !view.plugin_status || fields_get(view.plugin_status, "active") == "1";
    return active && status == "unpaid";
}

std::string share_section(const InvoiceView& view) {
    const ErpInvoice& inv = view.invoice;
    ShareMessage m{view.school_name, inv.payer_name, inv.student_name,
                   inv.amount_due,   inv.expires_at, safe_http_url(inv.payment_url)};
    const std::string text = share_text(m);
    std::string out =
        "<h2>Payment link for the parent</h2>\n<p><input id=\"payment-link\" readonly size=\"60\" "
        "value=\"" +
        html_escape(m.url) +
        "\"> <button type=\"button\" id=\"copy-link\">Copy link</button> "
        "<span id=\"copy-status\" aria-live=\"polite\"></span></p>\n";
    if (!inv.expires_at.empty())
        out += "<p>The link works until <span id=\"link-expiry\">" +
               html_escape(school_time(inv.expires_at)) + "</span>.</p>\n";
    const std::string wa = whatsapp_href(inv.payer_phone, text);
    out +=
        wa.empty()
            ? "<p id=\"no-whatsapp\">No WhatsApp: the payer has no Indian mobile number in the "
              "ERP" +
                  (inv.payer_phone.empty() ? std::string()
                                           : " (it holds " + html_escape(inv.payer_phone) + ")") +
                  ". Copy the link and send it another way, or correct the number in the "
                  "ERP.</p>\n"
            : "<p><a id=\"share-whatsapp\" href=\"" + html_escape(wa) +
                  "\" target=\"_blank\" rel=\"noopener noreferrer\">Send by WhatsApp to " +
                  html_escape(inv.payer_phone) + "</a></p>\n";
    const std::string mail = mailto_href(inv.payer_email, share_subject(m), text);
    out += mail.empty() ? "<p id=\"no-email\">No email: the payer has no usable email address in "
                          "the ERP. Copy the link and send it another way.</p>\n"
                        : "<p><a id=\"share-email\" href=\"" + html_escape(mail) +
                              "\">Send by email to " + html_escape(inv.payer_email) + "</a></p>\n";
    return out + "<p>The message: <q id=\"share-text\">" + html_escape(text) + "</q></p>\n";
}

// Copy with the Clipboard API; where it is refused (no permission, an older
// browser), the selected input and execCommand still copy.
const char* const kCopyScript =
    "const copy = document.getElementById('copy-link');\n"
    "if (copy) copy.addEventListener('click', async () => {\n"
    "  const input = document.getElementById('payment-link');\n"
    "  try { await navigator.clipboard.writeText(input.value); }\n"
    "  catch (e) { input.focus(); input.select(); document.execCommand('copy'); }\n"
    "  document.getElementById('copy-status').textContent = 'Copied';\n"
    "});";

std::string ids_section(const InvoiceView& view) {
    const ErpInvoice& inv = view.invoice;
    std::string out = "<details class=\"ids\"><summary>Internal ids</summary>\n<table>\n" +
                      row("Order id", html_escape(inv.order_id), "order-id");
    if (view.plugin_status)
        out += row("Collection (plugin)",
                   html_escape(fields_get(view.plugin_status, "collection_id") + " " +
                               fields_get(view.plugin_status, "kind")),
                   "collection");
    if (view.student_status && fields_get(view.student_status, "state") != "not_synced")
        out +=
            row("Jodo student id", html_escape(fields_get(view.student_status, "jodo_student_id")),
                "jodo-student-id");
    if (!link_to_share(view))
        out += row("Payment link", html_escape(inv.payment_url), "payment-url");
    return out + "</table></details>\n";
}

std::string student_row(const InvoiceView& view) {
    if (!view.student_status)
        return {};
    const std::string state = fields_get(view.student_status, "state");
    const std::string synced = fields_get(view.student_status, "synced_at");
    const std::string pending = fields_get(view.student_status, "pending");
    return row(
        "Jodo student",
        state == "not_synced"
            ? std::string("not registered with Jodo")
            : html_escape(state + ", last sync " + (synced.empty() ? "-" : school_time(synced)) +
                          (pending.empty() ? "" : "; not sent yet: " + pending)),
        "jodo-student");
}

}  // namespace

std::string invoice_page(const InvoiceView& view, const PageContext& context) {
    const ErpInvoice& inv = view.invoice;
    std::string body = "<h1>Invoice <span id=\"invoice-id\">" + html_escape(inv.invoice_id) +
                       "</span></h1>\n" + parts::flash_html(context);
    if (!view.returned_status.empty())
        body += "<p class=\"flash\" id=\"returned\">Back from the Jodo checkout (it said: " +
                html_escape(view.returned_status) +
                "). The state below is the ERP's own, confirmed with Jodo.</p>\n";
    if (view.waiting)
        body +=
            "<p id=\"waiting\">Waiting for Jodo to confirm the payment; this page reloads "
            "on its own.</p>\n";
    body += "<table id=\"invoice\">\n" + row("Payer", html_escape(inv.payer_name), "payer") +
            row("Student",
                html_escape(inv.student_name) +
                    (inv.grade.empty() ? "" : " (" + html_escape(inv.grade) + ")"),
                "student") +
            row("Description", html_escape(inv.description)) +
            row("Amount due", html_escape(rupees(inv.amount_due)), "amount-due") +
            row("Status", html_escape(inv.status.empty() ? "-" : inv.status), "status") +
            row("Where it stands", html_escape(status_words(inv.status)), "status-words") +
            row("Paid at", html_escape(school_time(inv.paid_at)), "paid-at") +
            row("Transaction id", html_escape(inv.transaction_id), "transaction-id") +
            row("Note", html_escape(inv.note), "note");
    if (view.plugin_status)
        body += row("Review", html_escape(fields_get(view.plugin_status, "review")), "review");
    body += student_row(view) + "</table>\n";
    const bool share = link_to_share(view);
    if (share)
        body += share_section(view);
    body += buttons(view, context) + lines_section(view) + ids_section(view);
    if (view.audit)
        body += audit_section(*view.audit);
    std::string head;
    if (view.waiting && !view.reload_url.empty())
        head = "<meta http-equiv=\"refresh\" content=\"2;url=" + html_escape(view.reload_url) +
               "\">\n";
    return page("Invoice " + inv.invoice_id, body, context.nonce, share ? kCopyScript : "", head);
}

std::string confirm_page(const InvoiceView& view, const std::string& action,
                         const PageContext& context) {
    std::string label = action;
    for (const auto& b : applicable_actions(view))
        if (b.action == action)
            label = b.label;
    const std::string& id = view.invoice.invoice_id;
    const std::string body =
        "<h1>" + html_escape(label) + " for invoice " + html_escape(id) + "?</h1>\n" +
        "<p id=\"consequence\">" + html_escape(consequence(action)) + "</p>\n" +
        "<form method=\"post\" action=\"/erp/invoice/action\">" + hidden("token", context.token) +
        hidden("id", id) + hidden("action", action) + hidden("confirm", "yes") +
        "<button type=\"submit\" id=\"confirm-action\" data-action=\"" + html_escape(action) +
        "\">Yes: " + html_escape(label) + "</button> <a id=\"cancel-confirm\" href=\"" +
        html_escape(parts::invoice_href(id)) + "\">No, back to the invoice</a></form>\n";
    return page("Confirm: " + label, body, context.nonce);
}

}  // namespace host_sim::screen
