// X-Jodo-Signature as a webhook receiver computes it, independently of the
// sandbox's Poco code: OpenSSL's HMAC-SHA256, lower-case hex.
#pragma once

#include <string>

namespace jodo::sandbox::test {

std::string openssl_hmac_sha256_hex(const std::string& key, const std::string& body);

}  // namespace jodo::sandbox::test
