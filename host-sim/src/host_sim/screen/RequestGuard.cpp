#include "host_sim/screen/RequestGuard.hpp"

#include <random>

#include <Poco/URI.h>

namespace host_sim::screen {

namespace {

std::string random_token() {
    std::random_device device;  // the kernel's random source
    static const char* const kHex = "0123456789abcdef";
    std::string token;
    for (int i = 0; i < 32; ++i) {
        const unsigned byte = device() & 0xFFu;
        token += kHex[byte >> 4];
        token += kHex[byte & 0xFu];
    }
    return token;
}

// The host part of a Host header: "127.0.0.1:8080" -> "127.0.0.1", "[::1]:80" -> "[::1]".
std::string host_name(const std::string& host) {
    if (!host.empty() && host.front() == '[') {
        const auto end = host.find(']');
        return end == std::string::npos ? host : host.substr(0, end + 1);
    }
    return host.substr(0, host.find(':'));
}

bool loopback_name(const std::string& name) {
    return name == "127.0.0.1" || name == "localhost" || name == "[::1]";
}

bool same_text(const std::string& a, const std::string& b) {
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;  // the time taken does not say how much matched
    for (std::size_t i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

}  // namespace

RequestGuard::RequestGuard() : token_(random_token()) {}

std::string RequestGuard::refuse_host(const ScreenRequest& request) const {
    if (!loopback_name(host_name(request.host)))
        return "the invoice screen answers only to 127.0.0.1 or localhost (Host: " + request.host +
               ")";
    return {};
}

std::string RequestGuard::refuse_post(const ScreenRequest& request,
                                      const std::string& form_token) const {
    if (!request.origin.empty() && request.origin != "http://" + request.host)
        return "the form was sent from another site (Origin " + request.origin + ")";
    if (!request.sec_fetch_site.empty() && request.sec_fetch_site != "same-origin" &&
        request.sec_fetch_site != "none")
        return "the form was sent from another site (Sec-Fetch-Site " + request.sec_fetch_site +
               ")";
    if (form_token.empty() || !same_text(form_token, token_))
        return "the form's token is missing or stale: reload the page and try again";
    return {};
}

}  // namespace host_sim::screen
