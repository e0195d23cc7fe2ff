#include "host_sim/sandbox/BasicAuth.hpp"

#include <cctype>
#include <sstream>

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>

namespace jodo::sandbox {

namespace {

bool equal_constant_time(const std::string& a, const std::string& b) {
    unsigned char diff = a.size() == b.size() ? 0 : 1;
    const std::size_t n = a.size() > b.size() ? a.size() : b.size();
    for (std::size_t i = 0; i < n; ++i) {
        const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
        const unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
        diff |= static_cast<unsigned char>(x ^ y);
    }
    return diff == 0;
}

bool decode_base64(const std::string& text, std::string& out) {
    try {
        std::istringstream in(text);
        Poco::Base64Decoder decoder(in);
        out.assign(std::istreambuf_iterator<char>(decoder), std::istreambuf_iterator<char>());
        return !decoder.bad();
    } catch (const std::exception&) {
        return false;
    }
}

}  // namespace

BasicAuth::BasicAuth(std::string api_key, std::string api_secret)
    : expected_(std::move(api_key) + ":" + api_secret) {}

bool BasicAuth::accepts(const std::string& header) const {
    std::size_t pos = 0;
    while (pos < header.size() && header[pos] == ' ')
        ++pos;
    static const std::string kScheme = "basic";
    if (header.size() < pos + kScheme.size())
        return false;
    for (std::size_t i = 0; i < kScheme.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(header[pos + i])) != kScheme[i])
            return false;
    pos += kScheme.size();
    if (pos >= header.size() || header[pos] != ' ')
        return false;
    std::string token = header.substr(pos);
    const auto first = token.find_first_not_of(' ');
    if (first == std::string::npos)
        return false;
    const auto last = token.find_last_not_of(' ');
    token = token.substr(first, last - first + 1);
    std::string decoded;
    if (!decode_base64(token, decoded))
        return false;
    return equal_constant_time(decoded, expected_);
}

std::string BasicAuth::header_value(const std::string& api_key, const std::string& api_secret) {
    std::ostringstream out;
    Poco::Base64Encoder encoder(out);
    encoder.rdbuf()->setLineLength(0);
    encoder << api_key << ':' << api_secret;
    encoder.close();
    return "Basic " + out.str();
}

}  // namespace jodo::sandbox
