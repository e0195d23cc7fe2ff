// Load on the Jodo sandbox without the connector: what a one-request-at-a-
// time C++ client gets (the stricter of the two baselines; the is
// sequential_baseline.py) and what the sandbox itself can answer (the
// ceiling).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace bench {

struct JodoEndpoint {
    std::string base_url;  // http://127.0.0.1:PORT
    std::string api_key, api_secret;
};

struct LoadResult {
    std::size_t creates = 0;  // answered 200 with an order id
    std::size_t failures = 0;
    double seconds = 0;
    double per_second() const { return seconds > 0 ? creates / seconds : 0; }
};

// Create Pay Order, one after the other, each on a fresh connection (as a
// sequential script using the standard library does), until `max` are made
// or `seconds` have passed.
LoadResult sequential_creates(const JodoEndpoint& jodo, std::size_t max, double seconds);

// `clients` threads, each on one kept-alive connection, making creates for
// `seconds`.
LoadResult concurrent_creates(const JodoEndpoint& jodo, int clients, double seconds);

// Makes `count` orders of `rupees` (as "100.00") with `clients` threads;
// returns their ids.
std::vector<std::string> create_orders(const JodoEndpoint& jodo, std::size_t count, int clients,
                                       const std::string& rupees);

}  // namespace bench
