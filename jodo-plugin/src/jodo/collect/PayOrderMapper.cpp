#include "jodo/collect/PayOrderMapper.hpp"

#include "jodo/api/bounded_text.hpp"
#include "jodo/collect/AmountDue.hpp"
#include "jodo/collect/InvoiceValidator.hpp"

namespace jodo {

PayOrderRequest map_invoice_to_pay_order(const Invoice& invoice, const std::string& collection_id,
                                         const std::string& callback_url) {
    namespace limit = jodo_text_limit;
    PayOrderRequest request;
    request.name = bounded_text(invoice.payer_name, limit::name);
    request.phone = normalise_phone(invoice.phone);
    request.email = invoice.email;
    request.identifier = bounded_text(invoice.student_id, limit::identifier);
    request.custom_identifier = bounded_text(invoice.custom_identifier, limit::custom_identifier);
    request.student_name = bounded_text(invoice.student_name, limit::student_name);
    request.grade = bounded_text(invoice.grade, limit::grade);
    request.date_of_birth = invoice.date_of_birth;
    request.new_admission = invoice.new_admission;
    request.academic_year_start = invoice.academic_year_start;
    request.academic_year_end = invoice.academic_year_end;
    for (const auto& line : lines_for_amount_due(invoice))
        request.details.push_back(
            {bounded_text(line.fee_component, limit::component_type), line.amount});
    request.notes = {{kNoteInvoiceId, invoice.invoice_id}, {kNoteCollectionId, collection_id}};
    request.callback_url = callback_url;
    return request;
}

}  // namespace jodo
