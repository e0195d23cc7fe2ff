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

// Sort keys -> column of erp_invoices (the student's name is the invoice's
// own, migration 005). The invoice id breaks ties, so that paging never
// shows a row twice; each has an index (column, invoice_id) that the
// database can read in either direction (migration 004). NULLs sort where
// the database puts them (first on SQLite and MariaDB, last on PostgreSQL):
// a CASE around the column would cost the index.
struct SortKey {
    const char* name;
    const char* column;
};
constexpr SortKey kSortKeys[] = {{"invoice", "i.invoice_id"},
                                 {"student", "i.student_name"},
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
};

// Every condition reads erp_invoices alone (the payers through IN
// subqueries), so counting needs no join.
Where where_of(const InvoiceQuery& q, bool like_ignores_case) {
    Where w;
    auto add = [&](const std::string& condition) {
        w.sql += (w.sql.empty() ? " WHERE " : " AND ") + condition;
    };
    if (!q.q.empty()) {
        // LIKE '%...%' reads every row whatever the index: one pass over the
        // invoices, with the payers' names read once (IN). Measured with
        // 100,000 invoices, this beats IN (... UNION ...) on MariaDB tenfold
        // (it runs such a subquery again for every row) and on PostgreSQL
        // twice, and costs SQLite 10 ms. SQLite's LIKE already ignores ASCII
        // case (and its LOWER folds nothing more), so LOWER is only paid
        // where it is needed.
        auto like = [&](const std::string& column) {
            return like_ignores_case ? column + " LIKE ? ESCAPE '!'"
                                     : "LOWER(" + column + ") LIKE LOWER(?) ESCAPE '!'";
        };
        add("(i.payer_id IN (SELECT payer_id FROM erp_payers WHERE " + like("name") + ") OR " +
            like("i.invoice_id") + " OR " + like("i.jodo_order_id") + " OR " +
            like("i.student_name") + ")");
        for (int i = 0; i < 4; ++i)
            w.params.push_back(erp_sql::unicode_param(like_pattern(q.q)));
    }
    if (!q.grade.empty()) {
        add("i.payer_id IN (SELECT payer_id FROM erp_payers WHERE grade = ?)");
        w.params.push_back(erp_sql::unicode_param(q.grade));
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

std::int64_t pages_of(std::int64_t total) {
    return std::max<std::int64_t>(1, (total + kInvoicesPerPage - 1) / kInvoicesPerPage);
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

InvoiceResults search_invoices(Poco::Data::Session& session, const InvoiceQuery& query,
                               bool like_ignores_case) {
    const Where where = where_of(query, like_ignores_case);
    const SortKey* key = sort_key(query.sort);
    if (!key)
        key = &kSortKeys[0];
    const std::string dir = query.descending ? " DESC" : " ASC";
    const std::string column = key->column;
    std::string order = " ORDER BY " + column + dir;
    if (column != "i.invoice_id")
        order += ", i.invoice_id" + dir;
    const std::string from = " FROM erp_invoices i";
    // The page's ids first, from the indexes where they serve (a deep page
    // skips ids, not whole rows), then those 50 rows.
    auto page_ids = [&](std::int64_t page, bool with_count) {
        std::vector<NativeParam> params = where.params;
        params.push_back(erp_sql::integer_param(kInvoicesPerPage));
        params.push_back(erp_sql::integer_param((page - 1) * kInvoicesPerPage));
        return erp_sql::NativeStatement(session, std::string("SELECT i.invoice_id") +
                                                     (with_count ? ", COUNT(*) OVER ()" : "") +
                                                     from + where.sql + order + " LIMIT ? OFFSET ?")
            .run(params);
    };
    InvoiceResults results;
    erp_sql::NativeRows ids;
    if (!query.q.empty()) {
        // A search reads every row anyway: the count comes with the page, in
        // one pass (a window function: SQLite 3.25, PostgreSQL, MariaDB 10.2).
        ids = page_ids(query.page, true);
        if (!ids.rows.empty() && ids.rows[0][1]) {
            results.total = std::stoll(*ids.rows[0][1]);
            results.pages = pages_of(results.total);
            results.page = query.page;
        }
    }
    if (ids.rows.empty()) {
        // No search, or a page past the end: an unfiltered COUNT is read from
        // the smallest index.
        const auto counted =
            erp_sql::NativeStatement(session, "SELECT COUNT(*) FROM erp_invoices i" + where.sql)
                .run(where.params);
        if (!counted.rows.empty() && counted.rows[0][0])
            results.total = std::stoll(*counted.rows[0][0]);
        results.pages = pages_of(results.total);
        results.page = std::min(query.page, results.pages);
        if (results.total == 0)
            return results;
        ids = page_ids(results.page, false);
    }
    if (ids.rows.empty())
        return results;
    std::string in;
    std::vector<NativeParam> params;
    for (const auto& r : ids.rows) {
        in += in.empty() ? "?" : ", ?";
        params.push_back(erp_sql::unicode_param(r[0].value_or("")));
    }
    const std::string rows_sql =
        std::string(kInvoiceSelect) + " WHERE i.invoice_id IN (" + in + ")" + order;
    for (const auto& row : erp_sql::NativeStatement(session, rows_sql).run(params).rows)
        results.rows.push_back(invoice_of_row(row));
    return results;
}

}  // namespace host_sim::screen
