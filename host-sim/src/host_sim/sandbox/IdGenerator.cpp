#include "host_sim/sandbox/IdGenerator.hpp"

namespace jodo::sandbox {

IdGenerator::IdGenerator() {
    std::random_device device;
    std::seed_seq seed{device(), device(), device(), device()};
    engine_.seed(seed);
}

std::string IdGenerator::order_id() {
    return "order_" + hex(16);
}

std::string IdGenerator::transaction_id() {
    return "trans_" + hex(12);
}

std::string IdGenerator::utr() {
    return "UTR" + decimal(12);
}

std::string IdGenerator::hex(std::size_t count) {
    static const char kDigits[] = "0123456789abcdef";
    std::uniform_int_distribution<int> pick(0, 15);
    std::string out;
    for (std::size_t i = 0; i < count; ++i)
        out += kDigits[pick(engine_)];
    return out;
}

std::string IdGenerator::decimal(std::size_t count) {
    std::uniform_int_distribution<int> pick(0, 9);
    std::string out;
    for (std::size_t i = 0; i < count; ++i)
        out += static_cast<char>('0' + pick(engine_));
    return out;
}

}  // namespace jodo::sandbox
