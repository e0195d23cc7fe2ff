// HTTP Basic credentials as Jodo uses them: base64("api_key:api_secret").
#pragma once

#include <string>

namespace jodo::sandbox {

class BasicAuth {
  public:
    BasicAuth(std::string api_key, std::string api_secret);

    // True when the Authorization header carries exactly our key and secret.
    // Compares in time independent of where the first mismatch is.
    bool accepts(const std::string& authorization_header) const;

    // "Basic <base64>" for the given credentials (used by tests and clients).
    static std::string header_value(const std::string& api_key, const std::string& api_secret);

  private:
    std::string expected_;  // "key:secret"
};

}  // namespace jodo::sandbox
