#include "host_sim/screen/BulkPages.hpp"

#include "host_sim/screen/ActionRules.hpp"
#include "host_sim/screen/IndianFormat.hpp"
#include "host_sim/screen/PageParts.hpp"

namespace host_sim::screen {

using parts::hidden;

namespace {

std::string options(const std::vector<std::string>& values, const std::string& placeholder,
                    bool placeholder_selectable) {
    // A placeholder that cannot be chosen: the browser asks for a class
    // instead of sending "every class" by default.
    std::string out = "<option value=\"\"" +
                      std::string(placeholder_selectable ? "" : " disabled selected") + ">" +
                      html_escape(placeholder) + "</option>";
    for (const auto& v : values)
        out += "<option value=\"" + html_escape(v) + "\">" + html_escape(v) + "</option>";
    return out;
}

std::string what(const BulkChoice& choice) {
    return "of " + choice.grade +
           (choice.academic_year_start.empty()
                ? std::string()
                : " for the year from " + choice.academic_year_start);
}

std::string plural(std::int64_t n, const char* one, const char* many) {
    return indian_count(n) + " " + (n == 1 ? one : many);
}

std::string outcome(const ErpInvoice& inv) {
    std::string text = status_words(inv.status);
    const std::string detail = human_detail(inv.note, 200);
    if (!detail.empty() && (inv.status == "failed" || inv.status == "rejected"))
        text += ": " + detail;
    return text;
}

}  // namespace

std::string count_in_words(const std::string& key, const std::string& count) {
    struct Words {
        const char *key, *one, *many;
    };
    static const Words kWords[] = {
        {"invoices", "open invoice found", "open invoices found"},
        {"created", "payment request created", "payment requests created"},
        {"already_collected", "already being collected or paid", "already being collected or paid"},
        {"refused", "refused: the invoice needs correcting",
         "refused: the invoices need correcting"},
        {"errors", "failed: collect it again", "failed: collect them again"},
        {"unrecorded", "answered by Jodo but not recorded: the reconciler settles it",
         "answered by Jodo but not recorded: the reconciler settles them"},
        {"released_after_lost_answer", "released after a lost answer: collect it again",
         "released after a lost answer: collect them again"},
        {"not_attempted", "not attempted", "not attempted"}};
    for (const auto& w : kWords)
        if (key == w.key)
            return count + " " + (count == "1" ? w.one : w.many);
    return {};  // a count this screen does not know is not shown as a code
}

std::string bulk_form_page(const std::vector<std::string>& grades,
                           const std::vector<std::string>& years, const std::string& error,
                           const PageContext& context) {
    std::string body = "<h1>Bulk collection</h1>\n" + parts::flash_html(context);
    if (!error.empty())
        body += parts::error_html(error, "");
    body +=
        "<p>Collect every open invoice of one class with Jodo. You see how many and how much "
        "before anything is sent.</p>\n"
        "<form id=\"bulk-form\" method=\"get\" action=\"/erp/bulk/preview\">"
        "<label>Class <select name=\"grade\" id=\"bulk-grade\" required>" +
        options(grades, "Choose a class", false) +
        "</select></label> <label>Academic year from <select name=\"academic_year_start\" "
        "id=\"bulk-year\">" +
        options(years, "Every year", true) +
        "</select></label> <button type=\"submit\" id=\"bulk-preview\">Show what will be "
        "collected</button></form>\n";
    return page("Bulk collection", body, context.nonce);
}

std::string bulk_preview_page(const BulkChoice& choice, const ErpInvoices::OpenTotal& total,
                              const PageContext& context) {
    std::string body = "<h1>Bulk collection</h1>\n" + parts::flash_html(context);
    if (total.count == 0) {
        body += "<p id=\"bulk-confirm\">No open invoices " + html_escape(what(choice)) +
                ": nothing to collect.</p>\n<p><a id=\"cancel-confirm\" href=\"/erp/bulk\">Choose "
                "another class</a></p>\n";
        return page("Bulk collection", body, context.nonce);
    }
    body += "<p id=\"bulk-confirm\">Collect " +
            html_escape(plural(total.count, "open invoice", "open invoices") + " " + what(choice) +
                        ", " + rupees_from_paise(total.paise) + "?") +
            "</p>\n<p>Each parent gets a Jodo payment request; invoices already being collected "
            "keep theirs.</p>\n"
            "<form method=\"post\" action=\"/erp/bulk\">" +
            hidden("token", context.token) + hidden("grade", choice.grade) +
            hidden("academic_year_start", choice.academic_year_start) + hidden("confirm", "yes") +
            hidden("count", std::to_string(total.count)) +
            hidden("paise", std::to_string(total.paise)) +
            "<button type=\"submit\" id=\"bulk-confirm-button\">Yes, collect " +
            html_escape(plural(total.count, "invoice", "invoices")) +
            "</button> <a id=\"cancel-confirm\" href=\"/erp/bulk\">No, go back</a></form>\n";
    return page("Bulk collection: confirm", body, context.nonce);
}

std::string bulk_page(const BulkJob& job, const std::vector<ErpInvoice>& results,
                      const PageContext& context) {
    BulkChoice choice;
    for (const auto& [name, value] : job.filters)
        (name == "grade" ? choice.grade : choice.academic_year_start) = value;
    std::string body =
        "<h1>Bulk collection " + html_escape(what(choice)) + "</h1>\n" + parts::flash_html(context);
    if (!job.finished) {
        body +=
            "<progress id=\"bulk-progress\" max=\"1\" value=\"0\"></progress> "
            "<span id=\"bulk-text\">starting</span>\n";
        // The job id is ours (BulkJobs), but it goes into script text: encode it.
        const std::string script = "const url = '/erp/bulk/progress?job=" + url_component(job.id) +
                                   "';\n"
                                   "async function poll() {\n"
                                   "  const r = await fetch(url, {cache: 'no-store'});\n"
                                   "  const j = await r.json();\n"
                                   "  if (j.finished) { location.reload(); return; }\n"
                                   "  const bar = document.getElementById('bulk-progress');\n"
                                   "  bar.max = Math.max(j.total, 1); bar.value = j.done;\n"
                                   "  document.getElementById('bulk-text').textContent =\n"
                                   "    j.done + ' of ' + (j.total || '?') + ' invoices';\n"
                                   "  setTimeout(poll, 500);\n"
                                   "}\n"
                                   "poll();";
        return page("Bulk collection", body, context.nonce, script);
    }
    body += "<progress id=\"bulk-progress\" max=\"1\" value=\"1\"></progress> ";
    body += job.ok ? "<span id=\"bulk-text\">Finished.</span>\n"
                   : "<span id=\"bulk-text\">Stopped.</span>\n" +
                         parts::error_html(plain_error(job.code), human_detail(job.message));
    std::string counts;
    for (const auto& [key, value] : job.outputs) {
        if (value == "0" && key != "created")
            continue;
        const std::string words = count_in_words(key, value);
        if (!words.empty())
            counts += (counts.empty() ? "" : "; ") + words;
    }
    body += "<ul id=\"bulk-results\">\n<li class=\"bulk-counts\">" +
            html_escape(counts.empty() ? std::string("Nothing was done.") : counts + ".") +
            "</li>\n";
    for (const auto& inv : results)
        body += "<li class=\"bulk-invoice\" data-invoice=\"" + html_escape(inv.invoice_id) + "\">" +
                parts::invoice_link(inv.invoice_id) + " (" +
                html_escape(inv.student_name + ", " + rupees(inv.amount_due)) +
                "): " + html_escape(outcome(inv)) + "</li>\n";
    body += "</ul>\n<p><a href=\"/erp/bulk\">Collect another class</a></p>\n";
    return page("Bulk collection", body, context.nonce);
}

}  // namespace host_sim::screen
