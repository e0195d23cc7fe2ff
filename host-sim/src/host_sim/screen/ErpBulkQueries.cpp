// What a bulk collection will act on, and how those invoices stand after it,
// read from the reference ERP. The filter must stay the reference profile's
// jodo.erp.open_invoices (jodo-plugin .../profiles/ReferenceProfile.cpp): the
// preview promises what collect_all then does.
#include "erp_sql/NativeStatement.hpp"
#include "host_sim/screen/ErpInvoices.hpp"
#include "host_sim/screen/IndianFormat.hpp"

namespace host_sim::screen {

namespace {

struct Filter {
    std::string where;
    std::vector<erp_sql::NativeParam> params;
};

// An empty value is no filter, as BulkJobs leaves it out of collect_all's
// parameters and the profile reads a missing one as NULL.
Filter filter_of(const std::string& grade, const std::string& academic_year_start, bool open_only) {
    Filter f;
    f.where = " WHERE 1 = 1";
    if (open_only)
        f.where += " AND i.outstanding_amount > 0";
    if (!grade.empty()) {
        f.where += " AND p.grade = ?";
        f.params.push_back({grade, erp_sql::NativeParam::Type::text});
    }
    if (!academic_year_start.empty()) {
        f.where += " AND i.academic_year_start = CAST(? AS INTEGER)";
        f.params.push_back({academic_year_start, erp_sql::NativeParam::Type::text});
    }
    return f;
}

const char* const kFrom = " FROM erp_invoices i JOIN erp_payers p ON p.payer_id = i.payer_id";

// A whole number of paise as the database prints a rounded sum: "7800000000",
// "7800000000.0" (SQLite's REAL), "7800000000.00" (a DECIMAL).
std::int64_t whole_paise(const std::optional<std::string>& text) {
    if (!text || text->empty())
        return 0;  // SUM over no rows
    const auto hundredths = paise_of(*text);
    if (!hundredths || *hundredths % 100 != 0)
        throw std::runtime_error("the ERP's total of open invoices is not whole paise: " + *text);
    return *hundredths / 100;
}

}  // namespace

ErpInvoices::OpenTotal ErpInvoices::open_total(const std::string& grade,
                                               const std::string& academic_year_start) {
    const Filter f = filter_of(grade, academic_year_start, true);
    std::lock_guard<std::mutex> lock(mutex_);
    // Paise are summed, rounded per invoice: exact on every database, where a
    // SUM of SQLite's floating-point DECIMAL would not be.
    const auto rows =
        erp_sql::NativeStatement(
            erp_.session(), std::string("SELECT COUNT(*), SUM(ROUND(i.outstanding_amount * 100))") +
                                kFrom + f.where)
            .run(f.params);
    OpenTotal total;
    if (rows.rows.empty())
        return total;
    total.count = std::stoll(rows.rows.front()[0].value_or("0"));
    total.paise = whole_paise(rows.rows.front()[1]);
    return total;
}

std::vector<std::string> ErpInvoices::open_ids(const std::string& grade,
                                               const std::string& academic_year_start) {
    const Filter f = filter_of(grade, academic_year_start, true);
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<std::string> out;
    for (const auto& r :
         erp_sql::NativeStatement(erp_.session(), std::string("SELECT i.invoice_id") + kFrom +
                                                      f.where + " ORDER BY i.invoice_id")
             .run(f.params)
             .rows)
        if (r[0])
            out.push_back(*r[0]);
    return out;
}

std::vector<ErpInvoice> ErpInvoices::of_class(const std::string& grade,
                                              const std::string& academic_year_start,
                                              const std::set<std::string>& ids) {
    const Filter f = filter_of(grade, academic_year_start, false);
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<ErpInvoice> out;
    // One query for the class, the job's invoices kept: no IN list of thousands.
    for (const auto& r :
         erp_sql::NativeStatement(erp_.session(),
                                  std::string("SELECT i.invoice_id, p.student_name, "
                                              "i.outstanding_amount, i.jodo_status, i.jodo_note") +
                                      kFrom + f.where + " ORDER BY i.invoice_id")
             .run(f.params)
             .rows) {
        if (!r[0] || ids.count(*r[0]) == 0)
            continue;
        ErpInvoice inv;
        inv.invoice_id = *r[0];
        inv.student_name = r[1].value_or("");
        inv.amount_due = r[2].value_or("");
        inv.status = r[3].value_or("");
        inv.note = r[4].value_or("");
        out.push_back(std::move(inv));
    }
    return out;
}

}  // namespace host_sim::screen
