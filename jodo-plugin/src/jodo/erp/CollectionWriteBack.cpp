// CollectionStore's write-backs: the values the ERP mapping's statements may
// use (jodo/erp/mapping/ErpContract.hpp), taken from the collection as it now is.
#include "jodo/erp/CollectionStore.hpp"

#include "jodo/api/bounded_text.hpp"

namespace jodo {

void CollectionStore::write_back(Poco::Data::Session& session, const std::string& statement,
                                 const Collection& c, const std::string& new_status,
                                 const ErpValues& extra) {
    if (!mapping_ || !mapping_->has(statement))
        return;
    auto text = [](const std::string& v) {
        return v.empty() ? std::optional<std::string>() : std::optional<std::string>(v);
    };
    const std::string& reason = c.review_reason.empty() ? c.error_reason : c.review_reason;
    ErpValues values = {{"invoice_id", c.invoice_id},
                        {"collection_id", c.collection_id},
                        {"kind", c.kind},
                        {"order_id", text(c.order_id)},
                        {"redirect_url", text(c.redirect_url)},
                        {"expires_at", text(c.expires_at)},
                        {"status", new_status},
                        {"amount", format_rupees(c.amount)},
                        {"paid_at", text(c.paid_at)},
                        {"transaction_id", text(c.transaction_id)},
                        {"reason", text(bounded_text(reason, 1000))}};
    for (const auto& [key, value] : extra)
        values[key] = value;
    mapping_->write_back(session, statement, values);
}
}  // namespace jodo
