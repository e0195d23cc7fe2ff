// Shared by the client fault suites: a running JodoSandbox on a free loopback
// port and the REAL jodo::JodoClient over jodo::PocoHttpTransport pointed at it,
// with short retry delays. Waits the client asks for are recorded (and, unless
// told otherwise, not actually slept, so the suites stay fast).
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <gtest/gtest.h>

#include "host_sim/sandbox/JodoSandbox.hpp"
#include "jodo/api/HttpTransport.hpp"
#include "jodo/api/JodoClient.hpp"
#include "jodo/api/JodoError.hpp"

namespace faults_test {

using jodo::ErrorKind;
using jodo::JodoError;
using jodo::sandbox::Fault;
using jodo::sandbox::FaultKind;

// max_attempts 4, base 20 ms, one wait at most 2 s, all waits at most 20 s.
inline jodo::RetryPolicy fast_policy(int max_attempts = 4) {
    jodo::RetryPolicy policy;
    policy.max_attempts = max_attempts;
    policy.base_delay_ms = 20;
    policy.max_delay_ms = 2000;
    policy.max_total_ms = 20000;
    return policy;
}

struct RigOptions {
    jodo::RetryPolicy policy = fast_policy();
    int read_timeout_ms = 5000;
    std::string ca_file;
    std::string api_secret = "sandbox_secret";
    bool really_sleep = false;  // sleep the waits instead of only recording them
};

class ClientRig {
  public:
    explicit ClientRig(const std::string& base_url, RigOptions options = {}) {
        jodo::JodoConfig config;
        config.base_url = base_url;
        config.api_key = "sandbox_key";
        config.api_secret = options.api_secret;
        config.connect_timeout_ms = 2000;
        config.read_timeout_ms = options.read_timeout_ms;
        config.ca_file = options.ca_file;
        config.retry = options.policy;
        const bool really_sleep = options.really_sleep;
        client_ = std::make_unique<jodo::JodoClient>(
            config, std::make_unique<jodo::PocoHttpTransport>(config),
            [this, really_sleep](int ms) {
                {
                    std::lock_guard<std::mutex> lock(mutex_);
                    waits_.push_back(ms);
                }
                if (really_sleep)
                    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
            });
    }

    jodo::JodoClient& client() { return *client_; }
    jodo::JodoClient* operator->() { return client_.get(); }
    std::vector<int> waits() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return waits_;
    }
    void clear_waits() {
        std::lock_guard<std::mutex> lock(mutex_);
        waits_.clear();
    }

  private:
    mutable std::mutex mutex_;
    std::vector<int> waits_;
    std::unique_ptr<jodo::JodoClient> client_;
};

// A valid order; `identifier` tells orders apart.
inline jodo::PayOrderRequest sample_order(const std::string& identifier = "INV-1",
                                          jodo::Paise paise = 150050) {
    jodo::PayOrderRequest request;
    request.name = "Asha Rao";
    request.phone = "9876543210";
    request.email = "asha@example.com";
    request.identifier = identifier;
    request.details.push_back({"Tuition Fee", paise});
    return request;
}

// The JodoError `call` throws; fails the test (and returns nullopt) when it
// returns normally or throws anything else.
inline std::optional<JodoError> error_of(const std::function<void()>& call) {
    try {
        call();
    } catch (const JodoError& e) {
        return e;
    } catch (const std::exception& e) {
        ADD_FAILURE() << "expected a JodoError, got: " << e.what();
        return std::nullopt;
    }
    ADD_FAILURE() << "expected a JodoError, the call succeeded";
    return std::nullopt;
}

// A loopback port with nothing listening (bound, then released).
inline std::uint16_t unused_port() {
    Poco::Net::ServerSocket probe;
    probe.bind(Poco::Net::SocketAddress("127.0.0.1", 0), true, false);
    const std::uint16_t port = probe.address().port();
    probe.close();
    return port;
}

// Polls `done` every 10 ms for at most `timeout_ms`.
inline bool eventually(const std::function<bool()>& done, int timeout_ms = 3000) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
}

// A started sandbox per test, plain HTTP.
class SandboxFixture : public ::testing::Test {
  protected:
    void SetUp() override { sandbox.start(); }

    // Requests the sandbox saw since the last mark().
    void mark() { mark_ = sandbox.api_request_count(); }
    std::size_t requests_since_mark() const { return sandbox.api_request_count() - mark_; }

    jodo::sandbox::JodoSandbox sandbox;

  private:
    std::size_t mark_ = 0;
};

}  // namespace faults_test
