#include "host_sim/sandbox/StudentControls.hpp"

#include <Poco/JSON/Array.h>

#include "host_sim/sandbox/RequestFields.hpp"
#include "host_sim/sandbox/SandboxErrors.hpp"

namespace jodo::sandbox {

namespace {

using Poco::JSON::Object;

struct PayRequest {
    std::vector<PaymentLine> lines;
    std::string mode;
};

PayRequest parse_pay_request(const std::string& body) {
    PayRequest pay;
    if (body.find_first_not_of(" \t\r\n") == std::string::npos)
        return pay;
    auto obj = parse_request_object(body);
    pay.mode = text_field(obj, "mode", "").value_or("");
    auto components = array_field(obj, "fee_components", "");
    if (components.isNull())
        return pay;
    for (std::size_t i = 0; i < components->size(); ++i) {
        const std::string path = "fee_components[" + std::to_string(i) + "]";
        auto row = components->getObject(static_cast<unsigned>(i));
        if (row.isNull())
            throw RequestError(path, "must be an object");
        PaymentLine line;
        line.fee_component = text_field(row, "component_type", path).value_or("");
        if (line.fee_component.empty())
            throw RequestError(path + ".component_type", "is missing");
        line.amount = amount_value(row->has("amount") ? row->get("amount") : Poco::Dynamic::Var(),
                                   path + ".amount");
        if (line.amount <= 0)
            throw RequestError(path + ".amount", "must be greater than zero");
        pay.lines.push_back(std::move(line));
    }
    return pay;
}

Object::Ptr answer(std::int64_t id, const std::string& payment_id) {
    Object::Ptr body = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    body->set("student_id", static_cast<Poco::Int64>(id));
    body->set("payment_id", payment_id);
    return body;
}

std::optional<std::int64_t> id_of(const std::string& text) {
    try {
        std::size_t used = 0;
        const long long id = std::stoll(text, &used);
        if (used == text.size() && id > 0)
            return id;
    } catch (const std::exception&) {
    }
    return std::nullopt;
}

}  // namespace

std::optional<Reply> handle_student_control(SandboxState& state, const Request& request,
                                            const std::vector<std::string>& s) {
    const bool is_pay = s.size() == 4 && s[1] == "students" && s[3] == "pay";
    const bool is_settle =
        s.size() == 6 && s[1] == "students" && s[3] == "payments" && s[5] == "settle";
    if (!is_pay && !is_settle)
        return std::nullopt;
    if (request.method != "POST")
        return method_not_allowed(request, "POST");
    const auto id = id_of(s[2]);
    try {
        if (!id)
            throw StudentNotFound("student " + s[2] + " was not found");
        if (is_pay) {
            PayRequest pay = parse_pay_request(request.body);
            const StudentPayment payment = state.pay_student(*id, std::move(pay.lines), pay.mode);
            Object::Ptr body = answer(*id, payment.id);
            body->set("amount", rupees_integer_when_whole(payment.amount));
            return json_reply(200, body);
        }
        Poco::JSON::Array::Ptr utrs = new Poco::JSON::Array;
        for (const auto& utr : state.settle_student_payment(*id, s[4]))
            utrs->add(utr);
        Object::Ptr body = answer(*id, s[4]);
        body->set("utrs", utrs);
        return json_reply(200, body);
    } catch (const RequestError& e) {
        return error_reply(400, kCodeBadRequest, e.what());
    } catch (const StudentNotFound& e) {
        return error_reply(404, kCodeNotFound, e.what());
    } catch (const StudentConflict& e) {
        return error_reply(409, kCodeConflict, e.what());
    }
}

}  // namespace jodo::sandbox
