#include "sandbox/CheckoutPage.hpp"

#include "sandbox/SandboxErrors.hpp"

namespace jodo::sandbox {

namespace {

const char* const kRupee = "\xE2\x82\xB9";  // U+20B9 INDIAN RUPEE SIGN

std::string escape(const std::string& text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string rupees(Paise paise) {
    return kRupee + rupees_two_decimals(paise);
}

std::string page(const std::string& title, const std::string& body) {
    return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + escape(title) +
           "</title></head>\n<body>\n" + body + "</body></html>\n";
}

std::string message_page(const std::string& title, const std::string& message) {
    return page(title, "<h1>" + escape(title) + "</h1>\n<p>" + escape(message) + "</p>\n");
}

}  // namespace

CheckoutPage::CheckoutPage(SandboxState& state) : state_(state) {}

Reply CheckoutPage::handle(const Request& request) {
    const auto segments = path_segments(request.path);  // {"p", id[, "pay"]}
    if (segments.size() == 2) {
        if (request.method != "GET")
            return method_not_allowed(request, "GET");
        return show(segments[1]);
    }
    if (segments.size() == 3 && segments[2] == "pay") {
        if (request.method != "POST")
            return method_not_allowed(request, "POST");
        return pay(segments[1]);
    }
    return html_reply(404, message_page("Not found", "There is no checkout page here."));
}

Reply CheckoutPage::show(const std::string& order_id) {
    auto record = state_.get(order_id);
    if (!record)
        return html_reply(404, message_page("Not found", "Unknown order " + order_id));
    return html_reply(200, render_checkout(record->order));
}

Reply CheckoutPage::pay(const std::string& order_id) {
    try {
        const std::string transaction = state_.pay(order_id);
        auto record = state_.get(order_id);
        std::string body = "<h1>Payment successful</h1>\n<p>Payment successful, transaction " +
                           escape(transaction) + "</p>\n";
        if (record && !record->order.callback_url.empty())
            body += "<p><a href=\"" + escape(record->order.callback_url) +
                    "\">Return to merchant</a></p>\n";
        return html_reply(200, page("Payment successful", body));
    } catch (const OrderNotFound& e) {
        return html_reply(404, message_page("Not found", e.what()));
    } catch (const OrderConflict& e) {
        return html_reply(409, message_page("Payment not possible", e.what()));
    }
}

std::string render_checkout(const SandboxOrder& order) {
    std::string body = "<h1>Jodo sandbox checkout</h1>\n";
    body += "<p>Order <code>" + escape(order.order_id) + "</code></p>\n";
    body += "<p>Payer: <span class=\"payer\">" + escape(order.name) + "</span></p>\n";
    body += "<table>\n";
    for (const auto& line : order.lines)
        body += "<tr><td>" + escape(line.component_type) + "</td><td>" + rupees(line.amount) +
                "</td></tr>\n";
    body += "<tr><th>Total</th><th class=\"total\">" + rupees(order.total()) + "</th></tr>\n";
    body += "</table>\n";
    body += "<p>Status: <span class=\"status\">" + escape(order.status) + "</span></p>\n";
    if (order.status == kStatusUnpaid) {
        body += "<form method=\"post\" action=\"/p/" + escape(order.order_id) + "/pay\">" +
                "<button type=\"submit\">Pay " + rupees(order.total()) + "</button></form>\n";
    } else {
        body += "<p>This order is " + escape(order.status) + " and cannot be paid.</p>\n";
    }
    return page("Pay " + rupees(order.total()), body);
}

}  // namespace jodo::sandbox
