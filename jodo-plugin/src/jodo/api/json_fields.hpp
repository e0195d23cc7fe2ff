// Tolerant readers for what Jodo sends: unknown fields are ignored, null and
// missing optional fields are the same thing, years may be numbers or strings.
// A field that is present but unusable throws WireError naming its path.
#pragma once

#include <optional>
#include <string>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

namespace jodo::json {

// Parses a response body that must be a JSON object. Numbers that an int64 or
// a double cannot carry exactly arrive as strings of their exact text
// (json_exact_numbers.hpp).
Poco::JSON::Object::Ptr parse_object(const std::string& body, const std::string& what);

Poco::JSON::Object::Ptr object_field(const Poco::JSON::Object::Ptr& obj, const std::string& name,
                                     const std::string& path);
Poco::JSON::Object::Ptr optional_object(const Poco::JSON::Object::Ptr& obj, const std::string& name,
                                        const std::string& path);
Poco::JSON::Array::Ptr optional_array(const Poco::JSON::Object::Ptr& obj, const std::string& name,
                                      const std::string& path);

std::string string_field(const Poco::JSON::Object::Ptr& obj, const std::string& name,
                         const std::string& path);
std::optional<std::string> optional_string(const Poco::JSON::Object::Ptr& obj,
                                           const std::string& name, const std::string& path);
std::optional<int> optional_year(const Poco::JSON::Object::Ptr& obj, const std::string& name,
                                 const std::string& path);
std::optional<bool> optional_bool(const Poco::JSON::Object::Ptr& obj, const std::string& name,
                                  const std::string& path);

}  // namespace jodo::json
