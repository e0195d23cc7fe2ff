// A payment link the accountant passes on to the parent: copied, sent by
// WhatsApp (wa.me, opened by the accountant's own browser) or by email
// (mailto:, the accountant's own mail program). Nothing is sent by the server.
#pragma once

#include <string>

namespace host_sim::screen {

struct ShareMessage {
    std::string school, payer, student, amount_decimal, expires_iso, url;
};

// "Dear Anita Sharma, please pay the fees of ₹50,200.50 for Rohan Sharma at
// Green Valley School with this link: URL (valid until 6 Dec 2026, 10:22 am)."
std::string share_text(const ShareMessage& m);
std::string share_subject(const ShareMessage& m);

// An Indian mobile number as wa.me wants it: 91 and ten digits starting 6-9,
// from "98765 43210", "+91-98765-43210", "09876543210"; empty when it is not one.
std::string whatsapp_number(const std::string& phone);
// https://wa.me/<digits>?text=<encoded>; empty without a mobile number.
std::string whatsapp_href(const std::string& phone, const std::string& text);

// mailto:<address>?subject=..&body=.. (RFC 6068); empty when `email` is not
// one plain address (a second address or header smuggled in is refused).
std::string mailto_href(const std::string& email, const std::string& subject,
                        const std::string& body);

}  // namespace host_sim::screen
