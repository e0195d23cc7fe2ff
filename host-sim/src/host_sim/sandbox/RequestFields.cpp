#include "host_sim/sandbox/RequestFields.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>

namespace jodo::sandbox {

namespace {
using Poco::JSON::Object;

bool absent(const Object::Ptr& obj, const std::string& name) {
    return !obj->has(name) || obj->isNull(name);
}

// A double is a two-decimal amount exactly when its two-decimal rendering reads
// back as the same double: 1000.5 does, 10000000.123 does not.
Paise amount_from_double(double rupees, const std::string& field) {
    if (!std::isfinite(rupees))
        throw RequestError(field, "is not a finite number");
    if (rupees > static_cast<double>(kMaxPaise) / 100.0 || rupees < -1e15)
        throw RequestError(field, "is larger than 999999999999.99");
    char text[64];
    std::snprintf(text, sizeof text, "%.2f", rupees);
    if (std::strtod(text, nullptr) != rupees)
        throw RequestError(field, "has more than two decimals");
    const bool negative = text[0] == '-';
    std::string reason;
    auto paise = parse_decimal_rupees(text + (negative ? 1 : 0), &reason);
    if (!paise)
        throw RequestError(field, reason);
    return negative ? -*paise : *paise;
}
}  // namespace

Object::Ptr parse_request_object(const std::string& body) {
    Poco::Dynamic::Var parsed;
    try {
        parsed = Poco::JSON::Parser().parse(body);
    } catch (const Poco::Exception&) {
        throw RequestError("request body", "is not valid JSON");
    }
    if (parsed.type() != typeid(Object::Ptr))
        throw RequestError("request body", "is not a JSON object");
    return parsed.extract<Object::Ptr>();
}

std::string field_path(const std::string& path, const std::string& name) {
    return path.empty() ? name : path + "." + name;
}

std::optional<std::string> text_field(const Object::Ptr& obj, const std::string& name,
                                      const std::string& path) {
    if (absent(obj, name))
        return std::nullopt;
    const auto value = obj->get(name);
    if (!value.isString())
        throw RequestError(field_path(path, name), "must be a string");
    return value.extract<std::string>();
}

Poco::JSON::Array::Ptr array_field(const Object::Ptr& obj, const std::string& name,
                                   const std::string& path) {
    if (absent(obj, name))
        return {};
    const auto value = obj->get(name);
    if (value.type() != typeid(Poco::JSON::Array::Ptr))
        throw RequestError(field_path(path, name), "must be an array");
    return value.extract<Poco::JSON::Array::Ptr>();
}

std::optional<int> year_field(const Object::Ptr& obj, const std::string& name) {
    if (absent(obj, name))
        return std::nullopt;
    const auto value = obj->get(name);
    std::string digits;
    if (value.isString())
        digits = value.extract<std::string>();
    else if (value.isInteger() && !value.isBoolean())
        digits = value.toString();
    else
        throw RequestError(name, "must be a year (an integer or a string of digits)");
    if (digits.empty() || digits.size() > 4)
        throw RequestError(name, "\"" + digits + "\" is not a year");
    int year = 0;
    for (char c : digits) {
        if (c < '0' || c > '9')
            throw RequestError(name, "\"" + digits + "\" is not a year");
        year = year * 10 + (c - '0');
    }
    return year;
}

std::optional<bool> flag_field(const Object::Ptr& obj, const std::string& name) {
    if (absent(obj, name))
        return std::nullopt;
    const auto value = obj->get(name);
    if (value.type() != typeid(bool))
        throw RequestError(name, "must be true or false");
    return value.extract<bool>();
}

Paise amount_value(const Poco::Dynamic::Var& value, const std::string& field) {
    if (value.isEmpty())
        throw RequestError(field, "is missing");
    if (value.isString()) {
        const std::string text = value.extract<std::string>();
        std::string reason;
        auto paise = parse_decimal_rupees(text, &reason);
        if (!paise)
            throw RequestError(field, "\"" + text + "\" " + reason);
        return *paise;
    }
    if (value.type() == typeid(bool))
        throw RequestError(field, "must be a number or a decimal string");
    if (value.isInteger()) {
        Poco::Int64 rupees = 0;
        try {
            rupees = value.convert<Poco::Int64>();
        } catch (const Poco::Exception&) {
            throw RequestError(field, "is larger than 999999999999.99");
        }
        if (rupees > kMaxPaise / 100 || rupees < -kMaxPaise / 100)
            throw RequestError(field, "is larger than 999999999999.99");
        return rupees * 100;
    }
    if (value.isNumeric())
        return amount_from_double(value.convert<double>(), field);
    throw RequestError(field, "must be a number or a decimal string");
}

}  // namespace jodo::sandbox
