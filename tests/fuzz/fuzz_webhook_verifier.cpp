// The signature verifier on hostile requests: headers, source address and body
// come from the input. Properties: it never accepts a body whose signature was
// not made with the secret, and always accepts one that was (when the custom
// header and source are right).
#include <cstdint>
#include <cstdlib>
#include <string>

#include "FuzzInput.hpp"
#include "jodo/webhooks/WebhookVerifier.hpp"

namespace {
jodo::WebhookSecurity security() {
    jodo::WebhookSecurity s;
    s.secret = "fuzz_secret";
    s.header_name = "X-Custom";
    s.header_value = "expected";
    s.allowed_ips = {"127.0.0.1", "::1", "10.0.0.0/8"};
    return s;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::FuzzInput in(data, size);
    const std::uint8_t mode = in.byte();
    erp_plugin::HttpRequest request;
    request.method = "POST";
    request.path = "/webhooks/jodo";
    request.source_address = in.line();
    const std::string signature = in.line();
    const std::string custom = in.line();
    request.body = in.rest();
    const bool sign = mode & 1;
    const std::string good = jodo::hmac_sha256_hex("fuzz_secret", request.body);
    request.headers.emplace_back(mode & 2 ? "x-jodo-signature" : "X-Jodo-Signature",
                                 sign ? good : signature);
    request.headers.emplace_back("X-Custom", mode & 4 ? "expected" : custom);
    const auto verdict = jodo::verify_webhook(security(), request);
    if (verdict.http_status != 0 && verdict.http_status != 401 && verdict.http_status != 403)
        std::abort();
    const bool signed_right = sign || jodo::constant_time_equals(signature, good);
    if (verdict.http_status == 0 && !signed_right)
        std::abort();  // accepted without the secret
    if (sign && (mode & 4) && request.source_address == "127.0.0.1" && verdict.http_status != 0)
        std::abort();  // refused a genuine delivery
    return 0;
}
