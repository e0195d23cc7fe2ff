#include "jodo/webhooks/WebhookVerifier.hpp"

#include <Poco/DigestEngine.h>
#include <Poco/HMACEngine.h>
#include <Poco/SHA2Engine.h>

#include <algorithm>
#include <cctype>

namespace jodo {

namespace {
// Poco's HMACEngine takes its digest's block size from a static member the
// SHA2Engine does not define; this adapter supplies SHA-256's.
class Sha256 : public Poco::SHA2Engine {
  public:
    enum { BLOCK_SIZE = 64, DIGEST_SIZE = 32 };
    Sha256() : Poco::SHA2Engine(Poco::SHA2Engine::SHA_256) {}
};

bool iequals(const std::string& a, const std::string& b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// "::ffff:127.0.0.1" and "127.0.0.1" are the same peer.
std::string plain_address(const std::string& address) {
    const std::string mapped = "::ffff:";
    return address.rfind(mapped, 0) == 0 ? address.substr(mapped.size()) : address;
}
}  // namespace

std::string hmac_sha256_hex(const std::string& secret, const std::string& body) {
    Poco::HMACEngine<Sha256> hmac(secret);
    hmac.update(body);
    return Poco::DigestEngine::digestToHex(hmac.digest());
}

bool constant_time_equals(const std::string& a, const std::string& b) {
    unsigned char diff = static_cast<unsigned char>(a.size() != b.size());
    const std::size_t n = std::max(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i) {
        const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
        const unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
        diff |= static_cast<unsigned char>(x ^ y);
    }
    return diff == 0;
}

const std::string* find_header(const erp_plugin::Fields& headers, const std::string& name) {
    for (const auto& [key, value] : headers)
        if (iequals(key, name))
            return &value;
    return nullptr;
}

WebhookVerdict verify_webhook(const WebhookSecurity& security,
                              const erp_plugin::HttpRequest& request) {
    if (!security.allowed_ips.empty()) {
        const std::string peer = plain_address(request.source_address);
        if (std::find(security.allowed_ips.begin(), security.allowed_ips.end(), peer) ==
            security.allowed_ips.end())
            return {403, "source address " + peer + " is not in jodo.webhook.allowed_ips",
                    "source_not_allowed"};
    }
    if (!security.header_name.empty()) {
        const std::string* value = find_header(request.headers, security.header_name);
        if (!value || !constant_time_equals(*value, security.header_value))
            return {401, "header " + security.header_name + " is missing or wrong", "wrong_header"};
    }
    if (!security.secret.empty()) {
        const std::string* signature = find_header(request.headers, "X-Jodo-Signature");
        if (!signature)
            return {401, "X-Jodo-Signature is missing", "missing_signature"};
        if (!constant_time_equals(lower(*signature),
                                  hmac_sha256_hex(security.secret, request.body)))
            return {401, "X-Jodo-Signature does not match the body", "bad_signature"};
    }
    return {};
}

}  // namespace jodo
