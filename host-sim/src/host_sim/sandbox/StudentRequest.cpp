#include "host_sim/sandbox/StudentRequest.hpp"

#include <set>

#include "host_sim/sandbox/IsoTime.hpp"
#include "host_sim/sandbox/RequestFields.hpp"

namespace jodo::sandbox {

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

std::string required_text(const Object::Ptr& obj, const std::string& name,
                          const std::string& path) {
    const auto text = text_field(obj, name, path);
    if (!text)
        throw RequestError(field_path(path, name), "is missing");
    if (text->find_first_not_of(" \t\r\n") == std::string::npos)
        throw RequestError(field_path(path, name), "must not be empty");
    return *text;
}

Object::Ptr object_at(const Array::Ptr& array, std::size_t i, const std::string& path) {
    auto row = array->getObject(static_cast<unsigned>(i));
    if (row.isNull())
        throw RequestError(path, "must be an object");
    return row;
}

bool has_field(const Object::Ptr& obj, const std::string& name) {
    return obj->has(name) && !obj->isNull(name);
}

int read_year(const Object::Ptr& obj, const std::string& name, const std::string& path) {
    const std::string field = field_path(path, name);
    if (!has_field(obj, name))
        throw RequestError(field, "is missing");
    const auto value = obj->get(name);
    std::string digits;
    if (value.isString())
        digits = value.extract<std::string>();
    else if (value.isInteger() && !value.isBoolean())
        digits = value.toString();
    else
        throw RequestError(field, "must be a year (a string of digits or an integer)");
    if (digits.size() != 4 || !is_digit(digits[0]) || !is_digit(digits[1]) ||
        !is_digit(digits[2]) || !is_digit(digits[3]))
        throw RequestError(field, "\"" + digits + "\" is not a four-digit year");
    return std::stoi(digits);
}

bool read_flag(const Object::Ptr& obj, const std::string& name, const std::string& path) {
    if (!has_field(obj, name))
        throw RequestError(field_path(path, name), "is missing");
    const auto value = obj->get(name);
    if (value.type() != typeid(bool))
        throw RequestError(field_path(path, name), "must be true or false");
    return value.extract<bool>();
}

std::string read_date(const Object::Ptr& obj, const std::string& name, const std::string& path) {
    const std::string date = required_text(obj, name, path);
    bool ok = date.size() == 10 && date[4] == '-' && date[7] == '-';
    for (std::size_t i = 0; ok && i < date.size(); ++i)
        ok = i == 4 || i == 7 || is_digit(date[i]);
    const int month = ok ? std::stoi(date.substr(5, 2)) : 0;
    const int day = ok ? std::stoi(date.substr(8, 2)) : 0;
    if (!ok || month < 1 || month > 12 || day < 1 || day > 31)
        throw RequestError(field_path(path, name), "\"" + date + "\" is not a YYYY-MM-DD date");
    return date;
}

std::string read_email(const Object::Ptr& obj, const std::string& name, const std::string& path) {
    const std::string email = required_text(obj, name, path);
    const auto at = email.find('@');
    if (at == std::string::npos || at == 0 || at + 1 == email.size())
        throw RequestError(field_path(path, name), "must be an email address containing @");
    return email;
}

Paise read_amount(const Object::Ptr& obj, const std::string& name, const std::string& path,
                  bool positive) {
    const std::string field = field_path(path, name);
    if (!has_field(obj, name))
        throw RequestError(field, "is missing");
    const Paise amount = amount_value(obj->get(name), field);
    if (positive ? amount <= 0 : amount < 0)
        throw RequestError(field, positive ? "must be greater than zero" : "must not be negative");
    return amount;
}

void read_profile_field(const Object::Ptr& s, const std::string& name, const std::string& path,
                        StudentProfile& p) {
    if (name == "fullname")
        p.fullname = required_text(s, name, path);
    else if (name == "identifier")
        p.identifier = required_text(s, name, path);
    else if (name == "grade")
        p.grade = required_text(s, name, path);
    else if (name == "new_admission")
        p.new_admission = read_flag(s, name, path);
    else if (name == "academic_year_start")
        p.academic_year_start = read_year(s, name, path);
    else if (name == "academic_year_end")
        p.academic_year_end = read_year(s, name, path);
    else if (name == "date_of_birth")
        p.date_of_birth = read_date(s, name, path);
    else if (name == "primary_contact_name")
        p.primary_contact_name = required_text(s, name, path);
    else if (name == "primary_contact_number")
        p.primary_contact_number = required_text(s, name, path);
    else if (name == "primary_contact_email")
        p.primary_contact_email = read_email(s, name, path);
}

// In the documented order; Register Student requires every one.
const char* const kProfileFields[] = {"fullname",
                                      "identifier",
                                      "grade",
                                      "new_admission",
                                      "academic_year_start",
                                      "academic_year_end",
                                      "date_of_birth",
                                      "primary_contact_name",
                                      "primary_contact_number",
                                      "primary_contact_email"};

std::vector<FeeDiscount> read_discounts(const Object::Ptr& row, const std::string& path) {
    std::vector<FeeDiscount> discounts;
    auto array = array_field(row, "discounts", path);
    if (array.isNull())
        return discounts;
    for (std::size_t i = 0; i < array->size(); ++i) {
        const std::string at = path + ".discounts[" + std::to_string(i) + "]";
        auto item = object_at(array, i, at);
        discounts.push_back({required_text(item, "discount_type", at),
                             read_amount(item, "value", at, /*positive=*/false)});
    }
    return discounts;
}

std::vector<FeeComponent> read_fees(const Array::Ptr& array) {
    std::vector<FeeComponent> fees;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < array->size(); ++i) {
        const std::string path = "fee_components[" + std::to_string(i) + "]";
        auto row = object_at(array, i, path);
        FeeComponent fee;
        fee.component_type = required_text(row, "component_type", path);
        fee.fee_amount = read_amount(row, "fee_amount", path, /*positive=*/false);
        fee.discounts = read_discounts(row, path);
        if (!seen.insert(fee.component_type).second)
            throw RequestError(path + ".component_type",
                               "\"" + fee.component_type + "\" appears twice");
        fees.push_back(std::move(fee));
    }
    return fees;
}

}  // namespace

RegisterRequest parse_register_request(const std::string& body) {
    auto obj = parse_request_object(body);
    if (!has_field(obj, "student"))
        throw RequestError("student", "is missing");
    auto student = obj->getObject("student");
    if (student.isNull())
        throw RequestError("student", "must be an object");
    RegisterRequest request;
    for (const char* name : kProfileFields)
        read_profile_field(student, name, "student", request.profile);
    auto fees = array_field(obj, "fee_components", "");
    if (!fees.isNull())
        request.fees = read_fees(fees);
    return request;
}

StudentProfile parse_update_student(const std::string& body, StudentProfile current) {
    auto obj = parse_request_object(body);
    for (const char* name : kProfileFields) {
        const std::string field = name;
        if (field == "fullname" || field == "identifier" || has_field(obj, field))
            read_profile_field(obj, field, "", current);
    }
    return current;
}

std::vector<FeeComponent> parse_fee_update(const std::string& body) {
    auto obj = parse_request_object(body);
    auto fees = array_field(obj, "fee_components", "");
    if (fees.isNull())
        throw RequestError("fee_components", "is missing");
    return read_fees(fees);
}

StudentPayment parse_add_payment(const std::string& body) {
    auto obj = parse_request_object(body);
    StudentPayment payment;
    payment.amount = read_amount(obj, "amount", "", /*positive=*/true);
    const std::string paid_at = required_text(obj, "paid_at", "");
    std::string reason;
    const auto instant = parse_iso_instant(paid_at, &reason);
    if (!instant)
        throw RequestError("paid_at", "\"" + paid_at + "\" " + reason);
    payment.paid_at = format_iso_utc(*instant);
    payment.mode = text_field(obj, "mode", "").value_or("");
    if (payment.mode.empty())
        payment.mode = "others";  // documented default
    payment.transaction_id = text_field(obj, "transaction_id", "").value_or("");
    payment.notes = text_field(obj, "notes", "").value_or("");
    const std::string utr = text_field(obj, "settlement_utr", "").value_or("");

    auto components = array_field(obj, "fee_components", "");
    if (components.isNull())
        throw RequestError("fee_components", "is missing");
    if (components->size() == 0)
        throw RequestError("fee_components", "must not be empty");
    Paise sum = 0;
    for (std::size_t i = 0; i < components->size(); ++i) {
        const std::string path = "fee_components[" + std::to_string(i) + "]";
        auto row = object_at(components, i, path);
        PaymentLine line;
        line.fee_component = required_text(row, "component_type", path);
        line.amount = read_amount(row, "amount", path, /*positive=*/true);
        line.settlement_utr = utr;
        sum += line.amount;
        payment.lines.push_back(std::move(line));
    }
    if (sum != payment.amount)
        throw RequestError("fee_components", "amounts add up to " + rupees_short_decimal(sum) +
                                                 ", not to amount " +
                                                 rupees_short_decimal(payment.amount));
    return payment;
}

}  // namespace jodo::sandbox
