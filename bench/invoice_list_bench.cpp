// Prints the server time of the accountant's invoice list with many invoices
// in the reference ERP: GET /erp/invoices handled by the invoice screen
// (InvoiceScreen::handle: query parsing, the SQL search and count, the page's
// HTML) for page 1, a search, filters, "needs a person", a sort and a deep
// page. The baseline, measured in the same run on the same database, is what
// the list did before issue 23: every invoice read and rendered on one page.
// SQLite on the real disk (never tmpfs) unless --db names another database.
//
//   invoice-list-bench [--invoices N] [--runs R] [--db ODBC] [--workdir DIR]
#include <time.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>

#include <spdlog/sinks/null_sink.h>
#include <boost/dll/runtime_symbol_info.hpp>

#include "Disk.hpp"
#include "Report.hpp"
#include "host_sim/cli/LifecycleDemo.hpp"
#include "host_sim/erp/SampleInvoices.hpp"
#include "host_sim/host/PluginHost.hpp"
#include "host_sim/screen/Html.hpp"
#include "host_sim/screen/InvoiceScreen.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// This process's CPU time: the server's own work (the screen and SQLite run
// in it), which a busy neighbour on a shared machine does not inflate.
double cpu_ms() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec * 1000.0 + t.tv_nsec / 1e6;
}

struct Timing {
    double wall_ms, cpu_ms;
};

// The medians of `runs` timings of `f` (the first run warms the page cache).
template <typename F>
Timing median_ms(int runs, F&& f) {
    std::vector<double> wall, cpu;
    f();
    for (int i = 0; i < runs; ++i) {
        const auto start = Clock::now();
        const double cpu_start = cpu_ms();
        f();
        wall.push_back(ms_since(start));
        cpu.push_back(cpu_ms() - cpu_start);
    }
    std::sort(wall.begin(), wall.end());
    std::sort(cpu.begin(), cpu.end());
    return {wall[wall.size() / 2], cpu[cpu.size() / 2]};
}

}  // namespace

int main(int argc, char** argv) {
    long long invoices = 100000;
    int runs = 7;
    std::string connection, requested_dir;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string arg = argv[i], value = argv[i + 1];
        if (arg == "--invoices")
            invoices = std::stoll(value);
        else if (arg == "--runs")
            runs = std::max(1, std::stoi(value));
        else if (arg == "--db")
            connection = value;
        else if (arg == "--workdir")
            requested_dir = value;
    }
    const auto plugins =
        std::filesystem::path(boost::dll::program_location()).parent_path().parent_path() /
        "plugins";
    if (connection.empty()) {
        const auto dir = bench::disk_workdir(requested_dir);  // refuses tmpfs, empties it
        std::cout << "invoice-list-bench: SQLite in " << dir.string() << " ("
                  << bench::file_system_of(dir) << ")\n";
        connection = host_sim::sqlite_connection_string(dir / "invoice-list.db");
    }
    host_sim::ReferenceErp erp(connection);
    erp.migrate();
    const auto init_start = Clock::now();
    const auto added = host_sim::add_sample_invoices(erp, invoices);
    const double init_s = ms_since(init_start) / 1000.0;
    bench::print_figure("sample_init",
                        "host-sim init --sample --invoices " + std::to_string(invoices),
                        std::to_string(added) + " added in " + bench::fixed(init_s, 2) + " s");

    auto logger =
        std::make_shared<spdlog::logger>("bench", std::make_shared<spdlog::sinks::null_sink_mt>());
    // The list never calls Jodo: the module only has to start.
    host_sim::SimHostServices services(connection,
                                       {{"jodo.base_url", "http://127.0.0.1:9"},
                                        {"jodo.api_key", "bench"},
                                        {"jodo.api_secret", "bench"},
                                        {"jodo.webhook.secret", "bench"},
                                        {"jodo.webhook.worker_interval_ms", "0"},
                                        {"jodo.reconcile.interval_ms", "0"}},
                                       logger);
    host_sim::PluginHost host(services);
    host.load_directory(plugins);
    auto* plugin = host.find("jodo");
    if (!plugin) {
        std::cerr << "the Jodo plugin did not load from " << plugins << "\n";
        return 1;
    }
    int status = 0;
    {
        host_sim::screen::InvoiceScreen screen(host.plugins().front().plugin, services, connection);
        auto list = [&](const std::string& query) {
            host_sim::screen::ScreenRequest request;
            request.method = "GET";
            request.path = "/erp/invoices";
            request.query = query;
            request.host = "127.0.0.1:8080";
            return screen.handle(request);
        };
        const long long pages = std::max(1LL, (invoices + 49) / 50);
        const std::vector<std::pair<std::string, std::string>> cases = {
            {"list_page1", ""},
            {"list_search_name", "q=sharma"},
            {"list_search_id", "q=INV-S2026-0" + std::to_string(invoices / 4)},
            {"list_filter", "grade=Grade+5+B&year=2026&status=unpaid"},
            {"list_needs", "needs=1"},
            {"list_sort_amount", "sort=amount&dir=desc"},
            {"list_deep_page", "page=" + std::to_string(pages / 2)},
            {"list_deep_sorted", "sort=student&page=" + std::to_string(pages - 1)}};
        for (const auto& [name, query] : cases) {
            const auto answer = list(query);
            if (answer.status != 200) {
                std::cerr << name << ": status " << answer.status << "\n" << answer.body << "\n";
                status = 1;
                continue;
            }
            const Timing t = median_ms(runs, [&] { list(query); });
            bench::print_figure(
                name, "GET /erp/invoices?" + query + ", median of " + std::to_string(runs),
                ::bench::fixed(t.wall_ms, 1) + " ms (CPU " + ::bench::fixed(t.cpu_ms, 1) + " ms)",
                {"<= 100 ms", t.wall_ms <= 100.0});
        }
        // Before: every invoice read and rendered, one row each.
        const Timing all = median_ms(std::max(1, runs / 3), [&] {
            host_sim::screen::ErpInvoices reader(connection);
            std::string body;
            for (const auto& inv : reader.all())
                body += "<tr><td>" + host_sim::screen::html_escape(inv.invoice_id) + "</td><td>" +
                        host_sim::screen::html_escape(inv.payer_name) + "</td><td>" +
                        host_sim::screen::html_escape(inv.student_name) + "</td><td>" +
                        host_sim::screen::html_escape(inv.amount_due) + "</td></tr>\n";
        });
        const Timing page1 = median_ms(runs, [&] { list(""); });
        bench::print_figure("baseline_all_rows", "the list before: every invoice on one page",
                            ::bench::fixed(all.wall_ms, 1) + " ms (CPU " +
                                ::bench::fixed(all.cpu_ms, 1) + " ms); page 1 now " +
                                ::bench::fixed(all.wall_ms / std::max(page1.wall_ms, 0.001), 1) +
                                "x faster");
        screen.stop();
    }
    host.stop_all();
    return status;
}
