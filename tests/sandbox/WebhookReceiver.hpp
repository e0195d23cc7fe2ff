// A tiny webhook endpoint for the sandbox's webhook tests: a Poco HTTPServer on
// 127.0.0.1 (free port) that records every request (method, path, headers, raw
// body, peer, arrival time) and answers from a script of statuses and delays.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/NameValueCollection.h>

namespace jodo::sandbox::test {

struct ReceivedRequest {
    std::string method, path, body, peer_host;
    Poco::Net::NameValueCollection headers;  // case-insensitive get()
    std::chrono::steady_clock::time_point at;
};

// What the receiver does with one request: wait delay_ms, then answer status.
struct Answer {
    int status = 200;
    int delay_ms = 0;
};

class WebhookReceiver {
  public:
    WebhookReceiver();
    ~WebhookReceiver();  // releases any delayed answer, then stops
    WebhookReceiver(const WebhookReceiver&) = delete;
    WebhookReceiver& operator=(const WebhookReceiver&) = delete;

    std::uint16_t port() const;
    std::string url(const std::string& path = "/webhooks/jodo") const;

    // The n-th request gets script[n]; once the script runs out, `fallback`.
    void script(std::vector<Answer> answers, Answer fallback = {});
    void script_statuses(const std::vector<int>& statuses, int fallback = 200);

    std::vector<ReceivedRequest> received() const;
    // True once at least `count` requests arrived (recorded before answering).
    bool wait_for(std::size_t count, int timeout_ms) const;

  private:
    class Handler;
    class Factory;
    Answer answer_for(std::size_t index) const;
    void record(ReceivedRequest request, std::size_t& index);
    void hold_answer(int delay_ms);

    mutable std::mutex mutex_;
    mutable std::condition_variable changed_;
    std::vector<ReceivedRequest> received_;
    std::vector<Answer> script_;
    Answer fallback_;
    bool closing_ = false;
    std::uint16_t port_ = 0;
    std::unique_ptr<Poco::Net::HTTPServer> server_;
};

}  // namespace jodo::sandbox::test
