#include "jodo/api/json_fields.hpp"

#include <Poco/JSON/Parser.h>

#include "jodo/api/json_exact_numbers.hpp"
#include "jodo/api/wire_error.hpp"

namespace jodo::json {

namespace {
std::string join(const std::string& path, const std::string& name) {
    return path.empty() ? name : path + "." + name;
}

bool absent(const Poco::JSON::Object::Ptr& obj, const std::string& name) {
    return obj.isNull() || !obj->has(name) || obj->isNull(name);
}

}  // namespace

Poco::JSON::Object::Ptr parse_object(const std::string& body, const std::string& what) {
    Poco::Dynamic::Var parsed;
    try {
        Poco::JSON::Parser parser;
        parsed = parser.parse(quote_inexact_numbers(body));
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
