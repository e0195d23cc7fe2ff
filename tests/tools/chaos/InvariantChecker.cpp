#include "chaos/InvariantChecker.hpp"

#include "erp_sql/NullableText.hpp"
#include "erp_sql/OpenOdbcSession.hpp"

#include <algorithm>
#include <cstdio>
#include <set>
#include <sstream>
#include <stdexcept>

#include <Poco/Data/Session.h>
#include <Poco/Nullable.h>
#include <Poco/Tuple.h>

#include "erp_sql/TextParam.hpp"
#include "jodo/api/money.hpp"

using namespace Poco::Data::Keywords;

namespace chaos {

namespace {

using Text = erp_sql::NullableText;
using erp_sql::or_empty;
using erp_sql::text_or_null;

// DECIMAL(14,2) as the driver hands it over, as text: "6200.50", "6200.5", "1500".
Paise paise_of(const std::string& what, const std::string& text) {
    auto value = jodo::parse_rupees(text);
    if (!value)
        throw std::runtime_error(what + " holds \"" + text + "\", not an amount");
    return *value;
}

struct DbLine {
    int line_no = 0;
    Paise amount = 0;
    bool has_paid = false;
    Paise paid = 0;
    std::string utr;
};

struct DbCollection {
    std::string collection_id, invoice_id, status;
    bool active = false;
    Paise amount = 0;
    std::string order_id, transaction_id, error_reason, review_reason;
    std::vector<DbLine> lines;

    bool has_reason() const { return !error_reason.empty() || !review_reason.empty(); }
    bool is_paid() const { return status == "paid" || status == "settled"; }
    Paise paid_total() const {
        Paise sum = 0;
        for (const auto& l : lines)
            sum += l.has_paid ? l.paid : 0;
        return sum;
    }
};

struct DbView {
    std::vector<std::string> invoices;
    std::vector<DbCollection> collections;
};

DbView read_database(const std::string& connection_string, const std::string& prefix) {
    erp_sql::OdbcSessionOptions options;
    options.max_field_size = erp_sql::kMaxFieldSize;
    Poco::Data::Session session = erp_sql::open_odbc_session(connection_string, options);
    auto mine = [&](const std::string& id) { return id.rfind(prefix, 0) == 0; };
    std::string like = prefix + "%";

    DbView view;
    std::vector<std::string> invoices;
    session << "SELECT invoice_id FROM erp_invoices WHERE invoice_id LIKE ? ORDER BY invoice_id",
        use(like), into(invoices), now;
    for (auto& id : invoices)
        if (mine(id))
            view.invoices.push_back(id);

    using Row = Poco::Tuple<std::string, std::string, std::string, short, std::string, Text, Text,
                            Text, Text>;
    std::vector<Row> rows;
    session << "SELECT collection_id, invoice_id, status, active, amount, order_id, "
               "transaction_id, error_reason, review_reason FROM jodo_collections "
               "WHERE invoice_id LIKE ? ORDER BY invoice_id, created_at, collection_id",
        use(like), into(rows), now;
    std::map<std::string, std::size_t> index;
    for (const auto& r : rows) {
        if (!mine(r.get<1>()))
            continue;
        DbCollection c;
        c.collection_id = r.get<0>();
        c.invoice_id = r.get<1>();
        c.status = r.get<2>();
        c.active = r.get<3>() != 0;
        c.amount = paise_of("jodo_collections.amount of " + c.collection_id, r.get<4>());
        c.order_id = or_empty(r.get<5>());
        c.transaction_id = or_empty(r.get<6>());
        c.error_reason = or_empty(r.get<7>());
        c.review_reason = or_empty(r.get<8>());
        index[c.collection_id] = view.collections.size();
        view.collections.push_back(std::move(c));
    }

    std::vector<Poco::Tuple<std::string, int, std::string, Text, Text>> lines;
    session << "SELECT l.collection_id, l.line_no, l.amount, l.paid_amount, l.settlement_utr "
               "FROM jodo_collection_lines l JOIN jodo_collections c "
               "ON c.collection_id = l.collection_id WHERE c.invoice_id LIKE ? "
               "ORDER BY l.collection_id, l.line_no",
        use(like), into(lines), now;
    for (const auto& l : lines) {
        auto it = index.find(l.get<0>());
        if (it == index.end())
            continue;
        DbLine line;
        line.line_no = l.get<1>();
        line.amount = paise_of("jodo_collection_lines.amount", l.get<2>());
        if (!l.get<3>().isNull()) {
            line.has_paid = true;
            line.paid = paise_of("jodo_collection_lines.paid_amount", l.get<3>().value());
        }
        line.utr = or_empty(l.get<4>());
        view.collections[it->second].lines.push_back(line);
    }
    return view;
}

std::string rupees(Paise p) {
    return jodo::format_rupees(p);
}

}  // namespace

Paise JodoOrderView::total() const {
    Paise sum = 0;
    for (const auto& l : lines)
        sum += l.amount;
    return sum;
}

bool JodoOrderView::settled() const {
    if (status != "paid" || lines.empty())
        return false;
    return std::all_of(lines.begin(), lines.end(),
                       [](const Line& l) { return !l.settlement_utr.empty(); });
}

int InvariantReport::violations_of(const std::string& invariant) const {
    return static_cast<int>(
        std::count_if(violations.begin(), violations.end(),
                      [&](const Violation& v) { return v.invariant == invariant; }));
}

InvariantChecker::InvariantChecker(std::string odbc_connection_string, std::string invoice_prefix)
    : connection_string_(std::move(odbc_connection_string)), prefix_(std::move(invoice_prefix)) {}

InvariantReport InvariantChecker::check(const std::vector<JodoOrderView>& all_jodo) const {
    const DbView db = read_database(connection_string_, prefix_);
    InvariantReport report;
    auto violation = [&](const char* invariant, const std::string& invoice,
                         const std::string& detail) {
        report.violations.push_back({invariant, invoice, detail});
    };

    const std::set<std::string> invoices(db.invoices.begin(), db.invoices.end());
    std::map<std::string, const DbCollection*> by_order, by_id;
    std::map<std::string, std::vector<const DbCollection*>> by_invoice;
    for (const auto& c : db.collections) {
        by_id[c.collection_id] = &c;
        by_invoice[c.invoice_id].push_back(&c);
        if (!c.order_id.empty())
            by_order[c.order_id] = &c;
        ++report.statuses[c.status];
    }
    report.invoices = static_cast<int>(db.invoices.size());
    report.collections = static_cast<int>(db.collections.size());

    // Jodo's orders for this run's invoices: named by identifier, by our
    // collection in the notes, or known to the database by order id.
    std::vector<const JodoOrderView*> jodo;
    std::map<std::string, const JodoOrderView*> jodo_by_id;
    for (const auto& o : all_jodo) {
        const bool ours = invoices.count(o.invoice_id) || by_id.count(o.collection_id) ||
                          by_order.count(o.order_id);
        if (!ours)
            continue;
        jodo.push_back(&o);
        jodo_by_id[o.order_id] = &o;
    }
    report.jodo_orders = static_cast<int>(jodo.size());
    auto invoice_of = [&](const JodoOrderView& o) {
        if (auto it = by_order.find(o.order_id); it != by_order.end())
            return it->second->invoice_id;
        if (auto it = by_id.find(o.collection_id); it != by_id.end())
            return it->second->invoice_id;
        return o.invoice_id;
    };
    auto flagged = [&](const std::string& invoice) {
        auto it = by_invoice.find(invoice);
        if (it == by_invoice.end())
            return false;
        return std::any_of(it->second.begin(), it->second.end(), [](const DbCollection* c) {
            return !c->review_reason.empty() || c->status == "abandoned" ||
                   c->status == "superseded";
        });
    };

    // (i) Jodo -> database: every order is where the database says, paid ones paid.
    for (const JodoOrderView* o : jodo) {
        const std::string invoice = invoice_of(*o);
        const bool paid = o->status == "paid";
        if (paid) {
            ++report.jodo_paid;
            report.jodo_paid_total += o->total();
            if (o->settled())
                ++report.jodo_settled;
        }
        auto known = by_order.find(o->order_id);
        if (known == by_order.end()) {
            // The database never learned this order id: only a create whose
            // outcome is unknown (and says so) or that an accountant released
            // may leave that behind.
            auto made_for = by_id.find(o->collection_id);
            const DbCollection* c = made_for == by_id.end() ? nullptr : made_for->second;
            const bool excused =
                c && c->order_id.empty() &&
                ((c->status == "unknown" && c->has_reason()) || c->status == "abandoned");
            if (excused && paid) {
                ++report.unresolved_flagged;
                report.unresolved_total += o->total();
                report.unresolved_invoices.push_back(invoice);
            } else if (excused) {
                ++report.untracked_unpaid;
            } else if (paid) {
                ++report.lost;
                violation("i", invoice,
                          "Jodo reports order " + o->order_id + " paid (" + rupees(o->total()) +
                              "); the database never learned of it" +
                              (c ? " (its collection is " + c->status + ")" : ""));
            } else {
                violation("i", invoice,
                          "Jodo holds " + o->status + " order " + o->order_id +
                              " that the database does not track" +
                              (c ? " (its collection is " + c->status + ")" : ""));
            }
            continue;
        }
        const DbCollection& c = *known->second;
        if (!paid)
            continue;
        if (!c.is_paid()) {
            ++report.lost;
            violation(
                "i", invoice,
                "Jodo reports order " + o->order_id + " paid; the database shows " + c.status);
            continue;
        }
        bool reflected = true;
        if (o->settled() && c.status != "settled") {
            reflected = false;
            violation(
                "i", invoice,
                "Jodo settled order " + o->order_id + "; the database still shows " + c.status);
        }
        if (c.transaction_id != o->transaction_id) {
            reflected = false;
            violation("i", invoice,
                      "order " + o->order_id + ": transaction id " + o->transaction_id +
                          " at Jodo, \"" + c.transaction_id + "\" in the database");
        }
        for (std::size_t i = 0; i < o->lines.size() && i < c.lines.size(); ++i) {
            if (!o->lines[i].settlement_utr.empty() &&
                o->lines[i].settlement_utr != c.lines[i].utr) {
                reflected = false;
                violation("i", invoice,
                          "order " + o->order_id + " line " + std::to_string(c.lines[i].line_no) +
                              ": UTR " + o->lines[i].settlement_utr + " at Jodo, \"" +
                              c.lines[i].utr + "\" in the database");
            }
        }
        if (reflected)
            ++report.paid_reflected;
    }

    // (i) database -> Jodo, and (ii) sums per paid collection.
    for (const auto& c : db.collections) {
        if (!c.is_paid())
            continue;
        report.db_paid_total += c.paid_total();
        auto it = jodo_by_id.find(c.order_id);
        if (it == jodo_by_id.end() || it->second->status != "paid") {
            violation("i", c.invoice_id,
                      "the database shows " + c.status + " for order " + c.order_id + ", Jodo " +
                          (it == jodo_by_id.end() ? "has no such order" : it->second->status));
            continue;
        }
        const JodoOrderView& o = *it->second;
        if (c.lines.size() != o.lines.size())
            violation("ii", c.invoice_id,
                      "order " + o.order_id + ": " + std::to_string(o.lines.size()) +
                          " lines at Jodo, " + std::to_string(c.lines.size()) + " in the database");
        for (std::size_t i = 0; i < c.lines.size(); ++i) {
            const DbLine& line = c.lines[i];
            if (!line.has_paid) {
                violation("ii", c.invoice_id,
                          "order " + o.order_id + " line " + std::to_string(line.line_no) +
                              " has no paid amount in the database");
            } else if (i < o.lines.size() && line.paid != o.lines[i].amount) {
                violation("ii", c.invoice_id,
                          "order " + o.order_id + " line " + std::to_string(line.line_no) +
                              ": paid " + rupees(o.lines[i].amount) + " at Jodo, " +
                              rupees(line.paid) + " in the database");
            }
        }
        if (c.paid_total() != o.total())
            violation("ii", c.invoice_id,
                      "order " + o.order_id + ": paid " + rupees(o.total()) + " at Jodo, " +
                          rupees(c.paid_total()) + " in the database");
        if (c.paid_total() != c.amount && c.review_reason.empty())
            violation("ii", c.invoice_id,
                      "order " + o.order_id + ": invoiced " + rupees(c.amount) + ", paid " +
                          rupees(c.paid_total()) + ", and no review reason");
    }
    if (report.jodo_paid_total != report.db_paid_total + report.unresolved_total)
        violation("ii", "(all)",
                  "Jodo's total paid " + rupees(report.jodo_paid_total) + " != the database's " +
                      rupees(report.db_paid_total) + " + unresolved " +
                      rupees(report.unresolved_total));

    // (iii) one of each per invoice.
    std::map<std::string, int> orders_per_invoice, payable_per_invoice;
    for (const JodoOrderView* o : jodo) {
        const std::string invoice = invoice_of(*o);
        ++orders_per_invoice[invoice];
        if (o->status == "unpaid")
            ++payable_per_invoice[invoice];
    }
    for (const auto& [invoice, collections] : by_invoice) {
        const auto active = std::count_if(collections.begin(), collections.end(),
                                          [](const DbCollection* c) { return c->active; });
        if (active > 1)
            violation("iii", invoice, std::to_string(active) + " active collections");
        const auto paid = std::count_if(collections.begin(), collections.end(),
                                        [](const DbCollection* c) { return c->is_paid(); });
        if (paid > 1 && !flagged(invoice))
            violation("iii", invoice,
                      std::to_string(paid) + " paid collections and none flagged for review");
    }
    for (const auto& [invoice, count] : orders_per_invoice)
        if (count > 1 && !flagged(invoice))
            violation("iii", invoice,
                      std::to_string(count) + " orders at Jodo and none flagged for review");
    for (const auto& [invoice, count] : payable_per_invoice)
        if (count > 1 && !flagged(invoice))
            violation("iii", invoice,
                      std::to_string(count) + " payable orders at Jodo and none flagged");

    // (iv) nothing hangs without a reason.
    for (const auto& c : db.collections) {
        if (c.status == "creating")
            violation(
                "iv", c.invoice_id,
                "collection " + c.collection_id + " is still 'creating' (no outcome recorded)");
        else if ((c.status == "unknown" || c.status == "failed" || c.status == "rejected" ||
                  c.status == "abandoned") &&
                 !c.has_reason())
            violation("iv", c.invoice_id,
                      "collection " + c.collection_id + " is " + c.status + " without a reason");
    }
    for (const auto& invoice : db.invoices)
        if (!by_invoice.count(invoice))
            violation("iv", invoice, "never collected and no reason recorded");
    // What still needs a person: invoices held by an 'unknown' collection.
    for (const auto& c : db.collections)
        if (c.status == "unknown" && c.active)
            ++report.unknown_invoices;
    return report;
}

}  // namespace chaos
