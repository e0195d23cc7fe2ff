#include "api/json_fields.hpp"

#include <Poco/JSON/Parser.h>

#include "api/wire_error.hpp"

namespace jodo::json {

namespace {
std::string join(const std::string& path, const std::string& name) {
    return path.empty() ? name : path + "." + name;
}

bool absent(const Poco::JSON::Object::Ptr& obj, const std::string& name) {
    return obj.isNull() || !obj->has(name) || obj->isNull(name);
}

// Poco 1.11 reads the integer 18446744073709551616 (2^64) as 0 and clamps
// -9223372036854775809 to INT64_MIN, silently. No documented Jodo value needs
// 19 digits or more (timestamps have 10, amounts at most 12 before the point),
// so any number whose integer part is that long is refused before Poco reads it.
bool has_overlong_number(const std::string& body) {
    bool in_string = false, escaped = false;
    int digits = 0;
    for (char c : body) {
        if (in_string) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                in_string = false;
            continue;
        }
        if (c >= '0' && c <= '9') {
            if (++digits >= 19)
                return true;
            continue;
        }
        digits =
            (c == '.' || c == 'e' || c == 'E') ? -1000 : 0;  // fraction/exponent digits are fine
        if (c == '"')
            in_string = true;
    }
    return false;
}
}  // namespace

Poco::JSON::Object::Ptr parse_object(const std::string& body, const std::string& what) {
    if (has_overlong_number(body))
        throw WireError(what, "has a number of 19 digits or more, which cannot be read exactly");
    Poco::Dynamic::Var parsed;
    try {
        Poco::JSON::Parser parser;
        parsed = parser.parse(body);
    } catch (const std::exception& e) {
        throw WireError(what, "is not valid JSON");
    }
    if (parsed.type() != typeid(Poco::JSON::Object::Ptr))
        throw WireError(what, "is not a JSON object");
    return parsed.extract<Poco::JSON::Object::Ptr>();
}

Poco::JSON::Object::Ptr optional_object(const Poco::JSON::Object::Ptr& obj, const std::string& name,
                                        const std::string& path) {
    if (absent(obj, name))
        return {};
    auto value = obj->get(name);
    if (value.type() != typeid(Poco::JSON::Object::Ptr))
        throw WireError(join(path, name), "is not an object");
    return value.extract<Poco::JSON::Object::Ptr>();
}

Poco::JSON::Object::Ptr object_field(const Poco::JSON::Object::Ptr& obj, const std::string& name,
                                     const std::string& path) {
    auto found = optional_object(obj, name, path);
    if (found.isNull())
        throw WireError(join(path, name), "is missing");
    return found;
}

Poco::JSON::Array::Ptr optional_array(const Poco::JSON::Object::Ptr& obj, const std::string& name,
                                      const std::string& path) {
    if (absent(obj, name))
        return {};
    auto value = obj->get(name);
    if (value.type() != typeid(Poco::JSON::Array::Ptr))
        throw WireError(join(path, name), "is not an array");
    return value.extract<Poco::JSON::Array::Ptr>();
}

std::optional<std::string> optional_string(const Poco::JSON::Object::Ptr& obj,
                                           const std::string& name, const std::string& path) {
    if (absent(obj, name))
        return std::nullopt;
    auto value = obj->get(name);
    if (value.isString())
        return value.extract<std::string>();
    if (value.isNumeric())
        return value.convert<std::string>();
    throw WireError(join(path, name), "is not a string");
}

std::string string_field(const Poco::JSON::Object::Ptr& obj, const std::string& name,
                         const std::string& path) {
    auto value = optional_string(obj, name, path);
    if (!value)
        throw WireError(join(path, name), "is missing");
    return *value;
}

std::optional<int> optional_year(const Poco::JSON::Object::Ptr& obj, const std::string& name,
                                 const std::string& path) {
    auto text = optional_string(obj, name, path);
    if (!text || text->empty())
        return std::nullopt;
    int year = 0;
    for (char c : *text) {
        if (c < '0' || c > '9' || year > 100000)
            throw WireError(join(path, name), "\"" + *text + "\" is not a year");
        year = year * 10 + (c - '0');
    }
    return year;
}

std::optional<bool> optional_bool(const Poco::JSON::Object::Ptr& obj, const std::string& name,
                                  const std::string& path) {
    if (absent(obj, name))
        return std::nullopt;
    auto value = obj->get(name);
    if (value.type() == typeid(bool))
        return value.extract<bool>();
    if (value.isString()) {
        const auto s = value.extract<std::string>();
        if (s == "true")
            return true;
        if (s == "false")
            return false;
    }
    throw WireError(join(path, name), "is not true or false");
}

}  // namespace jodo::json
