#include "host_sim/sandbox/StudentJson.hpp"

namespace jodo::sandbox {

namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr new_object() {
    return new Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

Var text_or_null(const std::string& s) {
    return s.empty() ? Var() : Var(s);
}

std::string product_status(const SandboxStudent& student) {
    if (student.fees.empty())
        return "inactive";
    return student.total_outstanding() > 0 ? "pending" : "paid";
}

}  // namespace

Object::Ptr payment_to_json(const StudentPayment& payment, const AnswerShape& shape) {
    Object::Ptr row = new_object();
    row->set("id", payment.id);
    row->set("amount", amount_json(payment.amount, shape));
    row->set("product", payment.product);
    row->set("mode", payment.mode);
    row->set("paid_at", payment.paid_at);
    Array::Ptr details = new Array;
    for (const auto& line : payment.lines) {
        Object::Ptr detail = new_object();
        detail->set("fee_component", line.fee_component);
        detail->set("amount", amount_json(line.amount, shape));
        detail->set("settlement_utr", text_or_null(line.settlement_utr));
        detail->set("settled_at", text_or_null(line.settled_at));
        add_unknown_fields(*detail, "line", shape);
        details->add(detail);
    }
    row->set("details", details);
    add_unknown_fields(*row, "payment", shape);
    return row;
}

Array::Ptr payments_to_json(const SandboxStudent& student, const AnswerShape& shape) {
    Array::Ptr data = new Array;
    for (const auto& payment : student.payments)
        if (!payment.cancelled)
            data->add(payment_to_json(payment, shape));
    return data;
}

Object::Ptr profile_to_json(const StudentProfile& profile, const AnswerShape& shape) {
    Object::Ptr data = new_object();
    data->set("fullname", profile.fullname);
    data->set("identifier", profile.identifier);
    data->set("grade", profile.grade);
    data->set("new_admission", profile.new_admission);
    data->set("academic_year_start", year_json(profile.academic_year_start, shape));
    data->set("academic_year_end", year_json(profile.academic_year_end, shape));
    data->set("date_of_birth", profile.date_of_birth);
    data->set("primary_contact_name", profile.primary_contact_name);
    data->set("primary_contact_number", profile.primary_contact_number);
    data->set("primary_contact_email", profile.primary_contact_email);
    if (profile.new_admission)
        data->set("joining_year", profile.academic_year_start);
    add_unknown_fields(*data, "student", shape);
    return data;
}

Array::Ptr products_to_json(const SandboxStudent& student, const std::string& product_type,
                            const AnswerShape& shape) {
    Array::Ptr data = new Array;
    if (!product_type.empty() && product_type != "pay")
        return data;  // flex and cred are not modelled: the student has none
    Object::Ptr product = new_object();
    product->set("id", static_cast<Poco::Int64>(student.pay_product_id));
    product->set("product_type", "pay");
    product->set("status", product_status(student));
    add_unknown_fields(*product, "product", shape);
    data->add(product);
    return data;
}

}  // namespace jodo::sandbox
