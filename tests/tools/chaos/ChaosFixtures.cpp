// jodo-chaos: its invoices, scratch databases and Jodo's view of its orders.
#include <algorithm>
#include <random>

#include <Poco/Data/Session.h>

#include "chaos/ChaosParts.hpp"
#include "erp_sql/OpenOdbcSession.hpp"
#include "jodo/api/money.hpp"

using namespace Poco::Data::Keywords;

namespace chaos::parts {

using namespace host_sim;

// ---------------------------------------------------------------- invoices

GeneratedInvoices generate_invoices(int count, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    const std::vector<std::string> components = {"TUITION_FEE", "TRANSPORT_FEE", "LAB_FEE",
                                                 "LIBRARY_FEE", "EXAM_FEE",      "SPORTS_FEE",
                                                 "MEALS_FEE",   "ACTIVITY_FEE"};
    const std::vector<std::string> names = {"Anita Sharma", "Vikram Rao",  "Farah Khan",
                                            "Arjun Mehta",  "Priya Nair",  "Rahul Gupta",
                                            "Sneha Iyer",   "Kiran Reddy", "Imran Sheikh"};
    GeneratedInvoices out;
    for (int i = 1; i <= count; ++i) {
        std::ostringstream id;
        id << kPrefix << std::setw(4) << std::setfill('0') << i;
        SampleInvoice inv;
        inv.invoice_id = id.str();
        inv.payer_id = "P-" + inv.invoice_id;
        inv.payer_name = names[static_cast<std::size_t>(pick(0, int(names.size()) - 1))];
        std::string digits = std::to_string(pick(7, 9));
        for (int d = 0; d < 9; ++d)
            digits += static_cast<char>('0' + pick(0, 9));
        switch (pick(0, 3)) {  // the ways accountants type a mobile number
            case 0:
                inv.phone = digits;
                break;
            case 1:
                inv.phone = "+91 " + digits.substr(0, 5) + " " + digits.substr(5);
                break;
            case 2:
                inv.phone = "0" + digits;
                break;
            default:
                inv.phone = "91-" + digits;
        }
        inv.email = "payer" + std::to_string(i) + "@example.com";
        inv.student_name = "Student " + std::to_string(i);
        inv.grade = "Grade " + std::to_string(pick(1, 12));
        inv.description = "Term fees";
        const int lines = pick(1, 4);
        for (int l = 0; l < lines; ++l) {
            const jodo::Paise paise = pick(0, 4) == 0 ? jodo::Paise(pick(1, 500)) * 10000
                                                      : jodo::Paise(pick(100, 5000000));
            // Whole rupees written both ways, as accountants do.
            std::string amount = jodo::format_rupees(paise);
            if (paise % 100 == 0 && pick(0, 1) == 0)
                amount = std::to_string(paise / 100);
            inv.lines.push_back({components[static_cast<std::size_t>(l + pick(0, 4))], amount});
        }
        // About 4% cannot be collected: the plugin must refuse them, with a reason.
        const int flaw = pick(0, 99);
        if (flaw < 2) {
            inv.phone.clear();
            inv.description = "Term fees (payer phone missing)";
            ++out.invalid;
        } else if (flaw < 3) {
            inv.phone = "12345";
            ++out.invalid;
        } else if (flaw < 4) {
            inv.email.clear();
            ++out.invalid;
        }
        out.invoices.push_back(std::move(inv));
    }
    return out;
}

// ---------------------------------------------------------------- databases

std::string with_database(const std::string& connection, const std::string& database) {
    std::string out;
    bool replaced = false;
    std::size_t start = 0;
    while (start < connection.size()) {
        std::size_t end = connection.find(';', start);
        if (end == std::string::npos)
            end = connection.size();
        std::string part = connection.substr(start, end - start);
        std::string key = part.substr(0, part.find('='));
        std::transform(key.begin(), key.end(), key.begin(), ::tolower);
        if (key == "database") {
            part = "Database=" + database;
            replaced = true;
        }
        if (!part.empty())
            out += part + ";";
        start = end + 1;
    }
    if (!replaced)
        out += "Database=" + database + ";";
    return out;
}

void run_admin_sql(const std::string& connection, const std::string& sql) {
    Poco::Data::Session session = erp_sql::open_odbc_session(connection);
    session << sql, now;
}

erp_plugin::ActionResult batch(erp_plugin::Plugin& plugin, const std::string& action) {
    erp_plugin::ActionRequest request;
    request.action = action;
    request.record_type = "batch";
    return plugin.run_action(request);
}

std::vector<JodoOrderView> jodo_view(const jodo::sandbox::JodoSandbox& sandbox) {
    std::vector<JodoOrderView> out;
    for (const auto& id : sandbox.order_ids()) {
        auto order = sandbox.find(id);
        if (!order)
            continue;
        JodoOrderView view;
        view.order_id = order->order_id;
        view.status = order->status;
        view.transaction_id = order->transaction_id;
        // The ERP's invoice travels in the notes (identifier is the student).
        for (const auto& [key, value] : order->notes) {
            if (key == "erp_collection_id")
                view.collection_id = value;
            if (key == "erp_invoice_id")
                view.invoice_id = value;
        }
        for (const auto& line : order->lines)
            view.lines.push_back({line.amount, line.settlement_utr});
        out.push_back(std::move(view));
    }
    return out;
}

int open_inbox_events(const std::string& connection) {
    Poco::Data::Session session = erp_sql::open_odbc_session(connection);
    int open = 0;
    session << "SELECT COUNT(*) FROM jodo_webhook_inbox WHERE state IN ('pending', 'processing')",
        into(open), now;
    return open;
}

}  // namespace chaos::parts
