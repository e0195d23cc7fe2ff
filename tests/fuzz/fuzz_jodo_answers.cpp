// Jodo's answers (Get Pay Order / Get Payment Link, Create Pay Order / Create
// Payment Link, error bodies) are untrusted input: a parser may refuse them
// with WireError naming the field, nothing else may escape, and what it
// accepts must be self-consistent.
#include <cstdint>
#include <cstdlib>

#include "jodo/api/JodoError.hpp"
#include "jodo/api/RemoteOrder.hpp"
#include "jodo/api/wire_error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string body(reinterpret_cast<const char*>(data), size);
    try {
        const jodo::RemoteOrder order = jodo::parse_remote_order_response(body);
        for (const auto& line : order.lines)
            if (line.amount < 0 || line.amount > 99999999999999)
                std::abort();  // amount_from_json promised a DECIMAL(14,2) amount
        (void)order.total();
        (void)order.fully_settled();
    } catch (const jodo::WireError&) {
    }
    try {
        const jodo::CreatedOrder created = jodo::parse_created_order(body);
        if (created.order_id.empty())
            std::abort();
    } catch (const jodo::WireError&) {
    }
    // An error answer never throws: whatever the body, it becomes a JodoError.
    const int status = size > 0 ? 400 + data[0] % 200 : 500;
    const jodo::JodoError error = jodo::error_from_response(status, body);
    (void)error.advice();
    (void)error.transient();
    return 0;
}
