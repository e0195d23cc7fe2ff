// Reads of the collections: one collection or many, with their lines.
#include "jodo/erp/CollectionReader.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

#include <Poco/Data/Statement.h>
#include <Poco/Nullable.h>
#include <Poco/Tuple.h>

#include "erp_sql/NativeStatement.hpp"
#include "jodo/erp/CollectionParams.hpp"

using namespace Poco::Data::Keywords;

namespace jodo {

namespace {

Paise paise_of(const std::string& column, const std::string& text) {
    auto value = parse_rupees(text);
    if (!value)
        throw std::runtime_error("jodo_collections." + column + " holds \"" + text + "\"");
    return *value;
}

// Rows are read through the driver's own text (NativeStatement): Poco's typed
// extraction sizes its buffer in bytes by the declared length, which cut
// 1,000 characters of Devanagari to 500 and DECIMAL(14,2) amounts to 14
// characters (123456789012.3).
}  // namespace

const char* const CollectionReader::kColumns =
    "collection_id, invoice_id, kind, status, active, amount, order_id, redirect_url, "
    "expires_at, paid_at, transaction_id, error_code, error_reason, review_reason, "
    "next_check_at, check_count, created_at, updated_at";

namespace {

std::string text_at(const std::vector<std::optional<std::string>>& row, std::size_t i) {
    return row[i].value_or("");
}

int integer_at(const std::vector<std::optional<std::string>>& row, std::size_t i,
               const char* column) {
    try {
        return std::stoi(row[i].value_or("0"));
    } catch (const std::exception&) {
        throw std::runtime_error(std::string("jodo_collections.") + column + " holds \"" +
                                 row[i].value_or("") + "\"");
    }
}

// A text no version of the module wrote is refused, never guessed at.
CollectionStatus status_at(const std::vector<std::optional<std::string>>& row, std::size_t i) {
    if (auto status = status_from_text(text_at(row, i)))
        return *status;
    throw std::runtime_error("jodo_collections.status holds \"" + text_at(row, i) +
                             "\", which is no collection status");
}

CollectionKind kind_at(const std::vector<std::optional<std::string>>& row, std::size_t i) {
    if (auto kind = kind_from_text(text_at(row, i)))
        return *kind;
    throw std::runtime_error("jodo_collections.kind holds \"" + text_at(row, i) +
                             "\", which is no collection kind");
}

}  // namespace

std::vector<Collection> CollectionReader::collections_from(const erp_sql::NativeRows& rows) {
    std::vector<Collection> out;
    for (const auto& r : rows.rows) {
        Collection c;
        c.collection_id = text_at(r, 0);
        c.invoice_id = text_at(r, 1);
        c.kind = kind_at(r, 2);
        c.status = status_at(r, 3);
        c.active = integer_at(r, 4, "active") != 0;
        c.amount = paise_of("amount", text_at(r, 5));
        c.order_id = text_at(r, 6);
        c.redirect_url = text_at(r, 7);
        c.expires_at = text_at(r, 8);
        c.paid_at = text_at(r, 9);
        c.transaction_id = text_at(r, 10);
        c.error_code = text_at(r, 11);
        c.error_reason = text_at(r, 12);
        c.review_reason = text_at(r, 13);
        c.next_check_at = text_at(r, 14);
        c.check_count = integer_at(r, 15, "check_count");
        c.created_at = text_at(r, 16);
        c.updated_at = text_at(r, 17);
        out.push_back(std::move(c));
    }
    return out;
}

CollectionReader::CollectionReader(Database& db) : db_(db) {}

std::vector<Collection> CollectionReader::select_where(const std::string& where,
                                                       const std::vector<std::string>& values,
                                                       const std::string& order_by, int limit,
                                                       erp_sql::NativeStatement::Reuse reuse) {
    const std::string sql = std::string("SELECT ") + kColumns + " FROM jodo_collections WHERE " +
                            where + " ORDER BY " + order_by +
                            (limit > 0 ? " LIMIT " + std::to_string(limit) : std::string());
    // A connection cut while it sat in the pool (the server restarted) fails
    // its first statement and is then dead; a read is safe to run again, on
    // the next one the pool hands out.
    for (int attempt = 1;; ++attempt) {
        auto session = db_.session();
        try {
            std::vector<Collection> out = collections_from(
                erp_sql::NativeStatement(session, reuse, sql).run(text_params(values)));
            load_lines(session, out);
            return out;
        } catch (const erp_sql::NativeError&) {
            if (attempt >= Database::kMaxReadTries || !Database::connection_dead(session))
                throw;
        }
    }
}

void CollectionReader::load_lines(Poco::Data::Session& session, std::vector<Collection>& cs) {
    // One query for every collection read (not one per collection).
    for (std::size_t first = 0; first < cs.size(); first += 200) {
        const std::size_t last = std::min(cs.size(), first + 200);
        std::map<std::string, Collection*> by_id;
        std::vector<std::string> ids;
        std::string marks;
        for (std::size_t i = first; i < last; ++i) {
            by_id[cs[i].collection_id] = &cs[i];
            ids.push_back(cs[i].collection_id);
            marks += marks.empty() ? "?" : ", ?";
        }
        const erp_sql::NativeRows rows =
            erp_sql::NativeStatement(
                session, erp_sql::reuse_for_list(ids.size(), 200),
                "SELECT collection_id, line_no, component_type, amount, paid_amount, "
                "settlement_utr, settled_at FROM jodo_collection_lines WHERE collection_id IN (" +
                    marks + ") ORDER BY collection_id, line_no")
                .run(text_params(ids));
        for (const auto& r : rows.rows) {
            auto it = by_id.find(text_at(r, 0));
            if (it == by_id.end())
                continue;
            CollectionLine line{integer_at(r, 1, "line_no"),
                                text_at(r, 2),
                                paise_of("line amount", text_at(r, 3)),
                                -1,
                                text_at(r, 5),
                                text_at(r, 6)};
            if (r[4])
                line.paid_amount = paise_of("paid_amount", *r[4]);
            it->second->lines.push_back(line);
        }
    }
}

std::optional<Collection> CollectionReader::active_for(const std::string& invoice_id) {
    auto rows = select_where("invoice_id = ? AND active = 1", {invoice_id});
    if (rows.empty())
        return std::nullopt;
    return rows.front();
}

std::optional<Collection> CollectionReader::latest_for(const std::string& invoice_id) {
    auto rows = select_where("invoice_id = ?", {invoice_id});
    if (rows.empty())
        return std::nullopt;
    return rows.front();
}

std::optional<Collection> CollectionReader::by_order_id(const std::string& order_id) {
    auto rows = select_where("order_id = ?", {order_id});
    if (rows.empty())
        return std::nullopt;
    return rows.front();
}

std::optional<Collection> CollectionReader::by_id(const std::string& collection_id) {
    auto rows = select_where("collection_id = ?", {collection_id});
    if (rows.empty())
        return std::nullopt;
    return rows.front();
}

std::map<std::string, Collection> CollectionReader::active_for_many(
    const std::vector<std::string>& invoice_ids) {
    std::map<std::string, Collection> out;
    for (std::size_t first = 0; first < invoice_ids.size(); first += 200) {
        const std::size_t last = std::min(invoice_ids.size(), first + 200);
        std::vector<std::string> ids(invoice_ids.begin() + long(first),
                                     invoice_ids.begin() + long(last));
        for (auto& c : select_where("active = 1 AND invoice_id IN " + in_list_sql(ids.size()), ids,
                                    "invoice_id", 0, erp_sql::reuse_for_list(ids.size(), 200)))
            out.emplace(c.invoice_id, std::move(c));
    }
    return out;
}

// The review queue: what a person must look at.
std::vector<Collection> CollectionReader::needing_review(int limit) {
    return select_where("(review_reason IS NOT NULL AND review_reason <> '') OR status = ?",
                        {to_text(CollectionStatus::unknown)}, "updated_at DESC, collection_id",
                        limit);
}

}  // namespace jodo
