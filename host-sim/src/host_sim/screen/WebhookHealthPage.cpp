#include "host_sim/screen/WebhookHealthPage.hpp"

#include <string>

#include "host_sim/screen/Html.hpp"
#include "host_sim/screen/IndianFormat.hpp"

namespace host_sim::screen {

namespace {
std::string field(const erp_plugin::Fields& outputs, const std::string& key) {
    const std::string* v = erp_plugin::find_field(outputs, key);
    return v ? *v : std::string();
}
}  // namespace

ScreenResponse webhook_health_screen(erp_plugin::Plugin& plugin, const PageContext& context) {
    erp_plugin::ActionRequest run;
    run.action = "webhook_health";
    run.record_type = "batch";
    const auto result = plugin.run_action(run);
    ScreenResponse response;
    std::string body = "<h1>Webhook health</h1>\n<div id=\"webhook-health\">\n";
    if (!result.status.ok()) {
        response.status = 503;
        body += "<div class=\"error\" role=\"alert\">The deliveries could not be read: " +
                html_escape(result.status.message) + ". Try again in a minute.</div>\n";
    } else {
        const auto& out = result.outputs;
        const std::string last = field(out, "last_accepted_at");
        body += "<p id=\"webhook-last-accepted\">" +
                (last.empty() ? std::string("No delivery from Jodo has been accepted yet.")
                              : "Last delivery accepted " + html_escape(school_time(last)) + ".") +
                "</p>\n";
        const std::string refused = field(out, "refused");
        body += "<p id=\"webhook-refused\">" +
                (refused == "0" ? std::string("None refused in the last 24 hours.")
                                : html_escape(refused) + " refused in the last 24 hours.") +
                "</p>\n";
        // `check`'s one line (with its machine time) only says more when something is wrong.
        if (field(out, "ok") != "yes")
            body += "<p id=\"webhook-summary\" class=\"flash error\" role=\"alert\">" +
                    html_escape(field(out, "summary")) + "</p>\n";
        int reasons = 0;
        try {
            reasons = std::stoi(field(out, "reasons"));
        } catch (const std::exception&) {
        }
        if (reasons > 0) {
            body +=
                "<table id=\"webhook-refusals\">\n<thead><tr><th>Refused</th><th>How many</th>"
                "<th>Last</th><th>What to do</th></tr></thead>\n<tbody>\n";
            for (int n = 1; n <= reasons; ++n) {
                const std::string p = "reason." + std::to_string(n) + ".";
                body += "<tr data-reason=\"" + html_escape(field(out, p + "code")) + "\"><td>" +
                        html_escape(field(out, p + "what")) + "</td><td class=\"num\">" +
                        html_escape(field(out, p + "count")) + "</td><td>" +
                        html_escape(school_time(field(out, p + "last_at"))) + "</td><td>" +
                        html_escape(field(out, p + "advice")) + "</td></tr>\n";
            }
            body += "</tbody>\n</table>\n";
        }
    }
    body += "</div>\n";
    response.body = page("Webhook health", body, context.nonce);
    return response;
}

}  // namespace host_sim::screen
