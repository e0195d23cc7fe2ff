// Every call across the plugin boundary reports its outcome as a Status value:
// exceptions never cross, so a host built with other exception settings is safe.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

namespace erp_plugin {

enum class StatusCode : std::int32_t {
    ok = 0,
    invalid_input = 1,    // the record or request is wrong; fix it and try again
    rejected = 2,         // the remote service refused (credentials, business rule)
    unavailable = 3,      // temporary: try again later
    outcome_unknown = 4,  // a request may or may not have taken effect; do not repeat blindly
    not_found = 5,
    unsupported = 6,  // action or route this plugin does not offer
    config = 7,       // a setting is missing or wrong
    internal = 8,
};

inline const char* to_string(StatusCode code) noexcept {
    switch (code) {
        case StatusCode::ok:
            return "ok";
        case StatusCode::invalid_input:
            return "invalid_input";
        case StatusCode::rejected:
            return "rejected";
        case StatusCode::unavailable:
            return "unavailable";
        case StatusCode::outcome_unknown:
            return "outcome_unknown";
        case StatusCode::not_found:
            return "not_found";
        case StatusCode::unsupported:
            return "unsupported";
        case StatusCode::config:
            return "config";
        case StatusCode::internal:
            return "internal";
    }
    return "unknown";
}

struct Status {
    StatusCode code = StatusCode::ok;
    std::string message;  // a sentence for the person at the ERP screen

    bool ok() const noexcept { return code == StatusCode::ok; }
    static Status success() { return {}; }
    static Status error(StatusCode code, std::string message) { return {code, std::move(message)}; }
};

}  // namespace erp_plugin
