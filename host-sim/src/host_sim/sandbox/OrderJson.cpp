#include "host_sim/sandbox/OrderJson.hpp"

#include <Poco/JSON/Array.h>

namespace jodo::sandbox {

namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

Var text_or_null(const std::string& s) {
    return s.empty() ? Var() : Var(s);
}

Var year_or_null(const std::optional<int>& year, const AnswerShape& shape) {
    return year ? year_json(*year, shape) : Var();
}

}  // namespace

Object::Ptr order_to_json(const OrderRecord& record, bool with_expires_at,
                          const AnswerShape& shape) {
    const auto& order = record.order;
    Object::Ptr data = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    data->set("id", order.order_id);
    data->set("name", order.name);
    data->set("phone", order.phone);
    data->set("email", order.email);
    data->set("identifier", text_or_null(order.identifier));
    data->set("custom_identifier", text_or_null(record.custom_identifier));
    data->set("grade", text_or_null(record.grade));
    data->set("stream", text_or_null(record.stream));
    data->set("date_of_birth", text_or_null(record.date_of_birth));
    data->set("student_name", text_or_null(record.student_name));
    data->set("academic_year_start", year_or_null(record.academic_year_start, shape));
    data->set("academic_year_end", year_or_null(record.academic_year_end, shape));
    data->set("new_admission", record.new_admission.value_or(false));
    if (with_expires_at)
        data->set("expires_at", text_or_null(order.expires_at));
    data->set("transaction_id", text_or_null(order.transaction_id));
    data->set("paid_at", text_or_null(order.paid_at));
    data->set("status", order.status);

    Array::Ptr details = new Array;
    for (const auto& line : order.lines) {
        Object::Ptr row = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
        row->set("component_type", line.component_type);
        row->set("amount", amount_json(line.amount, shape));
        row->set("settlement_utr", text_or_null(line.settlement_utr));
        row->set("settled_at", text_or_null(line.settled_at));
        add_unknown_fields(*row, "line", shape);
        details->add(row);
    }
    data->set("details", details);

    Array::Ptr notes = new Array;
    for (const auto& [key, value] : order.notes) {
        Object::Ptr note = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
        note->set("key", key);
        note->set("value", value);
        add_unknown_fields(*note, "note", shape);
        notes->add(note);
    }
    data->set("notes", notes);
    add_unknown_fields(*data, "order", shape);
    return data;
}

}  // namespace jodo::sandbox
