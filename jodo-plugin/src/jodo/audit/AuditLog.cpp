#include "jodo/audit/AuditLog.hpp"

#include <climits>
#include <map>
#include <sstream>
#include <utility>

#include <Poco/Data/Statement.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/Tuple.h>

#include "erp_sql/NullableText.hpp"
#include "erp_sql/TextParam.hpp"
#include "erp_sql/Transaction.hpp"

using namespace Poco::Data::Keywords;

namespace jodo {

namespace {
using Text = erp_sql::NullableText;
using erp_sql::or_empty;

// Whose order is it: (invoice id, collection id), empty when not ours.
std::pair<std::string, std::string> owner_of(Poco::Data::Session& session,
                                             const std::string& order_id) {
    std::string id = order_id;
    std::vector<Poco::Tuple<std::string, std::string>> found;
    session << "SELECT invoice_id, collection_id FROM jodo_collections WHERE order_id = ?", use(id),
        into(found), now;
    if (found.empty())
        return {};
    return {found[0].get<0>(), found[0].get<1>()};
}

int clamp_int(long value) {
    return value > INT_MAX ? INT_MAX : value < 0 ? 0 : static_cast<int>(value);
}
}  // namespace

void AuditLog::write(const std::vector<AuditRow>& rows) {
    if (rows.empty())
        return;
    auto session = db_.session();
    // Looked up before the transaction: on SQLite a read inside it would hold
    // a shared lock while the inserts wait for the write lock, and stall every
    // other writer (webhook deliveries) until the busy timeout.
    std::map<std::string, std::pair<std::string, std::string>> owners;
    for (const auto& row : rows)
        if (row.record.invoice_id.empty() && !row.record.order_id.empty() &&
            owners.count(row.record.order_id) == 0)
            owners.emplace(row.record.order_id, owner_of(session, row.record.order_id));
    erp_sql::Transaction tx(session);
    // One statement, prepared once per connection, run per row.
    using erp_sql::integer_param;
    using erp_sql::optional_unicode_param;
    for (const auto& row : rows) {
        const AuditRecord& r = row.record;
        std::string invoice = r.invoice_id, collection = r.collection_id;
        if (const auto known = owners.find(r.order_id); invoice.empty() && known != owners.end()) {
            invoice = known->second.first;
            collection = collection.empty() ? known->second.second : collection;
        }
        db_.update_count(
            session,
            "INSERT INTO jodo_audit_log (at, direction, endpoint, event, event_id, invoice_id, "
            "collection_id, order_id, http_status, latency_ms, error_code, attempt) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            {erp_sql::text_param(row.at), erp_sql::text_param(r.direction),
             optional_unicode_param(r.endpoint), optional_unicode_param(r.event),
             optional_unicode_param(r.event_id), optional_unicode_param(invoice),
             optional_unicode_param(collection), optional_unicode_param(r.order_id),
             integer_param(r.http_status), integer_param(clamp_int(r.latency_ms)),
             optional_unicode_param(r.error_code), integer_param(r.attempt)});
    }
    tx.commit();
}

std::size_t AuditLog::delete_before(const std::string& cutoff_iso) {
    auto session = db_.session();
    return db_.update_count(session, "DELETE FROM jodo_audit_log WHERE at < ?",
                            std::vector<std::string>{cutoff_iso});
}

std::vector<AuditRow> AuditLog::for_invoice(const std::string& invoice_id, int limit) {
    auto session = db_.session();
    auto id = erp_sql::long_text(invoice_id);
    using Row = Poco::Tuple<std::string, std::string, Text, Text, Text, Text, Text, Text, int, int,
                            Text, int>;
    std::vector<Row> found;
    session << "SELECT at, direction, endpoint, event, event_id, invoice_id, collection_id, "
               "order_id, http_status, latency_ms, error_code, attempt FROM jodo_audit_log "
               "WHERE invoice_id = ? ORDER BY at DESC, id DESC LIMIT " +
                   std::to_string(limit),
        use(id), into(found), now;
    std::vector<AuditRow> out;
    out.reserve(found.size());
    for (const auto& f : found) {
        AuditRow row;
        row.at = f.get<0>();
        AuditRecord& r = row.record;
        r.direction = f.get<1>();
        r.endpoint = or_empty(f.get<2>());
        r.event = or_empty(f.get<3>());
        r.event_id = or_empty(f.get<4>());
        r.invoice_id = or_empty(f.get<5>());
        r.collection_id = or_empty(f.get<6>());
        r.order_id = or_empty(f.get<7>());
        r.http_status = f.get<8>();
        r.latency_ms = f.get<9>();
        r.error_code = or_empty(f.get<10>());
        r.attempt = f.get<11>();
        out.push_back(std::move(row));
    }
    return out;
}

std::string audit_rows_json(const std::vector<AuditRow>& rows) {
    Poco::JSON::Array list;
    for (const auto& row : rows) {
        const AuditRecord& r = row.record;
        Poco::JSON::Object o(Poco::JSON_PRESERVE_KEY_ORDER);
        o.set("at", row.at);
        o.set("direction", r.direction);
        o.set("endpoint", r.endpoint);
        o.set("event", r.event);
        o.set("event_id", r.event_id);
        o.set("invoice_id", r.invoice_id);
        o.set("collection_id", r.collection_id);
        o.set("order_id", r.order_id);
        o.set("http_status", r.http_status);
        o.set("latency_ms", static_cast<Poco::Int64>(r.latency_ms));
        o.set("error_code", r.error_code);
        o.set("attempt", r.attempt);
        list.add(o);
    }
    std::ostringstream text;
    list.stringify(text);
    return text.str();
}

WebhookHealth AuditLog::webhook_health(const std::string& since_iso) {
    auto session = db_.session();
    WebhookHealth health;
    const erp_sql::NativeRows last =
        erp_sql::NativeStatement(session,
                                 "SELECT MAX(at) FROM jodo_audit_log WHERE direction = 'in' "
                                 "AND http_status >= 200 AND http_status < 300 "
                                 // host-sim check's own signed test event is not Jodo's.
                                 "AND (event IS NULL OR event <> 'connector.check')")
            .run({});
    if (!last.rows.empty() && last.rows[0][0])
        health.last_accepted_at = *last.rows[0][0];
    const erp_sql::NativeRows refused =
        erp_sql::NativeStatement(
            session,
            "SELECT error_code, http_status, COUNT(*), MAX(at) FROM jodo_audit_log "
            "WHERE direction = 'in' AND at >= ? AND http_status >= 400 "
            "GROUP BY error_code, http_status ORDER BY COUNT(*) DESC")
            .run({erp_sql::text_param(since_iso)});
    for (const auto& r : refused.rows) {
        const std::string code = r[0].value_or("");
        health.refused.push_back({code.empty() ? "http_" + r[1].value_or("?") : code,
                                  std::stoi(r[2].value_or("0")), r[3].value_or("")});
    }
    return health;
}

}  // namespace jodo
