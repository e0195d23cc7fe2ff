// The student-linked Pay endpoints (shared/jodo-api/student-*.txt).
#include "jodo/api/JodoClient.hpp"
#include "jodo/api/JodoError.hpp"
#include "jodo/api/json_fields.hpp"
#include "jodo/api/wire_error.hpp"

namespace jodo {

namespace {
const std::string kErpPath = "/api/v1/integrations/erp";

std::string student_path(const std::string& jodo_student_id) {
    return kErpPath + "/students/" + encode_path_segment(jodo_student_id);
}

template <typename Parse>
auto read_answer(const HttpReply& reply, Parse parse) {
    try {
        return parse(reply.body);
    } catch (const WireError& e) {
        throw JodoError(ErrorKind::bad_response, reply.status, "", e.what());
    }
}
}  // namespace

std::string JodoClient::register_student(const std::string& registration_id,
                                         const StudentProfile& profile,
                                         const std::vector<FeeComponent>& fees) {
    HttpReply reply =
        call("POST", kErpPath + "/users/" + encode_path_segment(registration_id) + "/students",
             register_student_json(profile, fees), Repeatable::no);
    try {
        return parse_registered_student_id(reply.body);
    } catch (const WireError& e) {
        // Registered, but we cannot name the student: as a lost answer.
        throw JodoError(ErrorKind::outcome_unknown, reply.status, "", e.what());
    }
}

void JodoClient::update_student(const std::string& jodo_student_id, const StudentProfile& profile) {
    call("PATCH", student_path(jodo_student_id), profile.to_json(), Repeatable::yes);
}

void JodoClient::update_fee(const std::string& jodo_student_id,
                            const std::vector<FeeComponent>& fees) {
    call("PATCH", student_path(jodo_student_id) + "/fee", fee_components_json(fees),
         Repeatable::yes);
}

std::vector<StudentPayment> JodoClient::list_student_payments(const std::string& jodo_student_id) {
    return read_answer(
        call("GET", student_path(jodo_student_id) + "/payments", "", Repeatable::yes),
        parse_student_payments);
}

void JodoClient::add_student_payment(const std::string& jodo_student_id,
                                     const CounterPaymentRequest& payment) {
    call("POST", student_path(jodo_student_id) + "/payments", payment.to_json(), Repeatable::no);
}

void JodoClient::cancel_student_payment(const std::string& jodo_student_id,
                                        const std::string& transaction_id) {
    call("DELETE",
         student_path(jodo_student_id) + "/payments/" + encode_path_segment(transaction_id), "",
         Repeatable::yes);
}

std::string JodoClient::pay_product_status(const std::string& jodo_student_id) {
    return read_answer(
        call("GET", student_path(jodo_student_id) + "/products?product_type=pay", "",
             Repeatable::yes),
        [](const std::string& body) {
            auto root = json::parse_object(body, "List Products answer");
            auto data = json::optional_array(root, "data", "");
            if (data.isNull())
                return std::string();
            for (std::size_t i = 0; i < data->size(); ++i) {
                auto row = data->getObject(static_cast<unsigned>(i));
                const std::string path = "data[" + std::to_string(i) + "]";
                if (row && json::optional_string(row, "product_type", path).value_or("") == "pay")
                    return json::optional_string(row, "status", path).value_or("");
            }
            return std::string();
        });
}

}  // namespace jodo
