#include "jodo/api/StudentWire.hpp"

#include <sstream>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "jodo/api/bounded_text.hpp"
#include "jodo/api/json_fields.hpp"
#include "jodo/api/wire_error.hpp"

namespace jodo {

namespace {
using Poco::JSON::Array;
using Poco::JSON::Object;

// The same bounds as an order's fields (docs/jodo-choices.md, "Text lengths").
constexpr std::size_t kNameChars = 100;
constexpr std::size_t kGradeChars = 50;
constexpr std::size_t kIdentifierChars = 100;
constexpr std::size_t kComponentChars = 100;
constexpr std::size_t kNoteChars = 1000;
// The module keeps Jodo's student and payment ids as keys of 64 characters
// (jodo_students.jodo_student_id, jodo_student_payments.payment_id): a longer
// one is refused, never cut into another payment's key.
constexpr std::size_t kJodoIdChars = 64;

std::string jodo_id(std::string id, const std::string& field) {
    if (const std::size_t chars = utf8_length(id); chars > kJodoIdChars)
        throw WireError(field, "is " + std::to_string(chars) +
                                   " characters long; the module keeps Jodo ids of at most " +
                                   std::to_string(kJodoIdChars));
    return id;
}

Object::Ptr ordered() {
    return new Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

std::string text_of(const Object::Ptr& body) {
    std::ostringstream out;
    body->stringify(out);
    return out.str();
}

Object::Ptr profile_object(const StudentProfile& p) {
    Object::Ptr o = ordered();
    o->set("fullname", bounded_text(p.fullname, kNameChars));
    o->set("identifier", bounded_text(p.identifier, kIdentifierChars));
    o->set("grade", bounded_text(p.grade, kGradeChars));
    o->set("new_admission", p.new_admission);
    o->set("academic_year_start", p.academic_year_start);
    o->set("academic_year_end", p.academic_year_end);
    o->set("date_of_birth", p.date_of_birth);
    o->set("primary_contact_name", bounded_text(p.primary_contact_name, kNameChars));
    o->set("primary_contact_number", p.primary_contact_number);
    o->set("primary_contact_email", p.primary_contact_email);
    return o;
}

Array::Ptr fees_array(const std::vector<FeeComponent>& fees) {
    Array::Ptr rows = new Array;
    for (const auto& fee : fees) {
        Object::Ptr row = ordered();
        row->set("component_type", bounded_text(fee.component_type, kComponentChars));
        row->set("fee_amount", amount_to_json(fee.fee_amount));
        if (!fee.discounts.empty()) {
            Array::Ptr discounts = new Array;
            for (const auto& d : fee.discounts) {
                Object::Ptr discount = ordered();
                discount->set("discount_type", bounded_text(d.discount_type, kComponentChars));
                discount->set("value", amount_to_json(d.value));
                discounts->add(discount);
            }
            row->set("discounts", discounts);
        }
        rows->add(row);
    }
    return rows;
}

std::string id_text(const Object::Ptr& obj, const std::string& name, const std::string& path) {
    auto value = json::optional_string(obj, name, path);
    return value ? *value : std::string();
}

StudentPayment payment_from(const Object::Ptr& row, const std::string& path) {
    StudentPayment p;
    p.id = jodo_id(json::string_field(row, "id", path), path + ".id");
    if (p.id.empty())
        throw WireError(path + ".id", "is empty");
    p.amount = amount_from_json(row->get("amount"), path + ".amount");
    p.product = json::optional_string(row, "product", path).value_or("");
    p.mode = json::optional_string(row, "mode", path).value_or("");
    p.paid_at = json::optional_string(row, "paid_at", path).value_or("");
    if (auto details = json::optional_array(row, "details", path)) {
        for (std::size_t i = 0; i < details->size(); ++i) {
            const std::string line_path = path + ".details[" + std::to_string(i) + "]";
            Object::Ptr item = details->getObject(static_cast<unsigned>(i));
            if (item.isNull())
                throw WireError(line_path, "is not an object");
            StudentPaymentLine line;
            line.fee_component =
                json::optional_string(item, "fee_component", line_path)
                    .value_or(
                        json::optional_string(item, "component_type", line_path).value_or(""));
            line.amount = amount_from_json(item->get("amount"), line_path + ".amount");
            line.settlement_utr =
                json::optional_string(item, "settlement_utr", line_path).value_or("");
            line.settled_at = json::optional_string(item, "settled_at", line_path).value_or("");
            p.details.push_back(std::move(line));
        }
    }
    return p;
}
}  // namespace

std::string StudentProfile::to_json() const {
    return text_of(profile_object(*this));
}

std::string fee_components_json(const std::vector<FeeComponent>& fees) {
    Object::Ptr body = ordered();
    body->set("fee_components", fees_array(fees));
    return text_of(body);
}

std::string register_student_json(const StudentProfile& profile,
                                  const std::vector<FeeComponent>& fees) {
    Object::Ptr body = ordered();
    body->set("student", profile_object(profile));
    body->set("fee_components", fees_array(fees));
    return text_of(body);
}

std::string parse_registered_student_id(const std::string& body) {
    Object::Ptr root = json::parse_object(body, "Register Student answer");
    Object::Ptr data = json::optional_object(root, "data", "");
    for (const Object::Ptr& where : {data, root}) {
        if (where.isNull())
            continue;
        const std::string path = where == data ? "data" : "";
        for (const char* key : {"jodo_student_id", "student_id", "id"}) {
            const std::string id = id_text(where, key, path);
            if (!id.empty())
                return jodo_id(id, (path.empty() ? "" : path + ".") + key);
        }
    }
    throw WireError("data.jodo_student_id", "is missing (also student_id and id)");
}

bool StudentPayment::settled() const {
    if (details.empty())
        return false;
    for (const auto& line : details)
        if (line.settlement_utr.empty())
            return false;
    return true;
}

std::vector<StudentPayment> parse_student_payments(const std::string& body) {
    Object::Ptr root = json::parse_object(body, "List Payments answer");
    std::vector<StudentPayment> out;
    Array::Ptr data = json::optional_array(root, "data", "");
    if (data.isNull())
        return out;
    for (std::size_t i = 0; i < data->size(); ++i) {
        const std::string path = "data[" + std::to_string(i) + "]";
        Object::Ptr row = data->getObject(static_cast<unsigned>(i));
        if (row.isNull())
            throw WireError(path, "is not an object");
        out.push_back(payment_from(row, path));
    }
    return out;
}

std::string CounterPaymentRequest::to_json() const {
    Object::Ptr body = ordered();
    body->set("amount", amount_to_json(amount));
    body->set("paid_at", paid_at);
    if (!mode.empty())
        body->set("mode", bounded_text(mode, kIdentifierChars));
    body->set("transaction_id", transaction_id);
    if (!settlement_utr.empty())
        body->set("settlement_utr", bounded_text(settlement_utr, kIdentifierChars));
    if (!notes.empty())
        body->set("notes", bounded_text(notes, kNoteChars));
    Array::Ptr rows = new Array;
    for (const auto& line : fee_components) {
        Object::Ptr row = ordered();
        row->set("component_type", bounded_text(line.fee_component, kComponentChars));
        row->set("amount", amount_to_json(line.amount));
        rows->add(row);
    }
    body->set("fee_components", rows);
    return text_of(body);
}

}  // namespace jodo
