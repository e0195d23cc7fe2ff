// Issue 9 item 3: the webhook endpoint under idle, slow and many connections,
// with real sockets against the host's endpoint and the real module and
// database behind it. A signed delivery is answered within 1 s while 50 idle
// and 20 drip-feeding connections are open; a drip-feeder is cut by the
// request budget; 500 concurrent deliveries all get an HTTP answer: 200, or
// 503 while the database cannot store them.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include <Poco/Data/Session.h>

#include "RawHttp.hpp"
#include "SignedDeliveries.hpp"
#include "support/ErpDatabases.hpp"
#include "support/LifecycleHarness.hpp"

using acceptance::ErpDatabase;
using acceptance::HarnessOptions;
using acceptance::LifecycleHarness;
using namespace Poco::Data::Keywords;
using Clock = std::chrono::steady_clock;

namespace {

const char* kSecret = "whsec_load";

HarnessOptions signed_webhooks() {
    return signed_deliveries::with_secret(kSecret);
}

std::string signed_delivery(LifecycleHarness& h, const std::string& event_id) {
    return signed_deliveries::request(h, kSecret, "order_load", event_id);
}

long ms_since(Clock::time_point start) {
    return static_cast<long>(
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count());
}

int stored(LifecycleHarness& h) {
    int count = 0;
    h.erp().session() << "SELECT COUNT(*) FROM jodo_webhook_inbox", into(count), now;
    return count;
}

// Connections that send a request header one byte every `every_ms`, never
// finishing it, until stopped; counts the ones the server closed.
class DripFeeders {
  public:
    DripFeeders(std::uint16_t port, int count, int every_ms) {
        for (int i = 0; i < count; ++i)
            connections_.push_back(std::make_unique<raw_http::Connection>(port));
        thread_ = std::thread([this, every_ms] {
            const std::string header =
                "POST /webhooks/jodo HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " +
                std::string(100000, 'a');
            for (std::size_t at = 0; !stop_ && at < header.size(); ++at) {
                for (auto& c : connections_) {
                    try {
                        c->send(header.substr(at, 1));
                    } catch (const Poco::Exception&) {
                        // Closed by the server: counted below.
                    }
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(every_ms));
            }
        });
    }
    ~DripFeeders() { stop(); }
    void stop() {
        stop_ = true;
        if (thread_.joinable())
            thread_.join();
    }
    raw_http::Connection& at(std::size_t i) { return *connections_.at(i); }

  private:
    std::vector<std::unique_ptr<raw_http::Connection>> connections_;
    std::atomic<bool> stop_{false};
    std::thread thread_;
};

// `count` deliveries, each on its own connection, all sent at the same moment;
// returns how many got each status (0: no answer within 60 s).
std::map<int, int> concurrent_deliveries(LifecycleHarness& h, int count, long* took_ms) {
    const std::uint16_t port = raw_http::port_of(h.webhook_url());
    std::vector<std::string> requests;
    for (int i = 0; i < count; ++i)
        requests.push_back(signed_delivery(h, "e-load-" + std::to_string(i)));
    std::mutex mutex;
    std::condition_variable go;
    bool started = false;
    std::map<int, int> statuses;
    std::vector<std::thread> threads;
    for (int i = 0; i < count; ++i) {
        threads.emplace_back([&, i] {
            {
                std::unique_lock<std::mutex> lock(mutex);
                go.wait(lock, [&] { return started; });
            }
            int status = 0;
            try {
                raw_http::Connection connection(port);
                connection.send(requests[static_cast<std::size_t>(i)]);
                status = connection.read_answer(60000).status;
            } catch (const Poco::Exception&) {
                status = 0;  // refused or reset: no answer
            }
            std::lock_guard<std::mutex> lock(mutex);
            ++statuses[status];
        });
    }
    const auto start = Clock::now();
    {
        std::lock_guard<std::mutex> lock(mutex);
        started = true;
    }
    go.notify_all();
    for (auto& t : threads)
        t.join();
    *took_ms = ms_since(start);
    return statuses;
}

std::string describe(const std::map<int, int>& statuses) {
    std::string out;
    for (const auto& [status, n] : statuses)
        out += (status == 0 ? std::string("no answer") : std::to_string(status)) + ": " +
               std::to_string(n) + "; ";
    return out;
}

}  // namespace

TEST(WebhookEndpointLoad, DeliveryIsAnsweredWithinASecondBesideIdleAndDrippingConnections) {
    ErpDatabase db("sqlite");
    LifecycleHarness h(db.connection_string(), signed_webhooks());
    const std::uint16_t port = raw_http::port_of(h.webhook_url());
    std::vector<std::unique_ptr<raw_http::Connection>> idle;
    for (int i = 0; i < 50; ++i)
        idle.push_back(std::make_unique<raw_http::Connection>(port));
    DripFeeders drip(port, 20, 200);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));  // all of them are being served

    for (int i = 0; i < 3; ++i) {
        const auto start = Clock::now();
        raw_http::Connection delivery(port);
        delivery.send(signed_delivery(h, "e-beside-" + std::to_string(i)));
        const auto answer = delivery.read_answer(5000);
        const long took = ms_since(start);
        std::cout << "delivery " << i << " answered " << answer.status << " in " << took
                  << " ms beside 50 idle and 20 dripping connections\n";
        EXPECT_EQ(answer.status, 200) << answer.text;
        EXPECT_LT(took, 1000);
    }
    EXPECT_EQ(stored(h), 3);
}

TEST(WebhookEndpointLoad, ADripFeederIsCutByTheRequestBudget) {
    ErpDatabase db("sqlite");
    LifecycleHarness h(db.connection_string(), signed_webhooks());
    const auto start = Clock::now();
    DripFeeders drip(raw_http::port_of(h.webhook_url()), 1, 100);
    // Each byte comes well within the read timeout; only the budget for the
    // whole request (10 s) ends it.
    const bool closed = drip.at(0).closed_within(20000);
    const long took = ms_since(start);
    std::cout << "drip-feeder closed by the server after " << took << " ms\n";
    EXPECT_TRUE(closed);
    EXPECT_GE(took, 9000);
    EXPECT_LT(took, 13000);
}

class WebhookEndpointConcurrency : public testing::TestWithParam<std::string> {};

TEST_P(WebhookEndpointConcurrency, FiveHundredConcurrentDeliveriesAreAllAnswered200) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    LifecycleHarness h(db.connection_string(), signed_webhooks());
    long took = 0;
    const auto statuses = concurrent_deliveries(h, 500, &took);
    std::cout << "500 concurrent deliveries (" << GetParam() << "): " << describe(statuses) << "in "
              << took << " ms\n";
    EXPECT_EQ(statuses.count(200) ? statuses.at(200) : 0, 500) << describe(statuses);
    EXPECT_EQ(stored(h), 500);
}

INSTANTIATE_TEST_SUITE_P(Databases, WebhookEndpointConcurrency,
                         testing::Values("sqlite", "postgresql", "mariadb"),
                         [](const auto& info) { return info.param; });

// SQLite only: another connection holds the write lock. Nothing can be stored,
// and every delivery still gets its answer: 503, so that Jodo retries.
TEST(WebhookEndpointLoad, FiveHundredConcurrentDeliveriesWhileTheDatabaseIsLockedAllGet503) {
    ErpDatabase db("sqlite");
    std::string connection = db.connection_string();
    connection.replace(connection.find("Timeout=10000"), 13, "Timeout=100");
    LifecycleHarness h(connection, signed_webhooks());
    Poco::Data::Session locker("ODBC", connection);
    locker << "BEGIN EXCLUSIVE", now;
    long took = 0;
    const auto statuses = concurrent_deliveries(h, 500, &took);
    raw_http::Connection one(raw_http::port_of(h.webhook_url()));
    one.send(signed_delivery(h, "e-locked-one"));
    const auto answer = one.read_answer(10000);
    locker << "COMMIT", now;
    EXPECT_EQ(answer.status, 503) << answer.text;
    EXPECT_EQ(answer.reason, "Service Unavailable");
    std::cout << "500 concurrent deliveries, database locked: " << describe(statuses) << "in "
              << took << " ms\n";
    EXPECT_EQ(statuses.count(503) ? statuses.at(503) : 0, 500) << describe(statuses);
    EXPECT_EQ(stored(h), 0);
}
