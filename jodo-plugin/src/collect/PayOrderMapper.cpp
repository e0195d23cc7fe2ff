#include "collect/PayOrderMapper.hpp"

#include "collect/InvoiceValidator.hpp"

namespace jodo {

PayOrderRequest map_invoice_to_pay_order(const Invoice& invoice, const std::string& collection_id,
                                         const std::string& callback_url) {
    PayOrderRequest request;
    request.name = invoice.payer_name;
    request.phone = normalise_phone(invoice.phone);
    request.email = invoice.email;
    request.identifier = invoice.invoice_id;
    request.student_name = invoice.student_name;
    request.grade = invoice.grade;
    request.academic_year_start = invoice.academic_year_start;
    request.academic_year_end = invoice.academic_year_end;
    for (const auto& line : invoice.lines)
        request.details.push_back({line.fee_component, line.amount});
    request.notes = {{kNoteInvoiceId, invoice.invoice_id}, {kNoteCollectionId, collection_id}};
    request.callback_url = callback_url;
    return request;
}

}  // namespace jodo
