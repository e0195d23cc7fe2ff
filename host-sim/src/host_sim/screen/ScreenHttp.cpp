#include "host_sim/screen/ScreenHttp.hpp"

#include <Poco/Exception.h>
#include <Poco/URI.h>

namespace host_sim::screen {

namespace {
std::string decode(std::string text) {
    for (auto& c : text)
        if (c == '+')
            c = ' ';
    std::string out;
    try {
        Poco::URI::decode(text, out);
    } catch (const Poco::Exception&) {
        return {};
    }
    return out;
}
}  // namespace

std::vector<std::pair<std::string, std::string>> parse_form(const std::string& text) {
    std::vector<std::pair<std::string, std::string>> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find('&', start), text.size());
        const std::string pair = text.substr(start, end - start);
        if (!pair.empty()) {
            const auto eq = pair.find('=');
            out.emplace_back(decode(pair.substr(0, eq)),
                             eq == std::string::npos ? std::string() : decode(pair.substr(eq + 1)));
        }
        start = end + 1;
    }
    return out;
}

std::string form_value(const std::vector<std::pair<std::string, std::string>>& form,
                       const std::string& name) {
    for (const auto& [key, value] : form)
        if (key == name)
            return value;
    return {};
}

}  // namespace host_sim::screen
