#include "host_sim/screen/InvoiceSearch.hpp"

#include <algorithm>

#include "erp_sql/NativeStatement.hpp"
#include "host_sim/screen/Html.hpp"
#include "host_sim/screen/ScreenHttp.hpp"

namespace host_sim::screen {

namespace {

using erp_sql::NativeParam;

// The plugin's review queue holds collections with a review reason or an
// unknown outcome. The ERP sees them through the `reference` profile's
// on_status write-back: jodo_status, and jodo_note = the review reason or the
// error reason. Failed and rejected collections also wait for a person (Jodo
// refused, or the invoice itself is wrong). The queue's student items are not
// invoices: they are on /erp/review only.
const char* const kNeedsPersonSql =
    "(i.jodo_status IN ('unknown', 'failed', 'rejected') OR "
    "(i.jodo_note IS NOT NULL AND i.jodo_note <> ''))";

// Sort keys -> column. The invoice id breaks ties, so that paging never
// shows a row twice; each has an index (column, invoice_id) that the
// database can read in either direction (migration 004). NULLs sort where
// the database puts them (first on SQLite and MariaDB, last on PostgreSQL):
// a CASE around the column would cost the index.
struct SortKey {
    const char* name;
    const char* column;
};
constexpr SortKey kSortKeys[] = {{"invoice", "i.invoice_id"},
                                 {"student", "p.student_name"},
                                 {"amount", "i.outstanding_amount"},
                                 {"status", "i.jodo_status"},
                                 {"issued", "i.issued_on"}};

const SortKey* sort_key(const std::string& name) {
    for (const auto& k : kSortKeys)
        if (name == k.name)
            return &k;
    return nullptr;
}

bool all_digits(const std::string& s, std::size_t max_length) {
    return !s.empty() && s.size() <= max_length &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// LIKE's own characters in what the accountant typed match themselves.
std::string like_pattern(const std::string& text) {
    std::string out = "%";
    for (char c : text) {
        if (c == '%' || c == '_' || c == '!')
            out += '!';
        out += c;
    }
    return out + "%";
}

struct Where {
    std::string sql;
    std::vector<NativeParam> params;
    bool needs_payer = false;  // a condition on erp_payers
};

Where where_of(const InvoiceQuery& q) {
    Where w;
    auto add = [&](const std::string& condition) {
        w.sql += (w.sql.empty() ? " WHERE " : " AND ") + condition;
    };
    if (!q.q.empty()) {
        add("(LOWER(i.invoice_id) LIKE LOWER(?) ESCAPE '!' OR "
            "LOWER(p.student_name) LIKE LOWER(?) ESCAPE '!' OR "
            "LOWER(p.name) LIKE LOWER(?) ESCAPE '!' OR "
            "LOWER(i.jodo_order_id) LIKE LOWER(?) ESCAPE '!')");
        for (int i = 0; i < 4; ++i)
            w.params.push_back(erp_sql::unicode_param(like_pattern(q.q)));
        w.needs_payer = true;
    }
    if (!q.grade.empty()) {
        add("p.grade = ?");
        w.params.push_back(erp_sql::unicode_param(q.grade));
        w.needs_payer = true;
    }
    if (!q.year.empty()) {
        add("i.academic_year_start = ?");
        w.params.push_back(erp_sql::integer_param(std::stoll(q.year)));
    }
    if (q.status == "none")
        add("i.jodo_status IS NULL");
    else if (!q.status.empty()) {
        add("i.jodo_status = ?");
        w.params.push_back(erp_sql::text_param(q.status));
    }
    if (q.needs)
        add(kNeedsPersonSql);
    return w;
}

}  // namespace

InvoiceQuery InvoiceQuery::from(const std::vector<std::pair<std::string, std::string>>& query) {
    InvoiceQuery q;
    // Bounded: a search term is a name or an id, never a page of text.
    q.q = form_value(query, "q").substr(0, 200);
    const auto first = q.q.find_first_not_of(" \t");
    q.q = first == std::string::npos ? ""
                                     : q.q.substr(first, q.q.find_last_not_of(" \t") - first + 1);
    q.grade = form_value(query, "grade").substr(0, 40);
    q.year = form_value(query, "year");
    if (!all_digits(q.year, 4))
        q.year.clear();
    q.status = form_value(query, "status").substr(0, 20);
    q.needs = form_value(query, "needs") == "1";
    if (sort_key(form_value(query, "sort")))
        q.sort = form_value(query, "sort");
    q.descending = form_value(query, "dir") == "desc";
    const std::string page = form_value(query, "page");
    if (all_digits(page, 9))
        q.page = std::max<std::int64_t>(1, std::stoll(page));
    return q;
}

bool InvoiceQuery::filtered() const {
    return !q.empty() || !grade.empty() || !year.empty() || !status.empty() || needs;
}

std::string InvoiceQuery::url(
    const std::vector<std::pair<std::string, std::string>>& replace) const {
    std::vector<std::pair<std::string, std::string>> params = {
        {"q", q},
        {"grade", grade},
        {"year", year},
        {"status", status},
        {"needs", needs ? "1" : ""},
        {"sort", sort == "invoice" ? "" : sort},
        {"dir", descending ? "desc" : ""},
        {"page", page == 1 ? "" : std::to_string(page)}};
    for (const auto& [name, value] : replace)
        for (auto& p : params)
            if (p.first == name)
                p.second = value;
    std::string out;
    for (const auto& [name, value] : params)
        if (!value.empty())
            out += (out.empty() ? "?" : "&") + name + "=" + url_component(value);
    return "/erp/invoices" + out;
}

InvoiceResults search_invoices(Poco::Data::Session& session, const InvoiceQuery& query) {
    const Where where = where_of(query);
    InvoiceResults results;
    // The count joins the payers only when a condition needs them: every
    // invoice has its payer (NOT NULL, a foreign key).
    const std::string count_sql =
        std::string("SELECT COUNT(*) FROM erp_invoices i") +
        (where.needs_payer ? " JOIN erp_payers p ON p.payer_id = i.payer_id" : "") + where.sql;
    const auto counted = erp_sql::NativeStatement(session, count_sql).run(where.params);
    if (!counted.rows.empty() && counted.rows[0][0])
        results.total = std::stoll(*counted.rows[0][0]);
    results.pages =
        std::max<std::int64_t>(1, (results.total + kInvoicesPerPage - 1) / kInvoicesPerPage);
    results.page = std::min(query.page, results.pages);
    if (results.total == 0)
        return results;

    const SortKey* key = sort_key(query.sort);
    if (!key)
        key = &kSortKeys[0];
    const std::string dir = query.descending ? " DESC" : " ASC";
    const std::string column = key->column;
    std::string order = " ORDER BY " + column + dir;
    if (column != "i.invoice_id")
        order += ", i.invoice_id" + dir;
    // The page's 50 ids first, from the indexes alone (a deep page skips ids,
    // not whole joined rows), then their rows. A derived table, not IN
    // (...LIMIT): MariaDB refuses LIMIT in an IN subquery.
    const bool payer = where.needs_payer || column.rfind("p.", 0) == 0;
    const std::string ids =
        "SELECT i.invoice_id FROM erp_invoices i" +
        std::string(payer ? " JOIN erp_payers p ON p.payer_id = i.payer_id" : "") + where.sql +
        order + " LIMIT ? OFFSET ?";
    std::vector<NativeParam> params = where.params;
    params.push_back(erp_sql::integer_param(kInvoicesPerPage));
    params.push_back(erp_sql::integer_param((results.page - 1) * kInvoicesPerPage));
    const std::string sql = std::string(kInvoiceColumns) + "FROM (" + ids +
                            ") pg JOIN erp_invoices i ON i.invoice_id = pg.invoice_id "
                            "JOIN erp_payers p ON p.payer_id = i.payer_id" +
                            order;
    for (const auto& row : erp_sql::NativeStatement(session, sql).run(params).rows)
        results.rows.push_back(invoice_of_row(row));
    return results;
}

}  // namespace host_sim::screen
