#include "host_sim/screen/ActionRules.hpp"

#include <algorithm>
#include <cctype>

#include "host_sim/screen/IndianFormat.hpp"

namespace host_sim::screen {

namespace {

std::string status_field(const InvoiceView& view, const char* key) {
    if (!view.plugin_status)
        return {};
    const auto* v = erp_plugin::find_field(*view.plugin_status, key);
    return v ? *v : std::string();
}

bool offered(const InvoiceView& view, const std::string& action) {
    return std::find(view.actions.begin(), view.actions.end(), action) != view.actions.end();
}

// The latest collection as the plugin holds it; without a "status" action,
// the status the module wrote back to the ERP (which it keeps for the active one).
struct State {
    std::string status;  // none, creating, unknown, unpaid, paid, settled, ... abandoned
    std::string kind;    // pay_order, payment_link
    bool active = false;
};

State state_of(const InvoiceView& view) {
    State s;
    if (view.plugin_status) {
        s.status = status_field(view, "status");
        s.kind = status_field(view, "kind");
        s.active = status_field(view, "active") == "1";
    } else {
        s.status = view.invoice.status;
        s.active = s.status == "unpaid" || s.status == "unknown" || s.status == "creating";
        s.kind = s.active && !view.invoice.payment_url.empty() ? "payment_link" : "";
    }
    if (s.status.empty())
        s.status = "none";
    return s;
}

// Cut at a character boundary: a UTF-8 continuation byte is 10xxxxxx.
std::string cut_utf8(const std::string& text, std::size_t max_bytes) {
    if (text.size() <= max_bytes)
        return text;
    std::size_t end = max_bytes;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0u) == 0x80u)
        --end;
    return text.substr(0, end) + "…";
}

}  // namespace

std::vector<ActionButton> applicable_actions(const InvoiceView& view) {
    const State s = state_of(view);
    const auto owed = paise_of(view.invoice.amount_due);
    // An amount the screen cannot read is left to the plugin to judge.
    const bool nothing_owed = owed && *owed <= 0;
    const bool paid = nothing_owed || (s.active && (s.status == "paid" || s.status == "settled"));
    const bool in_doubt = s.active && (s.status == "unknown" || s.status == "creating");
    const bool open_order = s.active && s.status == "unpaid";
    // After a release the released request may still have made an order:
    // a new one can be a second payable order for the same invoice.
    const bool after_release = !s.active && s.status == "abandoned";
    std::vector<ActionButton> out;
    auto add = [&](const char* action, const char* label, bool confirm) {
        if (offered(view, action))
            out.push_back({action, label, confirm});
    };
    if (!paid && !in_doubt)
        add("collect", "Collect now (open the Jodo checkout)", after_release);
    if (!paid && !in_doubt && !(open_order && s.kind == "payment_link"))
        add("send_link", "Create payment link to share", after_release);
    if (open_order && s.kind == "payment_link")
        add("cancel_link", "Cancel the payment link", true);
    if (s.status != "none")
        add("refresh", "Check the status with Jodo", false);
    if (s.active && s.status == "unknown")
        add("release_unknown", "Release the unconfirmed request", true);
    return out;
}

std::string consequence(const std::string& action) {
    if (action == "cancel_link")
        return "The parent's payment link stops working at once, and a new link must be sent "
               "before they can pay.";
    if (action == "release_unknown")
        return "The invoice can be collected again; if Jodo did create the first order and the "
               "parent pays both, one payment must be refunded.";
    if (action == "collect" || action == "send_link")
        return "An earlier request for this invoice was released without an answer from Jodo; "
               "a new one means that, if that first order exists, the parent could pay twice and "
               "one payment must be refunded.";
    return {};
}

std::string plain_error(erp_plugin::StatusCode code) {
    using erp_plugin::StatusCode;
    switch (code) {
        case StatusCode::ok:
            return "Done.";
        case StatusCode::invalid_input:
            return "Jodo cannot take this invoice as it is. Correct the invoice in the ERP "
                   "(amounts, the payer's phone or email), then try again.";
        case StatusCode::rejected:
            return "Jodo refused this request. Read the reason below; if it concerns the school's "
                   "Jodo account, ask the administrator.";
        case StatusCode::unavailable:
            return "Jodo could not be reached just now, and nothing was changed. Try again in a "
                   "few minutes.";
        case StatusCode::outcome_unknown:
            return "It is not known yet whether Jodo received this request. Do not collect again: "
                   "press \"Check the status with Jodo\" in a minute.";
        case StatusCode::not_found:
            return "There is nothing for this action to act on any more. Reload the invoice to "
                   "see where it stands.";
        case StatusCode::unsupported:
            return "The installed Jodo module does not offer this. Ask the administrator.";
        case StatusCode::config:
            return "The Jodo module is not set up correctly. Ask the administrator to run "
                   "host-sim check.";
        case StatusCode::internal:
            return "Something went wrong inside the Jodo module. Try once more; if it happens "
                   "again, ask the administrator to look at the host log.";
    }
    return "The action failed. Ask the administrator to look at the host log.";
}

std::string human_detail(const std::string& message, std::size_t max_bytes) {
    if (message.empty() || message.find_first_of("{}[]<>\\\n\t") != std::string::npos)
        return {};
    // snake_case: a letter, an underscore, a letter (an error code or a key).
    for (std::size_t i = 1; i + 1 < message.size(); ++i)
        if (message[i] == '_' && std::isalpha(static_cast<unsigned char>(message[i - 1])) &&
            std::isalpha(static_cast<unsigned char>(message[i + 1])))
            return {};
    if (!std::isupper(static_cast<unsigned char>(message.front())))
        return {};
    return cut_utf8(message, max_bytes);
}

std::string status_words(const std::string& status) {
    static const std::pair<const char*, const char*> kWords[] = {
        {"", "Not sent to Jodo"},
        {"none", "Not sent to Jodo"},
        {"creating", "Being sent to Jodo"},
        {"unknown", "Sent, but Jodo's answer was lost (check the status)"},
        {"unpaid", "Waiting for the parent's payment"},
        {"paid", "Paid"},
        {"settled", "Paid and settled to the school's bank"},
        {"expired", "The link expired unpaid"},
        {"cancelled", "The link was cancelled unpaid"},
        {"failed", "Jodo refused it"},
        {"rejected", "Not sent: the invoice needs correcting"},
        {"abandoned", "Released after a lost answer"},
        {"superseded", "Replaced by a newer request"}};
    for (const auto& [key, words] : kWords)
        if (status == key)
            return words;
    return status;
}

}  // namespace host_sim::screen
