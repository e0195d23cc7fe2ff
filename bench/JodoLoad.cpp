#include "JodoLoad.hpp"

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <thread>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPBasicCredentials.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

namespace bench {

namespace {

using Clock = std::chrono::steady_clock;

const char* kOrdersPath = "/api/v1/integrations/pay/orders";

std::string order_body(const std::string& rupees) {
    return R"({"name":"Bench Payer","phone":"9876543210","email":"payer@example.com",)"
           R"("details":[{"component_type":"Tuition Fee","amount":")" +
           rupees + R"("}]})";
}

// One Create Pay Order on `session`; the order id, or empty on any failure.
std::string create_one(Poco::Net::HTTPClientSession& session, const JodoEndpoint& jodo,
                       const std::string& body) {
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, kOrdersPath,
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    Poco::Net::HTTPBasicCredentials(jodo.api_key, jodo.api_secret).authenticate(request);
    request.setContentType("application/json");
    request.setContentLength(static_cast<std::streamsize>(body.size()));
    request.setKeepAlive(true);
    try {
        session.sendRequest(request) << body;
        Poco::Net::HTTPResponse response;
        std::string answer;
        Poco::StreamCopier::copyToString(session.receiveResponse(response), answer);
        if (response.getStatus() != Poco::Net::HTTPResponse::HTTP_OK)
            return {};
        return Poco::JSON::Parser()
            .parse(answer)
            .extract<Poco::JSON::Object::Ptr>()
            ->getObject("data")
            ->getValue<std::string>("order_id");
    } catch (const Poco::Exception&) {
        session.reset();
        return {};
    }
}

std::unique_ptr<Poco::Net::HTTPClientSession> new_session(const JodoEndpoint& jodo) {
    const Poco::URI uri(jodo.base_url);
    auto session = std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
    session->setTimeout(Poco::Timespan(30, 0));
    return session;
}

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

LoadResult sequential_creates(const JodoEndpoint& jodo, std::size_t max, double seconds) {
    LoadResult result;
    const std::string body = order_body("12845.67");
    const auto start = Clock::now();
    while (result.creates + result.failures < max && seconds_since(start) < seconds) {
        auto session = new_session(jodo);  // a fresh connection each time
        if (create_one(*session, jodo, body).empty())
            ++result.failures;
        else
            ++result.creates;
    }
    result.seconds = seconds_since(start);
    return result;
}

LoadResult concurrent_creates(const JodoEndpoint& jodo, int clients, double seconds) {
    std::atomic<std::size_t> creates{0}, failures{0};
    const std::string body = order_body("12845.67");
    const auto start = Clock::now();
    std::vector<std::thread> threads;
    for (int c = 0; c < clients; ++c)
        threads.emplace_back([&] {
            auto session = new_session(jodo);
            while (seconds_since(start) < seconds) {
                if (create_one(*session, jodo, body).empty())
                    ++failures;
                else
                    ++creates;
            }
        });
    for (auto& t : threads)
        t.join();
    LoadResult result;
    result.creates = creates;
    result.failures = failures;
    result.seconds = seconds_since(start);
    return result;
}

std::vector<std::string> create_orders(const JodoEndpoint& jodo, std::size_t count, int clients,
                                       const std::string& rupees) {
    std::vector<std::string> ids(count);
    std::atomic<std::size_t> next{0};
    const std::string body = order_body(rupees);
    std::vector<std::thread> threads;
    for (int c = 0; c < clients; ++c)
        threads.emplace_back([&] {
            auto session = new_session(jodo);
            for (std::size_t i = next++; i < count; i = next++)
                for (int tries = 0; ids[i].empty() && tries < 5; ++tries)
                    ids[i] = create_one(*session, jodo, body);
        });
    for (auto& t : threads)
        t.join();
    return ids;
}

}  // namespace bench
