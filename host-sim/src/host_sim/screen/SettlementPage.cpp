#include "host_sim/screen/SettlementPage.hpp"

#include <string>
#include <vector>

#include "host_sim/screen/Html.hpp"
#include "host_sim/screen/IndianFormat.hpp"
#include "host_sim/screen/SchoolDay.hpp"
#include "host_sim/text/CsvCell.hpp"

namespace host_sim::screen {

namespace {

std::string field(const erp_plugin::Fields& outputs, const std::string& key) {
    const std::string* v = erp_plugin::find_field(outputs, key);
    return v ? *v : std::string();
}

int count(const erp_plugin::Fields& outputs, const std::string& key) {
    try {
        return std::stoi(field(outputs, key));
    } catch (const std::exception&) {
        return 0;
    }
}

// One row of the report: a UTR on a day, a day's total or the grand total.
struct Tally {
    std::string day, utr, payments, invoices, students, lines, total;
    std::vector<std::string> invoice_ids, student_ids;
};

std::vector<std::string> split_ids(const std::string& ids) {
    std::vector<std::string> out;
    for (std::size_t at = 0; at < ids.size();) {
        const std::size_t comma = ids.find(", ", at);
        out.push_back(ids.substr(at, comma - at));
        at = comma == std::string::npos ? ids.size() : comma + 2;
    }
    return out;
}

Tally tally(const erp_plugin::Fields& outputs, const std::string& prefix) {
    Tally t{field(outputs, prefix + "day"),
            field(outputs, prefix + "utr"),
            field(outputs, prefix + "payments"),
            field(outputs, prefix + "invoices"),
            field(outputs, prefix + "students"),
            field(outputs, prefix + "lines"),
            field(outputs, prefix + "total"),
            split_ids(field(outputs, prefix + "invoice_ids")),
            split_ids(field(outputs, prefix + "student_ids"))};
    return t;
}

std::string cells(const Tally& t, const std::string& first, const std::string& second) {
    return "<td>" + first + "</td><td>" + second + "</td><td class=\"num\">" +
           html_escape(t.payments) + "</td><td class=\"num\">" + html_escape(t.invoices) +
           "</td><td class=\"num\">" + html_escape(t.students) + "</td><td class=\"num\">" +
           html_escape(t.lines) + "</td><td class=\"num\">" + html_escape(rupees(t.total)) +
           "</td>";
}

std::string table(const erp_plugin::Fields& outputs) {
    std::string html =
        "<table id=\"settlement\">\n<thead><tr><th>Day</th><th>UTR (bank reference)</th>"
        "<th>Payments</th><th>Invoices</th>"
        "<th title=\"Student-linked payments settle no invoice\">Students</th>"
        "<th>Fee lines</th><th>Amount</th></tr></thead>\n"
        "<tbody>\n";
    const int rows = count(outputs, "rows");
    const int days = count(outputs, "days");
    int row = 1;
    for (int d = 1; d <= days; ++d) {
        const Tally day = tally(outputs, "day." + std::to_string(d) + ".");
        for (; row <= rows; ++row) {
            const Tally r = tally(outputs, "row." + std::to_string(row) + ".");
            if (r.day != day.day)
                break;
            std::string invoices;
            for (const auto& id : r.invoice_ids)
                invoices += (invoices.empty() ? "" : ", ") +
                            std::string("<a href=\"/erp/invoice?id=") +
                            html_escape(url_component(id)) + "\">" + html_escape(id) + "</a>";
            // A student-linked payment settles no invoice: its student is named.
            for (const auto& id : r.student_ids)
                invoices +=
                    (invoices.empty() ? "" : ", ") + std::string("student ") + html_escape(id);
            html += "<tr data-day=\"" + html_escape(r.day) + "\" data-utr=\"" + html_escape(r.utr) +
                    "\">" +
                    cells(r, html_escape(school_time(r.day)),
                          "<code>" + html_escape(r.utr) + "</code><br><small>" + invoices +
                              "</small>") +
                    "</tr>\n";
        }
        html +=
            "<tr class=\"day-total\" data-day-total=\"" + html_escape(day.day) + "\">" +
            cells(day, "<strong>Total " + html_escape(school_time(day.day)) + "</strong>",
                  html_escape(field(outputs, "day." + std::to_string(d) + ".utrs")) + " UTR(s)") +
            "</tr>\n";
    }
    const Tally grand = tally(outputs, "total.");
    html += "</tbody>\n<tfoot><tr class=\"grand-total\" id=\"settlement-total\">" +
            cells(grand, "<strong>All days</strong>", "") + "</tr></tfoot>\n</table>\n";
    return html;
}

std::string csv(const erp_plugin::Fields& outputs) {
    // Machine-readable: ISO dates and plain decimal amounts, one row per UTR.
    // students and student_ids came later: after the first columns, so a
    // sheet that reads those by position still does.
    std::string out = "day,utr,payments,invoices,lines,amount,invoice_ids,students,student_ids\r\n";
    const int rows = count(outputs, "rows");
    for (int n = 1; n <= rows; ++n) {
        const std::string p = "row." + std::to_string(n) + ".";
        out += csv_cell(field(outputs, p + "day")) + "," + csv_cell(field(outputs, p + "utr")) +
               "," + csv_number(field(outputs, p + "payments")) + "," +
               csv_number(field(outputs, p + "invoices")) + "," +
               csv_number(field(outputs, p + "lines")) + "," +
               csv_number(field(outputs, p + "total")) + "," +
               csv_cell(field(outputs, p + "invoice_ids")) + "," +
               csv_number(field(outputs, p + "students")) + "," +
               csv_cell(field(outputs, p + "student_ids")) + "\r\n";
    }
    return out;
}

}  // namespace

erp_plugin::Fields settlement_parameters(const std::string& from, const std::string& to,
                                         std::int64_t now_unix_ms) {
    return {{"from", from}, {"to", to}, {"utc_offset", school_utc_offset(now_unix_ms / 1000)}};
}

ScreenResponse settlement_screen(erp_plugin::Plugin& plugin, const ScreenRequest& request,
                                 const PageContext& context, std::int64_t now_unix_ms) {
    const auto query = parse_form(request.query);
    std::string from = form_value(query, "from"), to = form_value(query, "to");
    if (from.empty())
        from = school_date(now_unix_ms / 1000, -6);
    if (to.empty())
        to = school_date(now_unix_ms / 1000);
    erp_plugin::ActionRequest run;
    run.action = "settlement_report";
    run.record_type = "batch";
    run.parameters = settlement_parameters(from, to, now_unix_ms);
    const auto result = plugin.run_action(run);
    ScreenResponse response;
    if (request.path == "/erp/settlement.csv") {
        if (!result.status.ok()) {
            response.status =
                result.status.code == erp_plugin::StatusCode::invalid_input ? 400 : 503;
            response.content_type = "text/plain; charset=utf-8";
            response.body =
                "The settlement report could not be made: " + result.status.message + "\n";
            return response;
        }
        response.content_type = "text/csv; charset=utf-8";
        // from/to passed the plugin's date check: digits and dashes only.
        response.headers.emplace_back("Content-Disposition", "attachment; filename=\"settlement-" +
                                                                 from + "-" + to + ".csv\"");
        response.body = csv(result.outputs);
        return response;
    }
    std::string body =
        "<h1>Settlement report</h1>\n<p>What Jodo paid into the school's bank, per day and per "
        "UTR (the reference on the bank statement).</p>\n"
        "<form id=\"settlement-form\" method=\"get\" action=\"/erp/settlement\">"
        "<label>From <input id=\"from\" name=\"from\" type=\"date\" value=\"" +
        html_escape(from) +
        "\"></label> <label>To <input id=\"to\" name=\"to\" type=\"date\" value=\"" +
        html_escape(to) + "\"></label> <button type=\"submit\">Show</button></form>\n";
    if (!result.status.ok()) {
        response.status = result.status.code == erp_plugin::StatusCode::invalid_input ? 400 : 503;
        body += "<div class=\"error\" role=\"alert\">The report could not be made: " +
                html_escape(result.status.message) +
                ". Pick the days again (a year at most), or try again later.</div>\n";
    } else {
        const std::string days =
            html_escape(school_time(from)) + " to " + html_escape(school_time(to));
        body += "<p>" + days + ": " + html_escape(field(result.outputs, "total.payments")) +
                " payment(s), " + html_escape(rupees(field(result.outputs, "total.total"))) +
                ". <a id=\"settlement-csv\" href=\"/erp/settlement.csv?from=" +
                html_escape(url_component(from)) + "&amp;to=" + html_escape(url_component(to)) +
                "\">Download CSV</a></p>\n";
        if (count(result.outputs, "rows") == 0)
            body += "<p id=\"settlement-empty\">Nothing was settled on these days.</p>\n";
        body += table(result.outputs);
        if (count(result.outputs, "unreadable") > 0)
            body += "<div class=\"error\" role=\"alert\">" +
                    html_escape(field(result.outputs, "unreadable")) +
                    " settled fee line(s) carry a settlement time that could not be read and are "
                    "not counted above.</div>\n";
    }
    response.body = page("Settlement report", body, context.nonce);
    return response;
}

}  // namespace host_sim::screen
