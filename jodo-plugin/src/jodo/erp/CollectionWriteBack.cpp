// CollectionStore's write-backs: the values the ERP mapping's statements may
// use (jodo/erp/mapping/ErpContract.hpp), taken from the collection as it now is.
#include "jodo/erp/CollectionStore.hpp"

#include <stdexcept>

#include "jodo/api/bounded_text.hpp"
#include "jodo/erp/mapping/ErpContract.hpp"

namespace jodo {

namespace {
const std::string& statement_of(WriteBack which) {
    switch (which) {
        case writes_order:
            return erp_statement::on_order;
        case writes_paid:
            return erp_statement::on_paid;
        case writes_settled:
            return erp_statement::on_settled;
        default:
            return erp_statement::on_status;
    }
}
}  // namespace

void CollectionStore::write_back(Poco::Data::Session& session, WriteBack which, const Collection& c,
                                 unsigned allowed_write_backs, const ErpValues& extra) {
    // The transition table (jodo/erp/CollectionState.cpp) says which
    // write-backs a transition runs: any other is a bug, refused before the
    // ERP sees it (the caller's transaction rolls back).
    if ((allowed_write_backs & which) == 0)
        throw std::logic_error("write-back " + statement_of(which) +
                               " is not part of the move to " + to_text(c.status));
    const std::string& statement = statement_of(which);
    if (!mapping_ || !mapping_->has(statement))
        return;
    auto text = [](const std::string& v) {
        return v.empty() ? std::optional<std::string>() : std::optional<std::string>(v);
    };
    const std::string& reason = c.review_reason.empty() ? c.error_reason : c.review_reason;
    ErpValues values = {{"invoice_id", c.invoice_id},
                        {"collection_id", c.collection_id},
                        {"kind", to_text(c.kind)},
                        {"order_id", text(c.order_id)},
                        {"redirect_url", text(c.redirect_url)},
                        {"expires_at", text(c.expires_at)},
                        {"status", to_text(c.status)},
                        {"amount", format_rupees(c.amount)},
                        {"paid_at", text(c.paid_at)},
                        {"transaction_id", text(c.transaction_id)},
                        {"reason", text(bounded_text(reason, 1000))}};
    for (const auto& [key, value] : extra)
        values[key] = value;
    mapping_->write_back(session, statement, values);
}
}  // namespace jodo
