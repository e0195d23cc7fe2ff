// Money from untrusted text: parse_rupees on the raw input and amount_from_json
// on the input read as a JSON value. Accepted amounts must round-trip exactly.
#include <cstdint>
#include <cstdlib>
#include <string>

#include <Poco/JSON/Parser.h>

#include "jodo/api/money.hpp"
#include "jodo/api/wire_error.hpp"

namespace {
void check_round_trip(jodo::Paise paise) {
    if (paise < 0)
        std::abort();
    if (jodo::parse_rupees(jodo::format_rupees(paise)) != paise)
        std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    std::string reason;
    if (auto paise = jodo::parse_rupees(text, &reason))
        check_round_trip(*paise);
    else if (reason.empty())
        std::abort();  // a refusal always says why

    Poco::Dynamic::Var value;
    try {
        auto array = Poco::JSON::Parser().parse("[" + text + "]").extract<Poco::JSON::Array::Ptr>();
        if (array->size() != 1)
            return 0;
        value = array->get(0);
    } catch (const Poco::Exception&) {
        return 0;  // not one JSON value: the parsers above Poco never see it
    }
    try {
        check_round_trip(jodo::amount_from_json(value, "details[0].amount"));
    } catch (const jodo::WireError&) {
    }
    return 0;
}
