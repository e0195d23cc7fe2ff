#include "host_sim/sandbox/StudentApi.hpp"

#include <Poco/URI.h>

#include "host_sim/sandbox/RequestFields.hpp"
#include "host_sim/sandbox/SandboxErrors.hpp"
#include "host_sim/sandbox/StudentJson.hpp"

namespace jodo::sandbox {

namespace {

using Poco::JSON::Object;

Object::Ptr success() {
    Object::Ptr body = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    body->set("status", "success");
    return body;
}

Reply bad_request(const std::string& message) {
    return error_reply(400, kCodeStudentBadRequest, message);
}

Reply student_not_found(const std::string& message) {
    return error_reply(404, kCodeStudentNotFound, message);
}

// Jodo student ids are positive integers ("6356" in the docs' URLs); anything else
// names no student.
std::optional<std::int64_t> student_id_of(const std::string& text) {
    if (text.empty() || text.size() > 18 || text[0] == '0')
        return std::nullopt;
    std::int64_t id = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        id = id * 10 + (c - '0');
    }
    return id;
}

std::string query_value(const std::string& query, const std::string& name) {
    Poco::URI uri;
    uri.setRawQuery(query);
    for (const auto& [key, value] : uri.getQueryParameters())
        if (key == name)
            return value;
    return {};
}

Reply register_student(SandboxState& state, const Request& request,
                       const std::string& registration_id) {
    RegisterRequest parsed;
    try {
        parsed = parse_register_request(request.body);
    } catch (const RequestError& e) {
        return bad_request(e.what());
    }
    std::int64_t id = 0;
    try {
        id = state.register_student(registration_id, std::move(parsed));
    } catch (const StudentConflict& e) {
        return error_reply(409, kCodeConflict, e.what());
    }
    // GAP (docs/jodo-choices.md): the response is not in our copy of the page. Like
    // the other creates: 201 {"status":"success","data":{"jodo_student_id":<number>,
    // "registration_id":...}}; jodo_student_id is the docs' own name for the id.
    Object::Ptr data = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    data->set("jodo_student_id", student_id_json(id, state.answer_shape()));
    data->set("registration_id", registration_id);
    Object::Ptr body = success();
    body->set("data", data);
    return json_reply(201, body);
}

Reply update_student(SandboxState& state, const Request& request, std::int64_t id) {
    SandboxStudent student;
    try {
        student = state.update_student(id, [&](const StudentProfile& current) {
            return parse_update_student(request.body, current);
        });
    } catch (const RequestError& e) {
        return bad_request(e.what());
    } catch (const StudentConflict& e) {
        return error_reply(409, kCodeConflict, e.what());
    }
    Object::Ptr body = success();
    body->set("registration_id", student.registration_id);
    body->set("data", profile_to_json(student.profile, state.answer_shape()));
    return json_reply(200, body);
}

Reply update_fee(SandboxState& state, const Request& request, std::int64_t id) {
    if (!state.student(id))  // an unknown student wins over a bad body
        return student_not_found("student " + std::to_string(id) + " was not found");
    try {
        state.update_fees(id, parse_fee_update(request.body));
    } catch (const RequestError& e) {
        return bad_request(e.what());
    }
    return json_reply(200, success());
}

Reply add_payment(SandboxState& state, const Request& request, std::int64_t id) {
    if (!state.student(id))
        return student_not_found("student " + std::to_string(id) + " was not found");
    try {
        state.add_payment(id, parse_add_payment(request.body));
    } catch (const RequestError& e) {
        return bad_request(e.what());
    } catch (const StudentConflict& e) {
        // GAP: a transaction_id already recorded (cancelled or not) is refused, never
        // recorded twice (docs/jodo-choices.md).
        return error_reply(409, kCodeConflict, e.what());
    }
    return json_reply(201, success());
}

Reply list_payments(SandboxState& state, std::int64_t id) {
    auto student = state.student(id);
    if (!student)
        return student_not_found("student " + std::to_string(id) + " was not found");
    Object::Ptr body = success();
    body->set("data", payments_to_json(*student, state.answer_shape()));
    return json_reply(200, body);
}

Reply list_products(SandboxState& state, const Request& request, std::int64_t id) {
    auto student = state.student(id);
    if (!student)
        return student_not_found("student " + std::to_string(id) + " was not found");
    const std::string type = query_value(request.query, "product_type");
    if (!type.empty() && type != "pay" && type != "flex" && type != "cred")
        return bad_request("product_type \"" + type + "\" is not one of flex, pay, cred");
    Object::Ptr body = success();
    body->set("data", products_to_json(*student, type, state.answer_shape()));
    return json_reply(200, body);
}

Reply cancel_payment(SandboxState& state, std::int64_t id, const std::string& transaction_id) {
    try {
        state.cancel_payment(id, transaction_id);  // cancelling twice answers 200 again
    } catch (const RequestError& e) {
        return bad_request(e.what());
    }
    return json_reply(200, success());
}

Reply students_route(SandboxState& state, const Request& request, const std::vector<std::string>& s,
                     std::int64_t id) {
    const std::string& m = request.method;
    if (s.size() == 6)
        return m == "PATCH" ? update_student(state, request, id)
                            : method_not_allowed(request, "PATCH");
    if (s.size() == 7 && s[6] == "fee")
        return m == "PATCH" ? update_fee(state, request, id) : method_not_allowed(request, "PATCH");
    if (s.size() == 7 && s[6] == "payments") {
        if (m == "GET")
            return list_payments(state, id);
        return m == "POST" ? add_payment(state, request, id)
                           : method_not_allowed(request, "GET, POST");
    }
    if (s.size() == 8 && s[6] == "payments")
        return m == "DELETE" ? cancel_payment(state, id, s[7])
                             : method_not_allowed(request, "DELETE");
    if (s.size() == 7 && s[6] == "products")
        return m == "GET" ? list_products(state, request, id) : method_not_allowed(request, "GET");
    return error_reply(404, kCodeNotFound, "resource " + request.path + " was not found");
}

}  // namespace

std::optional<Reply> handle_student_api(SandboxState& state, const Request& request,
                                        const std::vector<std::string>& s) {
    if (s.size() < 6 || s[0] != "api" || s[1] != "v1" || s[2] != "integrations" || s[3] != "erp")
        return std::nullopt;
    if (s[4] == "users" && s.size() == 7 && s[6] == "students") {
        if (request.method != "POST")
            return method_not_allowed(request, "POST");
        return register_student(state, request, s[5]);
    }
    if (s[4] != "students" || s.size() > 8)
        return std::nullopt;
    const auto id = student_id_of(s[5]);
    try {
        if (!id)
            throw StudentNotFound("student " + s[5] + " was not found");
        return students_route(state, request, s, *id);
    } catch (const StudentNotFound& e) {
        return student_not_found(e.what());
    }
}

}  // namespace jodo::sandbox
