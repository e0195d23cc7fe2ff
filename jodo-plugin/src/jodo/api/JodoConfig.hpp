#pragma once

#include <string>

namespace jodo {

struct RetryPolicy {
    int max_attempts = 4;     // including the first
    int base_delay_ms = 250;  // doubled each attempt, with jitter
    int max_delay_ms =
        4000;  // one wait never exceeds this (Retry-After may ask for more: then we stop)
    int max_total_ms = 20000;  // all waits of one call together
};

// Everything the client needs to reach Jodo. Filled from the host's settings
// by JodoSettings; defaults here are the documented ones (docs/jodo-choices.md).
struct JodoConfig {
    std::string base_url;  // e.g. http://127.0.0.1:8089 (sandbox) or https://<jodo host>
    std::string api_key;
    std::string api_secret;
    int connect_timeout_ms = 5000;
    int read_timeout_ms = 20000;
    std::string ca_file;  // PEM bundle to trust instead of the system store
    RetryPolicy retry;
    // Kept-alive connections parked for reuse; at least the requests one
    // process has in flight at once (bulk collect, reconcile), or every burst
    // would dial again.
    int max_idle_connections = 32;
};

}  // namespace jodo
