#include "host_sim/sandbox/CheckoutPage.hpp"

#include <Poco/URI.h>

#include "host_sim/sandbox/SandboxErrors.hpp"
#include "host_sim/text/HtmlEscape.hpp"

namespace jodo::sandbox {

namespace {

const char* const kRupee = "\xE2\x82\xB9";  // U+20B9 INDIAN RUPEE SIGN
// The note the connector names its invoice with (PayOrderMapper.hpp); Jodo
// shows notes to the payer as the merchant's reference.
const char* const kInvoiceNote = "erp_invoice_id";

std::string rupees(Paise paise) {
    return kRupee + rupees_two_decimals(paise);
}

std::string page(const std::string& title, const std::string& body) {
    return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" +
           host_sim::html_escape(title) + "</title></head>\n<body>\n" + body + "</body></html>\n";
}

std::string message_page(const std::string& title, const std::string& message) {
    return page(title, "<h1>" + host_sim::html_escape(title) + "</h1>\n<p>" +
                           host_sim::html_escape(message) + "</p>\n");
}

std::string invoice_reference(const SandboxOrder& order) {
    for (const auto& [key, value] : order.notes)
        if (key == kInvoiceNote)
            return value;
    return order.identifier;
}

std::string button(const std::string& order_id, const std::string& action,
                   const std::string& label) {
    return "<form method=\"post\" action=\"/p/" + host_sim::html_escape(order_id) + "/" + action +
           "\" style=\"display:inline\"><button type=\"submit\" id=\"" + action + "\">" + label +
           "</button></form>\n";
}

// 303: the browser follows with a GET, so a reload of the merchant's page
// never posts the payment again.
Reply back_to_merchant(const std::string& url) {
    Reply reply = html_reply(303, page("Returning", "<p><a href=\"" + host_sim::html_escape(url) +
                                                        "\">Return to merchant</a></p>\n"));
    reply.headers.emplace_back("Location", url);
    return reply;
}

}  // namespace

CheckoutPage::CheckoutPage(SandboxState& state, std::string merchant_name)
    : state_(state), merchant_name_(std::move(merchant_name)) {}

Reply CheckoutPage::handle(const Request& request) {
    const auto segments = path_segments(request.path);  // {"p", id[, "pay"|"fail"|"abandon"]}
    if (segments.size() == 2) {
        if (request.method != "GET")
            return method_not_allowed(request, "GET");
        return show(segments[1]);
    }
    if (segments.size() == 3 &&
        (segments[2] == "pay" || segments[2] == "fail" || segments[2] == "abandon")) {
        if (request.method != "POST")
            return method_not_allowed(request, "POST");
        if (segments[2] == "pay")
            return pay(segments[1]);
        return leave_unpaid(segments[1], segments[2] == "fail" ? "failed" : "abandoned");
    }
    return html_reply(404, message_page("Not found", "There is no checkout page here."));
}

Reply CheckoutPage::show(const std::string& order_id) {
    auto record = state_.get(order_id);
    if (!record)
        return html_reply(404, message_page("Not found", "Unknown order " + order_id));
    return html_reply(200, render_checkout(*record, merchant_name_));
}

Reply CheckoutPage::pay(const std::string& order_id) {
    try {
        const std::string transaction = state_.pay(order_id);
        auto record = state_.get(order_id);
        if (record && !record->order.callback_url.empty())
            return back_to_merchant(return_url(record->order.callback_url, order_id, "paid"));
        return html_reply(200, page("Payment successful",
                                    "<h1>Payment successful</h1>\n<p>Payment successful, "
                                    "transaction " +
                                        host_sim::html_escape(transaction) + "</p>\n"));
    } catch (const OrderNotFound& e) {
        return html_reply(404, message_page("Not found", e.what()));
    } catch (const OrderConflict& e) {
        return html_reply(409, message_page("Payment not possible", e.what()));
    }
}

Reply CheckoutPage::leave_unpaid(const std::string& order_id, const std::string& outcome) {
    auto record = state_.get(order_id);
    if (!record)
        return html_reply(404, message_page("Not found", "Unknown order " + order_id));
    if (!record->order.callback_url.empty())
        return back_to_merchant(return_url(record->order.callback_url, order_id, outcome));
    return html_reply(200,
                      message_page(outcome == "failed" ? "Payment failed" : "Payment abandoned",
                                   "Nothing was paid; the order is still open."));
}

std::string render_checkout(const OrderRecord& record, const std::string& merchant_name) {
    const SandboxOrder& order = record.order;
    std::string body = "<h1 class=\"merchant\">" + host_sim::html_escape(merchant_name) + "</h1>\n";
    body += "<p>Jodo sandbox checkout, order <code>" + host_sim::html_escape(order.order_id) +
            "</code></p>\n";
    body += "<p>Invoice: <span class=\"invoice\">" +
            host_sim::html_escape(invoice_reference(order)) + "</span></p>\n";
    body +=
        "<p>Payer: <span class=\"payer\">" + host_sim::html_escape(order.name) + "</span></p>\n";
    body += "<p>Student: <span class=\"student\">" + host_sim::html_escape(record.student_name) +
            "</span>" +
            (record.grade.empty() ? "" : " (" + host_sim::html_escape(record.grade) + ")") +
            "</p>\n";
    body += "<table class=\"lines\">\n";
    for (const auto& line : order.lines)
        body += "<tr><td>" + host_sim::html_escape(line.component_type) + "</td><td>" +
                rupees(line.amount) + "</td></tr>\n";
    body += "<tr><th>Total</th><th class=\"total\">" + rupees(order.total()) + "</th></tr>\n";
    body += "</table>\n";
    body += "<p>Status: <span class=\"status\">" + host_sim::html_escape(order.status) +
            "</span></p>\n";
    if (order.status == kStatusUnpaid) {
        body += button(order.order_id, "pay", "Pay " + rupees(order.total()));
        body += button(order.order_id, "fail", "Fail (card declined)");
        body += button(order.order_id, "abandon", "Abandon");
    } else {
        body += "<p>This order is " + host_sim::html_escape(order.status) +
                " and cannot be paid.</p>\n";
    }
    return page("Pay " + rupees(order.total()) + " to " + merchant_name, body);
}

std::string return_url(const std::string& callback_url, const std::string& order_id,
                       const std::string& status) {
    Poco::URI uri;
    try {
        uri = Poco::URI(callback_url);
    } catch (const Poco::SyntaxException&) {
        return callback_url;  // the merchant's own URL, as given
    }
    uri.addQueryParameter("order_id", order_id);
    uri.addQueryParameter("status", status);
    return uri.toString();
}

}  // namespace jodo::sandbox
