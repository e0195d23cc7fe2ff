// Random identifiers in the shapes Jodo uses: order_<16 hex>, trans_<12 hex>,
// UTR<12 digits>. Not thread-safe on its own; SandboxState calls it under its lock.
#pragma once

#include <random>
#include <string>

namespace jodo::sandbox {

class IdGenerator {
  public:
    IdGenerator();

    std::string order_id();        // "order_" + 16 lowercase hex digits
    std::string transaction_id();  // "trans_" + 12 lowercase hex digits
    std::string utr();             // "UTR" + 12 decimal digits

  private:
    std::string hex(std::size_t count);
    std::string decimal(std::size_t count);

    std::mt19937_64 engine_;
};

}  // namespace jodo::sandbox
