// The two ways a sandbox operation on an order can be refused. Both are
// std::runtime_error so callers of the facade may catch that alone; the HTTP
// layers tell them apart to answer 404 or 409.
#pragma once

#include <stdexcept>
#include <string>

namespace jodo::sandbox {

class OrderNotFound : public std::runtime_error {
  public:
    explicit OrderNotFound(const std::string& order_id)
        : std::runtime_error("order " + order_id + " was not found") {}
};

class OrderConflict : public std::runtime_error {
  public:
    explicit OrderConflict(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace jodo::sandbox
