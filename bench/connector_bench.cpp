// Prints how fast the connector is where it matters to a school's ERP: how
// many invoices per second it turns into Jodo orders (one accountant, and
// several at once), and how fast its webhook endpoint stores events. Real
// parts throughout: the built module, the ERP database through ODBC, the
// sandbox over HTTP on 127.0.0.1.
//
//   connector-bench [--invoices N] [--db ODBC-CONNECTION] [--threads T]
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <thread>
#include <vector>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>
#include <spdlog/sinks/null_sink.h>
#include <boost/dll/runtime_symbol_info.hpp>

#include "api/money.hpp"
#include "cli/LifecycleDemo.hpp"
#include "erp/ReferenceErp.hpp"
#include "host/PluginHost.hpp"
#include "http/PluginHttpServer.hpp"
#include "sandbox/JodoSandbox.hpp"
#include "webhooks/WebhookVerifier.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Latencies {
    std::vector<double> ms;
    void print(const std::string& what, double wall_ms) const {
        std::vector<double> sorted = ms;
        std::sort(sorted.begin(), sorted.end());
        auto at = [&](double q) {
            return sorted.empty()
                       ? 0.0
                       : sorted[std::min(sorted.size() - 1, std::size_t(q * sorted.size()))];
        };
        std::cout << std::fixed << std::setprecision(1) << "  " << std::left << std::setw(34)
                  << what << std::right << std::setw(7) << sorted.size() << " ops  " << std::setw(8)
                  << (sorted.size() * 1000.0 / wall_ms) << " ops/s   p50 " << std::setw(6)
                  << at(0.50) << " ms   p99 " << std::setw(6) << at(0.99) << " ms\n";
    }
};

int post(const std::string& url, const std::string& body, const std::string& signature) {
    const Poco::URI uri(url);
    Poco::Net::HTTPClientSession session(uri.getHost(), uri.getPort());
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, uri.getPath(),
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    request.setContentType("application/json");
    request.set("X-Jodo-Signature", signature);
    request.setContentLength(static_cast<std::streamsize>(body.size()));
    session.sendRequest(request) << body;
    Poco::Net::HTTPResponse response;
    std::string ignored;
    Poco::StreamCopier::copyToString(session.receiveResponse(response), ignored);
    return static_cast<int>(response.getStatus());
}

}  // namespace

int main(int argc, char** argv) {
    int invoices = 300;
    int threads = 4;
    std::string connection;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string arg = argv[i];
        if (arg == "--invoices")
            invoices = std::stoi(argv[i + 1]);
        else if (arg == "--threads")
            threads = std::stoi(argv[i + 1]);
        else if (arg == "--db")
            connection = argv[i + 1];
    }
    const auto workdir = std::filesystem::temp_directory_path() / "connector-bench";
    std::filesystem::create_directories(workdir);
    if (connection.empty()) {
        std::filesystem::remove(workdir / "erp.db");
        connection = host_sim::sqlite_connection_string(workdir / "erp.db");
    }
    const auto plugins =
        std::filesystem::path(boost::dll::program_location()).parent_path().parent_path() /
        "plugins";

    jodo::sandbox::SandboxOptions sandbox_options;
    jodo::sandbox::JodoSandbox sandbox(sandbox_options);
    sandbox.start();
    host_sim::ReferenceErp erp(connection);
    erp.migrate();
    const std::string run =
        std::to_string(std::chrono::system_clock::now().time_since_epoch().count() % 100000000);
    std::vector<std::string> ids;
    for (int i = 0; i < 2 * invoices; ++i) {
        host_sim::SampleInvoice inv{"B" + run + "-" + std::to_string(i),
                                    "BP" + run + "-" + std::to_string(i),
                                    "Payer " + std::to_string(i),
                                    "9876543210",
                                    "payer@example.com",
                                    "Student",
                                    "Grade 5",
                                    "Bench",
                                    {{"TUITION_FEE", "12345.67"}, {"LAB_FEE", "500.00"}},
                                    "",
                                    ""};
        erp.add_invoice(inv);
        ids.push_back(inv.invoice_id);
    }
    auto logger =
        std::make_shared<spdlog::logger>("bench", std::make_shared<spdlog::sinks::null_sink_mt>());
    host_sim::SimHostServices services(connection,
                                       {{"jodo.base_url", sandbox.base_url()},
                                        {"jodo.api_key", sandbox_options.api_key},
                                        {"jodo.api_secret", sandbox_options.api_secret},
                                        {"jodo.webhook.secret", "bench"},
                                        {"jodo.webhook.worker_interval_ms", "0"},
                                        {"jodo.reconcile.interval_ms", "0"}},
                                       logger);
    host_sim::PluginHost host(services);
    host.load_directory(plugins);
    if (!host.find("jodo")) {
        std::cerr << "the Jodo plugin did not load from " << plugins << "\n";
        return 1;
    }
    host_sim::PluginHttpServer endpoint(host.plugins());
    endpoint.start();

    std::cout << "connector-bench: " << invoices << " invoices per phase, database "
              << (connection.find("SQLite") != std::string::npos ? "SQLite (ODBC)"
                                                                 : "PostgreSQL (ODBC)")
              << ", Jodo sandbox over HTTP on 127.0.0.1, " << std::thread::hardware_concurrency()
              << " cores\n";

    // Phase 1: one accountant, invoice after invoice.
    Latencies serial;
    auto start = Clock::now();
    for (int i = 0; i < invoices; ++i) {
        const auto t = Clock::now();
        if (!host.run("jodo", "collect", ids[i]).status.ok())
            return 1;
        serial.ms.push_back(ms_since(t));
    }
    serial.print("collect, 1 accountant", ms_since(start));

    // Phase 2: several accountants (or a bulk job's threads) at once.
    std::vector<Latencies> per_thread(threads);
    start = Clock::now();
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t)
        workers.emplace_back([&, t] {
            for (int i = invoices + t; i < 2 * invoices; i += threads) {
                const auto begin = Clock::now();
                host.run("jodo", "collect", ids[i]);
                per_thread[t].ms.push_back(ms_since(begin));
            }
        });
    for (auto& w : workers)
        w.join();
    Latencies parallel;
    for (const auto& l : per_thread)
        parallel.ms.insert(parallel.ms.end(), l.ms.begin(), l.ms.end());
    parallel.print("collect, " + std::to_string(threads) + " accountants at once", ms_since(start));

    // Phase 3: webhook ingest (verify + store + answer), events for paid orders.
    Latencies ingest;
    const std::string url = endpoint.base_url() + "/webhooks/jodo";
    start = Clock::now();
    for (int i = 0; i < invoices; ++i) {
        const std::string body =
            R"({"event_id":"bench-)" + run + "-" + std::to_string(i) +
            R"(","event":"order.payment.debited","version":"1.0","timestamp":1,"payload":{"order_id":"o-)" +
            std::to_string(i) + R"("}})";
        const auto t = Clock::now();
        if (post(url, body, jodo::hmac_sha256_hex("bench", body)) != 200)
            return 1;
        ingest.ms.push_back(ms_since(t));
    }
    ingest.print("webhook ingest (verify+store+200)", ms_since(start));

    // Phase 4: money, the hot path of every parse.
    start = Clock::now();
    jodo::Paise sum = 0;
    const int rounds = 1000000;
    for (int i = 0; i < rounds; ++i)
        sum += *jodo::parse_rupees(i % 2 ? "12345.67" : "500");
    const double money_ms = ms_since(start);
    std::cout << "  parse_rupees                      " << std::setw(7) << rounds << " ops  "
              << std::setw(8) << std::setprecision(0) << rounds * 1000.0 / money_ms
              << " ops/s   (checksum " << jodo::format_rupees(sum) << ")\n";
    std::cout << "  Jodo requests made: " << sandbox.api_request_count()
              << ", orders created: " << sandbox.create_count() << "\n";
    endpoint.stop();
    host.stop_all();
    return sandbox.create_count() == static_cast<std::size_t>(2 * invoices) ? 0 : 1;
}
