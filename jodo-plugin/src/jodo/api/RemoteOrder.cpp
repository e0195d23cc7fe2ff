#include "jodo/api/RemoteOrder.hpp"

#include "jodo/api/json_fields.hpp"
#include "jodo/api/wire_error.hpp"

namespace jodo {

Paise RemoteOrder::total() const {
    Paise sum = 0;
    for (const auto& line : lines)
        sum += line.amount;
    return sum;
}

bool RemoteOrder::fully_settled() const {
    if (status != "paid" || lines.empty())
        return false;
    for (const auto& line : lines)
        if (line.settlement_utr.empty())
            return false;
    return true;
}

namespace {

// "status" of the envelope, when present, must not say failure.
Poco::JSON::Object::Ptr data_of(const std::string& body, const std::string& what) {
    auto root = json::parse_object(body, what);
    auto status = json::optional_string(root, "status", "");
    if (status && *status != "success")
        throw WireError("status", "is \"" + *status + "\" in a successful answer");
    return json::object_field(root, "data", "");
}

RemoteOrder parse_order_object(const Poco::JSON::Object::Ptr& data, const std::string& path) {
    RemoteOrder order;
    order.id = json::optional_string(data, "id", path).value_or("");
    if (order.id.empty())
        order.id = json::optional_string(data, "order_id", path).value_or("");
    order.status = json::string_field(data, "status", path);
    order.transaction_id = json::optional_string(data, "transaction_id", path).value_or("");
    order.paid_at = json::optional_string(data, "paid_at", path).value_or("");
    order.expires_at = json::optional_string(data, "expires_at", path).value_or("");
    if (auto details = json::optional_array(data, "details", path)) {
        for (std::size_t i = 0; i < details->size(); ++i) {
            const std::string row_path = path + ".details[" + std::to_string(i) + "]";
            auto row = details->getObject(static_cast<unsigned>(i));
            if (row.isNull())
                throw WireError(row_path, "is not an object");
            RemoteLine line;
            line.component_type =
                json::optional_string(row, "component_type", row_path).value_or("");
            line.amount = amount_from_json(row->get("amount"), row_path + ".amount");
            line.settlement_utr =
                json::optional_string(row, "settlement_utr", row_path).value_or("");
            line.settled_at = json::optional_string(row, "settled_at", row_path).value_or("");
            order.lines.push_back(std::move(line));
        }
    }
    if (auto notes = json::optional_array(data, "notes", path)) {
        for (std::size_t i = 0; i < notes->size(); ++i) {
            auto row = notes->getObject(static_cast<unsigned>(i));
            if (row.isNull())
                continue;
            const std::string row_path = path + ".notes[" + std::to_string(i) + "]";
            order.notes.emplace_back(json::optional_string(row, "key", row_path).value_or(""),
                                     json::optional_string(row, "value", row_path).value_or(""));
        }
    }
    return order;
}

}  // namespace

RemoteOrder parse_remote_order_response(const std::string& body) {
    return parse_order_object(data_of(body, "order response"), "data");
}

CreatedOrder parse_created_order(const std::string& body) {
    auto data = data_of(body, "create response");
    CreatedOrder created;
    created.order_id = json::string_field(data, "order_id", "data");
    created.redirect_url = json::string_field(data, "redirect_url", "data");
    if (created.order_id.empty())
        throw WireError("data.order_id", "is empty");
    return created;
}

bool is_known_remote_status(const std::string& s) {
    return s == "paid" || s == "unpaid" || s == "expired" || s == "cancelled";
}

}  // namespace jodo
