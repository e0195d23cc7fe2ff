// The sandbox's own reading of request bodies, as the Jodo docs describe them
// (shared/jodo-api/): text fields are JSON strings, amounts JSON numbers or
// decimal strings, academic years integers or digit strings, flags booleans.
// null is the same as absent. Shares no code with the connector.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "host_sim/sandbox/SandboxMoney.hpp"

namespace jodo::sandbox {

// A request field the sandbox cannot accept; answered 400 HUE00000.
class RequestError : public std::runtime_error {
  public:
    RequestError(const std::string& field, const std::string& reason)
        : std::runtime_error(field + " " + reason) {}
};

// The body must be one JSON object.
Poco::JSON::Object::Ptr parse_request_object(const std::string& body);

// "details[1].amount" from ("details[1]", "amount"); just the name at the top.
std::string field_path(const std::string& path, const std::string& name);

std::optional<std::string> text_field(const Poco::JSON::Object::Ptr& obj, const std::string& name,
                                      const std::string& path);
Poco::JSON::Array::Ptr array_field(const Poco::JSON::Object::Ptr& obj, const std::string& name,
                                   const std::string& path);
std::optional<int> year_field(const Poco::JSON::Object::Ptr& obj, const std::string& name);
std::optional<bool> flag_field(const Poco::JSON::Object::Ptr& obj, const std::string& name);

// A JSON number or decimal string of rupees, exactly representable in paise.
Paise amount_value(const Poco::Dynamic::Var& value, const std::string& field);

}  // namespace jodo::sandbox
