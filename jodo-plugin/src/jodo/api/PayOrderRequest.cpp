#include "jodo/api/PayOrderRequest.hpp"

#include <sstream>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

namespace jodo {

Paise PayOrderRequest::total() const {
    Paise sum = 0;
    for (const auto& line : details)
        sum += line.amount;
    return sum;
}

std::string PayOrderRequest::to_json() const {
    Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
    body.set("name", name);
    body.set("phone", phone);
    body.set("email", email);
    if (!identifier.empty())
        body.set("identifier", identifier);
    if (!custom_identifier.empty())
        body.set("custom_identifier", custom_identifier);
    if (!student_name.empty())
        body.set("student_name", student_name);
    if (!grade.empty())
        body.set("grade", grade);
    if (academic_year_start)
        body.set("academic_year_start", *academic_year_start);
    if (academic_year_end)
        body.set("academic_year_end", *academic_year_end);
    if (new_admission)
        body.set("new_admission", *new_admission);
    if (!date_of_birth.empty() && !expires_at.empty())
        body.set("date_of_birth", date_of_birth);
    Poco::JSON::Array::Ptr lines = new Poco::JSON::Array;
    for (const auto& line : details) {
        Poco::JSON::Object::Ptr row = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        row->set("component_type", line.component_type);
        row->set("amount", amount_to_json(line.amount));
        lines->add(row);
    }
    body.set("details", lines);
    if (!callback_url.empty())
        body.set("callback_url", callback_url);
    if (!expires_at.empty())
        body.set("expires_at", expires_at);
    if (!notes.empty()) {
        Poco::JSON::Array::Ptr rows = new Poco::JSON::Array;
        for (const auto& [key, value] : notes) {
            Poco::JSON::Object::Ptr row = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
            row->set("key", key);
            row->set("value", value);
            rows->add(row);
        }
        body.set("notes", rows);
    }
    std::ostringstream out;
    body.stringify(out);
    return out.str();
}

}  // namespace jodo
