#include "host_sim/sandbox/OrderRequest.hpp"

#include <cctype>
#include <optional>

#include "host_sim/sandbox/IsoTime.hpp"
#include "host_sim/sandbox/RequestFields.hpp"

namespace jodo::sandbox {

namespace {

using Poco::JSON::Object;

std::string trim(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos)
        return {};
    const auto last = s.find_last_not_of(" \t\r\n");
    return s.substr(first, last - first + 1);
}

std::string required_text(const Object::Ptr& obj, const std::string& name,
                          const std::string& path = {}) {
    const std::string field = field_path(path, name);
    const auto text = text_field(obj, name, path);
    if (!text)
        throw RequestError(field, "is missing");
    const std::string value = trim(*text);
    if (value.empty())
        throw RequestError(field, "must not be empty");
    return value;
}

std::string optional_text(const Object::Ptr& obj, const std::string& name) {
    return trim(text_field(obj, name, "").value_or(""));
}

std::string read_phone(const Object::Ptr& obj) {
    std::string phone = required_text(obj, "phone");
    if (phone.rfind("+91", 0) == 0) {
        phone.erase(0, 3);
        if (!phone.empty() && (phone[0] == ' ' || phone[0] == '-'))
            phone.erase(0, 1);
    }
    bool all_digits = phone.size() == 10;
    for (char c : phone)
        all_digits = all_digits && std::isdigit(static_cast<unsigned char>(c));
    if (!all_digits)
        throw RequestError("phone", "must be 10 digits, optionally prefixed with +91");
    return phone;
}

std::string read_email(const Object::Ptr& obj) {
    const std::string email = required_text(obj, "email");
    const auto at = email.find('@');
    if (at == std::string::npos || at == 0 || at + 1 == email.size())
        throw RequestError("email", "must be an email address containing @");
    return email;
}

std::string read_callback_url(const Object::Ptr& obj) {
    const std::string url = optional_text(obj, "callback_url");
    if (!url.empty() && url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
        throw RequestError("callback_url", "must be an http:// or https:// URL");
    return url;
}

std::vector<SandboxLine> read_details(const Object::Ptr& obj) {
    auto details = array_field(obj, "details", "");
    if (details.isNull())
        throw RequestError("details", "is missing");
    if (details->size() == 0)
        throw RequestError("details", "must not be empty");
    std::vector<SandboxLine> lines;
    for (std::size_t i = 0; i < details->size(); ++i) {
        const std::string path = "details[" + std::to_string(i) + "]";
        auto row = details->getObject(static_cast<unsigned>(i));
        if (row.isNull())
            throw RequestError(path, "is not an object");
        SandboxLine line;
        line.component_type = required_text(row, "component_type", path);
        line.amount = amount_value(row->get("amount"), path + ".amount");
        if (line.amount <= 0)
            throw RequestError(path + ".amount", "must be greater than zero");
        lines.push_back(std::move(line));
    }
    return lines;
}

std::vector<std::pair<std::string, std::string>> read_notes(const Object::Ptr& obj) {
    std::vector<std::pair<std::string, std::string>> notes;
    auto array = array_field(obj, "notes", "");
    if (array.isNull())
        return notes;
    for (std::size_t i = 0; i < array->size(); ++i) {
        const std::string path = "notes[" + std::to_string(i) + "]";
        auto note = array->getObject(static_cast<unsigned>(i));
        if (note.isNull())
            throw RequestError(path, "is not an object");
        notes.emplace_back(required_text(note, "key", path),
                           text_field(note, "value", path).value_or(""));
    }
    return notes;
}

std::optional<std::int64_t> read_expires_at(const Object::Ptr& obj, std::int64_t now) {
    const std::string text = optional_text(obj, "expires_at");
    if (text.empty())
        return std::nullopt;
    std::string reason;
    auto instant = parse_iso_instant(text, &reason);
    if (!instant)
        throw RequestError("expires_at", "\"" + text + "\" " + reason);
    if (*instant <= now)
        throw RequestError("expires_at", "must be in the future");
    return instant;
}

}  // namespace

OrderRecord parse_order_request(const std::string& body, const std::string& kind,
                                std::int64_t now_unix_seconds) {
    auto obj = parse_request_object(body);
    OrderRecord record;
    auto& order = record.order;
    order.kind = kind;
    order.name = required_text(obj, "name");
    order.phone = read_phone(obj);
    order.email = read_email(obj);
    order.lines = read_details(obj);
    order.identifier = optional_text(obj, "identifier");
    order.callback_url = read_callback_url(obj);
    order.notes = read_notes(obj);
    record.custom_identifier = optional_text(obj, "custom_identifier");
    record.grade = optional_text(obj, "grade");
    record.student_name = optional_text(obj, "student_name");
    record.stream = optional_text(obj, "stream");
    record.date_of_birth = optional_text(obj, "date_of_birth");
    record.collector_code = optional_text(obj, "collector_code");
    record.academic_year_start = year_field(obj, "academic_year_start");
    record.academic_year_end = year_field(obj, "academic_year_end");
    record.new_admission = flag_field(obj, "new_admission");
    if (kind == kKindPaymentLink)
        record.expires_at_unix = read_expires_at(obj, now_unix_seconds);
    return record;
}

}  // namespace jodo::sandbox
