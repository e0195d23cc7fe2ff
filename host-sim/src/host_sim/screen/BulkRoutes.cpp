// Bulk collection as the accountant goes through it: pick a class, read the
// count and total, confirm, watch, read what was done. Nothing starts
// without the confirmation, and a confirmation for a count or total that
// changed since the preview shows the new preview instead.
#include <set>

#include "host_sim/screen/BulkPages.hpp"
#include "host_sim/screen/Html.hpp"
#include "host_sim/screen/InvoiceScreen.hpp"

namespace host_sim::screen {

namespace {

ScreenResponse html(int status, std::string body) {
    ScreenResponse r;
    r.status = status;
    r.body = std::move(body);
    return r;
}

BulkChoice choice_of(const std::vector<std::pair<std::string, std::string>>& form) {
    return {form_value(form, "grade"), form_value(form, "academic_year_start")};
}

}  // namespace

ScreenResponse InvoiceScreen::bulk_form(PageContext& context, const std::string& error) {
    if (!offers("collect_all", "batch"))
        return html(400,
                    message_page("Not offered", "The plugin offers no bulk collection.", context));
    return html(error.empty() ? 200 : 400,
                bulk_form_page(erp_.grades(), erp_.academic_years(), error, context));
}

ScreenResponse InvoiceScreen::bulk_preview(const ScreenRequest& request, PageContext& context) {
    const BulkChoice choice = choice_of(parse_form(request.query));
    if (choice.grade.empty())
        return bulk_form(context,
                         "Choose a class first: bulk collection works one class at a time.");
    return html(200,
                bulk_preview_page(choice, erp_.open_total(choice.grade, choice.academic_year_start),
                                  context));
}

ScreenResponse InvoiceScreen::start_bulk(const ScreenRequest& request, PageContext& context) {
    if (!offers("collect_all", "batch"))
        return html(400,
                    message_page("Not offered", "The plugin offers no bulk collection.", context));
    const auto form = parse_form(request.body);
    const BulkChoice choice = choice_of(form);
    if (choice.grade.empty())
        return bulk_form(context,
                         "Choose a class first: bulk collection works one class at a time.");
    const auto total = erp_.open_total(choice.grade, choice.academic_year_start);
    const bool confirmed = form_value(form, "confirm") == "yes" &&
                           form_value(form, "count") == std::to_string(total.count) &&
                           form_value(form, "paise") == std::to_string(total.paise);
    if (!confirmed) {
        if (form_value(form, "confirm") == "yes")
            context.flash = Flash{
                "The open invoices of this class changed since the count was "
                "shown. Check the new count and total, then confirm again.",
                true, ""};
        return html(200, bulk_preview_page(choice, total, context));
    }
    const std::string job =
        jobs_.start({{"grade", choice.grade}, {"academic_year_start", choice.academic_year_start}},
                    erp_.open_ids(choice.grade, choice.academic_year_start));
    ScreenResponse r;
    r.status = 303;  // a reload of the progress page never starts a second run
    r.headers.emplace_back("Location", "/erp/bulk?job=" + url_component(job));
    return r;
}

ScreenResponse InvoiceScreen::bulk_job_page(const BulkJob& job, PageContext& context) {
    std::vector<ErpInvoice> results;
    if (job.finished) {
        BulkChoice choice;
        for (const auto& [name, value] : job.filters)
            (name == "grade" ? choice.grade : choice.academic_year_start) = value;
        results = erp_.of_class(choice.grade, choice.academic_year_start,
                                std::set<std::string>(job.invoices.begin(), job.invoices.end()));
    }
    return html(200, bulk_page(job, results, context));
}

}  // namespace host_sim::screen
