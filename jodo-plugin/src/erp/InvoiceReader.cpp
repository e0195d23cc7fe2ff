#include "erp/InvoiceReader.hpp"

#include "sql/NullableText.hpp"

#include <Poco/Data/RecordSet.h>
#include <Poco/Nullable.h>
#include <Poco/Tuple.h>

#include "api/wire_error.hpp"

using namespace Poco::Data::Keywords;

namespace jodo {

namespace {
using Text = erp_sql::NullableText;
using erp_sql::or_empty;
using erp_sql::text_or_null;
std::optional<int> or_none(const Poco::Nullable<int>& value) {
    return value.isNull() ? std::nullopt : std::optional<int>(value.value());
}
}  // namespace

std::optional<Invoice> InvoiceReader::load(const std::string& invoice_id) {
    std::string id = invoice_id;
    using Head = Poco::Tuple<std::string, std::string, Poco::Nullable<std::string>,
                             Poco::Nullable<int>, Poco::Nullable<int>, std::string,
                             Poco::Nullable<std::string>, Poco::Nullable<std::string>,
                             Poco::Nullable<std::string>, Poco::Nullable<std::string>>;
    std::vector<Head> heads;
    session_ << "SELECT i.invoice_id, i.payer_id, i.description, i.academic_year_start, "
                "i.academic_year_end, p.name, p.phone, p.email, p.student_name, p.grade "
                "FROM erp_invoices i JOIN erp_payers p ON p.payer_id = i.payer_id "
                "WHERE i.invoice_id = ?",
        use(id), into(heads), now;
    if (heads.empty())
        return std::nullopt;
    const Head& h = heads.front();

    Invoice invoice;
    invoice.invoice_id = h.get<0>();
    invoice.payer_id = h.get<1>();
    invoice.description = or_empty(h.get<2>());
    invoice.academic_year_start = or_none(h.get<3>());
    invoice.academic_year_end = or_none(h.get<4>());
    invoice.payer_name = h.get<5>();
    invoice.phone = or_empty(h.get<6>());
    invoice.email = or_empty(h.get<7>());
    invoice.student_name = or_empty(h.get<8>());
    invoice.grade = or_empty(h.get<9>());

    std::vector<Poco::Tuple<int, std::string, std::string>> lines;
    session_ << "SELECT line_no, fee_component, amount FROM erp_invoice_lines "
                "WHERE invoice_id = ? ORDER BY line_no",
        use(id), into(lines), now;
    for (const auto& row : lines) {
        std::string reason;
        auto paise = parse_rupees(row.get<2>(), &reason);
        if (!paise)
            throw WireError("invoice line " + std::to_string(row.get<0>()) + " amount",
                            "\"" + row.get<2>() + "\" " + reason);
        invoice.lines.push_back({row.get<0>(), row.get<1>(), *paise});
    }
    return invoice;
}

std::vector<std::string> InvoiceReader::uncollected(int limit) {
    std::vector<std::string> ids;
    session_ << "SELECT i.invoice_id FROM erp_invoices i WHERE NOT EXISTS (SELECT 1 FROM "
                "jodo_collections c "
                "WHERE c.invoice_id = i.invoice_id AND (c.active = 1 OR c.status IN ('rejected', "
                "'paid', "
                "'settled'))) ORDER BY i.invoice_id LIMIT " +
                    std::to_string(limit),
        into(ids), now;
    return ids;
}

}  // namespace jodo
