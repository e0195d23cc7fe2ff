#include "host_sim/screen/InvoiceScreen.hpp"

#include <random>

#include "host_sim/screen/ActionRules.hpp"
#include "host_sim/screen/Html.hpp"
#include "host_sim/screen/ListPage.hpp"
#include "host_sim/screen/SettlementPage.hpp"
#include "host_sim/screen/WebhookHealthPage.hpp"

namespace host_sim::screen {

namespace {

constexpr std::size_t kMaxFlashes = 200;

ScreenResponse html_response(int status, std::string body) {
    ScreenResponse r;
    r.status = status;
    r.body = std::move(body);
    return r;
}

ScreenResponse redirect(const std::string& location) {
    ScreenResponse r;
    r.status = 303;  // the browser follows with a GET: a reload never posts again
    r.headers.emplace_back("Location", location);
    r.body = "<a href=\"" + html_escape(location) + "\">continue</a>\n";
    return r;
}

std::string random_hex(int bytes) {
    static thread_local std::mt19937_64 random{std::random_device{}()};
    static const char* const kHex = "0123456789abcdef";
    std::string out;
    for (int i = 0; i < bytes; ++i) {
        const unsigned b = static_cast<unsigned>(random() & 0xFFu);
        out += kHex[b >> 4];
        out += kHex[b & 0xFu];
    }
    return out;
}

std::string output(const erp_plugin::ActionResult& result, const std::string& key) {
    const auto* v = erp_plugin::find_field(result.outputs, key);
    return v ? *v : std::string();
}

bool awaiting_payment(const std::string& status) {
    return status.empty() || status == "unpaid" || status == "creating" || status == "unknown";
}

}  // namespace

InvoiceScreen::InvoiceScreen(PluginPtr plugin, SimHostServices& services,
                             const std::string& connection_string, RequestGuard guard)
    : plugin_(std::move(plugin)),
      services_(services),
      erp_(connection_string),
      guard_(std::move(guard)),
      jobs_(plugin_) {
    services_.on_progress([this](const erp_plugin::JobProgress& p) { jobs_.on_progress(p); });
}

InvoiceScreen::~InvoiceScreen() {
    stop();
    services_.on_progress({});
}

void InvoiceScreen::stop() {
    jobs_.wait_all();
}

bool InvoiceScreen::serves(const std::string& path) {
    return path == "/" || path == "/erp" || path.rfind("/erp/", 0) == 0;
}

ScreenResponse InvoiceScreen::handle(const ScreenRequest& request) {
    PageContext context;
    context.token = guard_.token();
    context.nonce = random_hex(16);
    ScreenResponse response;
    try {
        const std::string refused = guard_.refuse_host(request);
        response = refused.empty()
                       ? route(request, context)
                       : html_response(421, message_page("Misdirected request", refused, context));
    } catch (const std::exception& e) {
        services_.log(erp_plugin::LogLevel::error,
                      "invoice screen: " + request.method + " " + request.path + ": " + e.what());
        response = html_response(500, message_page("The invoice screen failed",
                                                   "See the host log for the reason.", context));
    }
    // Nothing loaded from elsewhere; scripts and styles only with this nonce;
    // never framed by another page.
    response.headers.emplace_back("Content-Security-Policy",
                                  "default-src 'none'; script-src 'nonce-" + context.nonce +
                                      "'; style-src 'nonce-" + context.nonce +
                                      "'; connect-src 'self'; img-src 'self'; "
                                      "frame-ancestors 'none'; base-uri 'none'");
    response.headers.emplace_back("X-Content-Type-Options", "nosniff");
    response.headers.emplace_back("X-Frame-Options", "DENY");
    response.headers.emplace_back("Referrer-Policy", "same-origin");
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
}

ScreenResponse InvoiceScreen::route(const ScreenRequest& request, PageContext& context) {
    const auto query = parse_form(request.query);
    const bool get = request.method == "GET" || request.method == "HEAD";
    if (request.method == "POST") {
        const auto form = parse_form(request.body);
        const std::string refused = guard_.refuse_post(request, form_value(form, "token"));
        if (!refused.empty())
            return html_response(403, message_page("Refused", refused, context));
        if (request.path == "/erp/invoice/action")
            return run_invoice_action(request, context);
        if (request.path == "/erp/bulk")
            return start_bulk(request, context);
    } else if (get) {
        if (request.path == "/" || request.path == "/erp" || request.path == "/erp/")
            return redirect("/erp/invoices");
        context.flash = recall(form_value(query, "flash"));
        if (request.path == "/erp/invoices")
            return list(query, context);
        if (request.path == "/erp/review")
            return review(context);
        if (request.path == "/erp/invoice")
            return invoice(form_value(query, "id"), context);
        if (request.path == "/erp/payment-return")
            return payment_return(request, context);
        if (request.path == "/erp/bulk" && form_value(query, "job").empty())
            return bulk_form(context);
        if (request.path == "/erp/bulk/preview")
            return bulk_preview(request, context);
        if (request.path == "/erp/settlement" || request.path == "/erp/settlement.csv")
            return settlement_screen(*plugin_, request, context, services_.now_unix_millis());
        if (request.path == "/erp/webhooks")
            return webhook_health_screen(*plugin_, context);
        if (request.path == "/erp/bulk" || request.path == "/erp/bulk/progress") {
            const auto job = jobs_.get(form_value(query, "job"));
            if (!job)
                return html_response(404, message_page("Not found", "No such bulk job.", context));
            if (request.path == "/erp/bulk")
                return bulk_job_page(*job, context);
            ScreenResponse json;
            json.content_type = "application/json";
            json.body = bulk_job_json(*job);
            return json;
        }
    }
    const bool known = request.path == "/erp/invoice/action" || request.path == "/erp/bulk" ||
                       request.path == "/erp/invoices" || request.path == "/erp/invoice" ||
                       request.path == "/erp/review" || request.path == "/erp/payment-return" ||
                       request.path == "/erp/bulk/progress" ||
                       request.path == "/erp/bulk/preview" || request.path == "/erp/settlement" ||
                       request.path == "/erp/settlement.csv" || request.path == "/erp/webhooks";
    if (known) {
        ScreenResponse r = html_response(
            405,
            message_page("Method not allowed", request.method + " is not used here.", context));
        r.headers.emplace_back("Allow", request.path == "/erp/invoice/action" ? "POST" : "GET");
        return r;
    }
    return html_response(404, message_page("Not found", "There is no page here.", context));
}

bool InvoiceScreen::offers(const std::string& action, const std::string& record_type) const {
    for (const auto& a : plugin_->actions())
        if (a.name == action && a.record_type == record_type)
            return true;
    return false;
}

ScreenResponse InvoiceScreen::list(const std::vector<std::pair<std::string, std::string>>& query,
                                   PageContext& context) {
    ListView view;
    view.query = InvoiceQuery::from(query);
    view.results = erp_.search(view.query);
    view.grades = erp_.grades();
    view.academic_years = erp_.academic_years();
    view.statuses = erp_.statuses();
    return html_response(200, list_page(view, context));
}

ScreenResponse InvoiceScreen::review(PageContext& context) {
    ReviewView view;
    view.offered = offers("review_queue", "batch");
    if (view.offered) {
        erp_plugin::ActionRequest request;
        request.action = "review_queue";
        request.record_type = "batch";
        const auto result = plugin_->run_action(request);
        if (result.status.ok()) {
            view.items = json_rows(output(result, "items"));
            view.student_items = json_rows(output(result, "student_items"));
        } else
            view.error = result.status.message;
    }
    return html_response(200, review_page(view, context));
}

InvoiceView InvoiceScreen::invoice_view(const ErpInvoice& invoice) {
    InvoiceView view;
    view.invoice = invoice;
    view.school_name = school_name_;
    for (const auto& a : plugin_->actions())
        if (a.record_type == "invoice")
            view.actions.push_back(a.name);
    auto read_only = [&](const std::string& action) -> std::optional<erp_plugin::ActionResult> {
        if (!offers(action, "invoice"))
            return std::nullopt;
        erp_plugin::ActionRequest request;
        request.action = action;
        request.record_type = "invoice";
        request.record_id = invoice.invoice_id;
        auto result = plugin_->run_action(request);
        if (!result.status.ok())
            return std::nullopt;
        return result;
    };
    if (!invoice.student_id.empty() && offers("student_status", "student")) {
        erp_plugin::ActionRequest request;
        request.action = "student_status";
        request.record_type = "student";
        request.record_id = invoice.student_id;
        auto result = plugin_->run_action(request);
        if (result.status.ok())
            view.student_status = result.outputs;
    }
    if (auto status = read_only("status")) {
        view.plugin_status = status->outputs;
        view.plugin_lines = json_rows(output(*status, "lines"));
    }
    if (auto audit = read_only("audit_log"))
        view.audit = json_rows(output(*audit, "audit"));
    return view;
}

ScreenResponse InvoiceScreen::invoice(const std::string& invoice_id, PageContext& context) {
    const auto found = erp_.find(invoice_id);
    if (!found)
        return html_response(
            404, message_page("Not found", "There is no invoice " + invoice_id, context));
    return html_response(200, invoice_page(invoice_view(*found), context));
}

ScreenResponse InvoiceScreen::run_invoice_action(const ScreenRequest& request,
                                                 PageContext& context) {
    static const char* const kButtons[] = {"collect", "send_link", "cancel_link", "refresh",
                                           "release_unknown"};
    const auto form = parse_form(request.body);
    const std::string id = form_value(form, "id");
    const std::string action = form_value(form, "action");
    bool button = false;
    for (const char* name : kButtons)
        button = button || name == action;
    if (!button || !offers(action, "invoice"))
        return html_response(
            400, message_page("Unknown action",
                              "The plugin offers no invoice action \"" + action + "\".", context));
    const auto found = erp_.find(id);
    if (!found)
        return html_response(404, message_page("Not found", "There is no invoice " + id, context));
    const std::string back = "/erp/invoice?id=" + url_component(id) + "&flash=";
    // The state decides, not the page the request came from: a stale page,
    // a second tab or a hand-made POST gets no action the state rules out.
    const InvoiceView view = invoice_view(*found);
    std::optional<ActionButton> chosen;
    for (const auto& b : applicable_actions(view))
        if (b.action == action)
            chosen = b;
    if (!chosen)
        return redirect(back + remember({"That action does not apply to this invoice as it stands "
                                         "now; the buttons below are the ones that do.",
                                         true, ""}));
    if (chosen->confirm && form_value(form, "confirm") != "yes")
        return html_response(200, confirm_page(view, action, context));
    erp_plugin::ActionRequest run;
    run.action = action;
    run.record_type = "invoice";
    run.record_id = id;
    const auto result = plugin_->run_action(run);
    Flash flash;
    if (result.status.ok()) {
        flash.text = human_detail(output(result, "message"));
        if (flash.text.empty())
            flash.text = "Done: " + status_words(output(result, "status")) + ".";
        // Collect: the accountant (or the payer at the counter) goes straight
        // to the checkout.
        const std::string checkout = safe_http_url(output(result, "redirect_url"));
        if (action == "collect" && !checkout.empty() && output(result, "status") == "unpaid")
            return redirect(checkout);
    } else {
        flash.error = true;
        flash.text = plain_error(result.status.code);
        flash.detail = human_detail(result.status.message);
    }
    return redirect(back + remember(flash));
}

ScreenResponse InvoiceScreen::payment_return(const ScreenRequest& request, PageContext& context) {
    const auto query = parse_form(request.query);
    const std::string order_id = form_value(query, "order_id");
    const auto invoice_id = order_id.empty() ? std::nullopt : erp_.invoice_of_order(order_id);
    if (!invoice_id)
        return html_response(404, message_page("Payment return",
                                               "No invoice holds the order \"" + order_id +
                                                   "\". Look it up under Invoices.",
                                               context));
    auto found = erp_.find(*invoice_id);
    // The return itself proves nothing (anyone can open this URL): on the
    // first landing the plugin asks Jodo where the order stands.
    if (found && awaiting_payment(found->status) && form_value(query, "seen").empty() &&
        offers("refresh", "invoice")) {
        erp_plugin::ActionRequest refresh;
        refresh.action = "refresh";
        refresh.record_type = "invoice";
        refresh.record_id = *invoice_id;
        plugin_->run_action(refresh);
        found = erp_.find(*invoice_id);
    }
    if (!found)
        return html_response(404, message_page("Not found", "The invoice is gone.", context));
    InvoiceView view = invoice_view(*found);
    view.returned_status = form_value(query, "status");
    if (view.returned_status.empty())
        view.returned_status = "nothing";
    view.waiting = view.returned_status == "paid" && awaiting_payment(found->status);
    view.reload_url = "/erp/payment-return?order_id=" + url_component(order_id) +
                      "&status=" + url_component(form_value(query, "status")) + "&seen=1";
    return html_response(200, invoice_page(view, context));
}

std::string InvoiceScreen::remember(const Flash& flash) {
    std::lock_guard<std::mutex> lock(flash_mutex_);
    if (flashes_.size() >= kMaxFlashes)
        flashes_.erase(flashes_.begin());
    // Zero-padded, so the map's first key is the oldest one.
    std::string count = std::to_string(++flash_count_);
    const std::string id = std::string(20 - count.size(), '0') + count + random_hex(8);
    flashes_[id] = flash;
    return id;
}

std::optional<Flash> InvoiceScreen::recall(const std::string& id) {
    if (id.empty())
        return std::nullopt;
    std::lock_guard<std::mutex> lock(flash_mutex_);
    auto it = flashes_.find(id);
    if (it == flashes_.end())
        return std::nullopt;
    return it->second;
}

}  // namespace host_sim::screen
