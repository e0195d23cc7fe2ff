#include "support/Invariants.hpp"

#include <map>
#include <set>

#include <Poco/Data/Session.h>
#include <Poco/Tuple.h>

using namespace Poco::Data::Keywords;

namespace scaleout {

std::string joined(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& line : lines)
        out += line + "\n";
    return out;
}

std::vector<std::string> invariant_violations(ScaleRig& rig) {
    std::vector<std::string> violations;
    const auto rows = rig.collections();
    std::map<std::string, std::vector<Row>> by_invoice;
    std::map<std::string, Row> by_order;
    for (const auto& row : rows) {
        by_invoice[row.invoice_id].push_back(row);
        if (!row.order_id.empty())
            by_order[row.order_id] = row;
    }
    std::map<std::string, std::vector<jodo::sandbox::SandboxOrder>> jodo_orders;
    std::set<std::string> at_jodo;
    for (const auto& id : rig.sandbox().order_ids()) {
        auto order = rig.sandbox().find(id);
        if (!order)
            continue;
        // The ERP's invoice travels in the notes (identifier is the student).
        const std::string invoice = invoice_of(*order);
        if (invoice.rfind(rig.prefix(), 0) != 0)
            continue;
        at_jodo.insert(id);
        jodo_orders[invoice].push_back(*order);
        by_invoice[invoice];  // an invoice Jodo knows even if we hold no row
    }
    // The reference ERP's own books (written by the module's write-backs):
    // one receipt per paid collection, never two, never one for an unpaid one.
    std::map<std::string, int> receipts;
    {
        std::vector<std::string> receipt_collections;
        auto session = rig.session();
        session << "SELECT receipt_id FROM erp_receipts", into(receipt_collections), now;
        for (const auto& id : receipt_collections)
            ++receipts[id];
    }
    for (const auto& row : rows) {
        const bool paid = row.status == "paid" || row.status == "settled";
        const int posted = receipts.count(row.collection_id) ? receipts[row.collection_id] : 0;
        if (posted != (paid ? 1 : 0))
            violations.push_back(row.invoice_id + ": collection " + row.collection_id + " is '" +
                                 row.status + "' and the ERP holds " + std::to_string(posted) +
                                 " receipts for it");
    }
    for (const auto& [invoice, list] : by_invoice) {
        bool flagged = false;
        int active = 0;
        for (const auto& row : list) {
            flagged = flagged || !row.review_reason.empty();
            active += row.active;
            if (row.status == "creating")
                violations.push_back(invoice + ": collection " + row.collection_id +
                                     " is still 'creating'");
            if (row.status == "unknown" && row.error_reason.empty())
                violations.push_back(invoice + ": collection " + row.collection_id +
                                     " is 'unknown' without a reason");
            if (!row.order_id.empty() && at_jodo.count(row.order_id) == 0)
                violations.push_back(invoice + ": order " + row.order_id +
                                     " is recorded but Jodo does not hold it");
        }
        if (active > 1)
            violations.push_back(invoice + ": " + std::to_string(active) + " active collections");
        const auto& orders = jodo_orders[invoice];
        int payable = 0;
        for (const auto& order : orders) {
            if (order.status == jodo::sandbox::kStatusUnpaid)
                ++payable;
            if (order.status != jodo::sandbox::kStatusPaid)
                continue;
            auto it = by_order.find(order.order_id);
            if (it == by_order.end())
                violations.push_back(invoice + ": order " + order.order_id +
                                     " is paid at Jodo but no collection records it");
            else if (it->second.status != "paid" && it->second.status != "settled" &&
                     it->second.review_reason.empty())
                violations.push_back(invoice + ": order " + order.order_id +
                                     " is paid at Jodo but its collection is '" +
                                     it->second.status + "' without a review flag");
        }
        if (!flagged && orders.size() > 1)
            violations.push_back(invoice + ": Jodo holds " + std::to_string(orders.size()) +
                                 " orders and no collection is flagged for review");
        if (!flagged && payable > 1)
            violations.push_back(invoice + ": " + std::to_string(payable) +
                                 " payable orders at Jodo and no collection is flagged for review");
    }
    return violations;
}

}  // namespace scaleout
