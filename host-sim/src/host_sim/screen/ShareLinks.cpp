#include "host_sim/screen/ShareLinks.hpp"

#include <cctype>

#include "host_sim/screen/Html.hpp"
#include "host_sim/screen/IndianFormat.hpp"

namespace host_sim::screen {

std::string share_text(const ShareMessage& m) {
    std::string text = "Dear " + (m.payer.empty() ? std::string("parent") : m.payer) +
                       ", please pay the fees of " + rupees(m.amount_decimal) +
                       (m.student.empty() ? "" : " for " + m.student) + " at " + m.school +
                       " with this link: " + m.url;
    if (!m.expires_iso.empty())
        text += " (valid until " + school_time(m.expires_iso) + ")";
    return text + ".";
}

std::string share_subject(const ShareMessage& m) {
    return m.school + ": fees" + (m.student.empty() ? "" : " for " + m.student) + ", " +
           rupees(m.amount_decimal);
}

std::string whatsapp_number(const std::string& phone) {
    std::string digits;
    for (const char c : phone) {
        if (std::isdigit(static_cast<unsigned char>(c)))
            digits += c;
        else if (c != ' ' && c != '-' && c != '+' && c != '(' && c != ')' && c != '.')
            return {};  // letters, extensions: not a number to message
    }
    if (digits.size() == 11 && digits[0] == '0')
        digits.erase(0, 1);
    else if (digits.size() == 12 && digits.rfind("91", 0) == 0)
        digits.erase(0, 2);
    if (digits.size() != 10 || digits[0] < '6')
        return {};  // landlines and short codes cannot get WhatsApp messages
    return "91" + digits;
}

std::string whatsapp_href(const std::string& phone, const std::string& text) {
    const std::string number = whatsapp_number(phone);
    if (number.empty())
        return {};
    return "https://wa.me/" + number + "?text=" + url_component(text);
}

std::string mailto_href(const std::string& email, const std::string& subject,
                        const std::string& body) {
    const auto at = email.find('@');
    if (email.empty() || at == 0 || at == std::string::npos || at + 1 == email.size() ||
        email.find('@', at + 1) != std::string::npos || email.find('.', at) == std::string::npos)
        return {};
    for (const char c : email)
        if (std::isspace(static_cast<unsigned char>(c)) || c == ',' || c == '?' || c == '&' ||
            c == '#' || c == '%' || c == '<' || c == '>' || c == '"' || c == ';' || c == ':')
            return {};
    return "mailto:" + url_component(email.substr(0, at)) + "@" +
           url_component(email.substr(at + 1)) + "?subject=" + url_component(subject) +
           "&body=" + url_component(body);
}

}  // namespace host_sim::screen
