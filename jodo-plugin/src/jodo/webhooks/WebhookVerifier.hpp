#pragma once

#include <string>
#include <vector>

#include "erp_plugin/plugin.hpp"

namespace jodo {

// The checks Jodo's webhook security page offers; each is on when configured,
// and all configured ones must pass.
struct WebhookSecurity {
    std::string secret;                    // X-Jodo-Signature = hex HMAC-SHA256(secret, raw body)
    std::string header_name;               // custom header Jodo sends...
    std::string header_value;              // ...with this value
    std::vector<std::string> allowed_ips;  // source addresses; empty = any

    bool anything_configured() const {
        return !secret.empty() || !header_name.empty() || !allowed_ips.empty();
    }
};

struct WebhookVerdict {
    int http_status = 0;  // 0 = accepted; else 401 or 403
    std::string reason;   // for our log, never echoed in full to the caller
    // Why, as the audit log and the administrator's check count it:
    // source_not_allowed, wrong_header, missing_signature, bad_signature.
    std::string code;
};

WebhookVerdict verify_webhook(const WebhookSecurity& security,
                              const erp_plugin::HttpRequest& request);

// Lower-case hex HMAC-SHA256 of `body` under `secret`.
std::string hmac_sha256_hex(const std::string& secret, const std::string& body);

// Equal strings take the same time to compare whatever their content.
bool constant_time_equals(const std::string& a, const std::string& b);

// Header lookup ignoring case, as HTTP requires.
const std::string* find_header(const erp_plugin::Fields& headers, const std::string& name);

}  // namespace jodo
