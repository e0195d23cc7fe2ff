// The invoice screen host-sim serves beside the webhook endpoint (same port):
// what an accountant sees of each invoice (from the reference ERP's own
// tables, and from the plugin's read-only actions what only the plugin knows),
// the plugin's invoice actions as buttons, bulk collection with a live
// progress bar, and the page Jodo's checkout returns the payer to. Every page
// carries the navigation bar (Html.cpp page()); amounts read in ₹ with Indian
// grouping and times in the school's timezone (IndianFormat.hpp).
//
//   GET  /                          -> /erp/invoices
//   GET  /erp/invoices?q=&grade=&year=&status=&needs=1&sort=&dir=&page=
//                                   the invoice list: search, filters, sort,
//                                   50 a page, done in SQL (InvoiceSearch.hpp)
//   GET  /erp/review                what needs a person (the plugin's review queue)
//   GET  /erp/invoice?id=ID         one invoice (lines, UTRs, audit log, buttons)
//   POST /erp/invoice/action        id, action, token[, confirm=yes]: runs the
//                                   action when the invoice's state allows it;
//                                   Release, Cancel... first answer with a
//                                   confirmation page; back to the invoice with
//                                   its message (collect: to the checkout)
//   GET  /erp/bulk                  the bulk form (a class must be picked)
//   GET  /erp/bulk/preview?grade=G[&academic_year_start=Y]   count and total
//   POST /erp/bulk                  grade, academic_year_start, confirm=yes,
//                                   count, paise, token: starts collect_all
//   GET  /erp/bulk?job=J            its progress bar, then what it did
//   GET  /erp/bulk/progress?job=J   its progress as JSON (polled by the page)
//   GET  /erp/payment-return?order_id=O[&status=S]   jodo.callback_url
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "host_sim/host/SimHostServices.hpp"
#include "host_sim/loader/PluginLoader.hpp"
#include "host_sim/screen/BulkJobs.hpp"
#include "host_sim/screen/ErpInvoices.hpp"
#include "host_sim/screen/Pages.hpp"
#include "host_sim/screen/RequestGuard.hpp"
#include "host_sim/screen/ScreenHttp.hpp"

namespace host_sim::screen {

class InvoiceScreen {
  public:
    // Listens to `services`' progress reports until destroyed.
    InvoiceScreen(PluginPtr plugin, SimHostServices& services, const std::string& connection_string,
                  RequestGuard guard = RequestGuard());
    ~InvoiceScreen();
    InvoiceScreen(const InvoiceScreen&) = delete;
    InvoiceScreen& operator=(const InvoiceScreen&) = delete;

    // True for the paths the screen serves (/ and /erp/...).
    static bool serves(const std::string& path);
    // Never throws: a failure becomes a 500 page.
    ScreenResponse handle(const ScreenRequest& request);
    // Waits for bulk jobs; call before the plugin stops.
    void stop();
    // [host] school_name: names the school in the message a parent gets.
    void set_school_name(std::string name) { school_name_ = std::move(name); }

  private:
    ScreenResponse route(const ScreenRequest& request, PageContext& context);
    ScreenResponse list(const std::vector<std::pair<std::string, std::string>>& query,
                        PageContext& context);
    ScreenResponse review(PageContext& context);
    ScreenResponse invoice(const std::string& invoice_id, PageContext& context);
    ScreenResponse run_invoice_action(const ScreenRequest& request, PageContext& context);
    // Bulk (BulkRoutes.cpp).
    ScreenResponse bulk_form(PageContext& context, const std::string& error = "");
    ScreenResponse bulk_preview(const ScreenRequest& request, PageContext& context);
    ScreenResponse start_bulk(const ScreenRequest& request, PageContext& context);
    ScreenResponse bulk_job_page(const BulkJob& job, PageContext& context);
    ScreenResponse payment_return(const ScreenRequest& request, PageContext& context);
    InvoiceView invoice_view(const ErpInvoice& invoice);
    bool offers(const std::string& action, const std::string& record_type) const;
    std::string remember(const Flash& flash);  // -> id for ?flash=
    std::optional<Flash> recall(const std::string& id);

    PluginPtr plugin_;
    SimHostServices& services_;
    ErpInvoices erp_;
    RequestGuard guard_;
    BulkJobs jobs_;
    std::mutex flash_mutex_;
    std::map<std::string, Flash> flashes_;
    std::uint64_t flash_count_ = 0;
    std::string school_name_ = "the school";
};

}  // namespace host_sim::screen
