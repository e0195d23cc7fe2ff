#include "jodo/plugin/ScreenActions.hpp"

#include <sstream>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

namespace jodo {

namespace {

constexpr int kMaxReviewItems = 500;

std::string to_json(const Poco::JSON::Array::Ptr& array) {
    std::ostringstream out;
    array->stringify(out);
    return out.str();
}

Poco::JSON::Object::Ptr object() {
    return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

std::string lines_json(const Collection& c) {
    Poco::JSON::Array::Ptr lines = new Poco::JSON::Array;
    for (const auto& l : c.lines) {
        auto line = object();
        line->set("line_no", l.line_no);
        line->set("component_type", l.component_type);
        line->set("amount", format_rupees(l.amount));
        line->set("paid_amount", l.paid_amount < 0 ? std::string() : format_rupees(l.paid_amount));
        line->set("settlement_utr", l.settlement_utr);
        line->set("settled_at", l.settled_at);
        lines->add(line);
    }
    return to_json(lines);
}

// Why the collection is in the queue, in the accountant's words.
std::string queue_reason(const Collection& c) {
    if (!c.review_reason.empty())
        return c.review_reason;
    return "the create was sent and its answer lost: refresh, or release it to collect again";
}

}  // namespace

erp_plugin::ActionResult invoice_status(CollectionReader& store, const std::string& invoice_id) {
    erp_plugin::ActionResult result;
    const auto c = store.latest_for(invoice_id);
    if (!c) {
        result.outputs = {{"invoice_id", invoice_id}, {"status", "none"}};
        return result;
    }
    result.outputs = {{"invoice_id", c->invoice_id},
                      {"collection_id", c->collection_id},
                      {"kind", to_text(c->kind)},
                      {"status", to_text(c->status)},
                      {"active", c->active ? "1" : "0"},
                      {"order_id", c->order_id},
                      {"redirect_url", c->redirect_url},
                      {"expires_at", c->expires_at},
                      {"amount", format_rupees(c->amount)},
                      {"paid_at", c->paid_at},
                      {"transaction_id", c->transaction_id},
                      {"review", c->review_reason},
                      {"error_reason", c->error_reason},
                      {"lines", lines_json(*c)}};
    return result;
}

erp_plugin::ActionResult review_queue(CollectionReader& store, StudentStore& students) {
    erp_plugin::ActionResult result;
    Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
    const auto queue = store.needing_review(kMaxReviewItems);
    for (const auto& c : queue) {
        auto item = object();
        item->set("collection_id", c.collection_id);
        item->set("invoice_id", c.invoice_id);
        item->set("kind", to_text(c.kind));
        item->set("status", to_text(c.status));
        item->set("active", c.active);
        item->set("order_id", c.order_id);
        item->set("amount", format_rupees(c.amount));
        item->set("paid_at", c.paid_at);
        item->set("transaction_id", c.transaction_id);
        item->set("reason", queue_reason(c));
        item->set("updated_at", c.updated_at);
        items->add(item);
    }
    result.outputs = {{"count", std::to_string(queue.size())}, {"items", to_json(items)}};
    Poco::JSON::Array::Ptr student_items = new Poco::JSON::Array;
    const auto student_queue = students.needing_review(kMaxReviewItems);
    for (const auto& s : student_queue) {
        auto item = object();
        item->set("kind", s.kind);
        item->set("id", s.id);
        item->set("student_id", s.student_id);
        item->set("state", s.state);
        item->set("reason", s.reason);
        item->set("updated_at", s.updated_at);
        student_items->add(item);
    }
    result.outputs.emplace_back("student_count", std::to_string(student_queue.size()));
    result.outputs.emplace_back("student_items", to_json(student_items));
    return result;
}

}  // namespace jodo
