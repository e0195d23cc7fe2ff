// Delivers the sandbox's webhooks the way Jodo does: each event is a JSON body
// built when the change happens (a snapshot), POSTed to one configured loopback
// URL by a background thread, retried on failure after each configured delay.
//
// One thread delivers serially from a due-time queue, so a retry waiting for its
// delay never holds up other events. Test switches (drop, duplicate, hold,
// seeded chaos) decide an event's fate when it is emitted. One mutex guards
// everything; the HTTP exchange itself runs without it.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include <Poco/Net/StreamSocket.h>

#include "host_sim/sandbox/OrderRecord.hpp"
#include "host_sim/sandbox/WebhookEnvelope.hpp"
#include "host_sim/sandbox/WebhookTypes.hpp"

namespace jodo::sandbox {

class SandboxState;

class WebhookDispatcher {
  public:
    WebhookDispatcher() = default;
    ~WebhookDispatcher();  // stops
    WebhookDispatcher(const WebhookDispatcher&) = delete;
    WebhookDispatcher& operator=(const WebhookDispatcher&) = delete;

    // Throws std::invalid_argument for a non-loopback or non-http URL, a negative
    // delay or a non-positive timeout. An empty URL switches webhooks off.
    void configure(WebhookOptions options);
    void set_chaos(WebhookChaos chaos);
    void drop_next(std::size_t n);
    void duplicate_next(std::size_t n);
    void hold();
    void release(bool reverse_order);

    // SandboxState calls this under its own lock, in the order changes happen.
    // Does nothing while webhooks are off.
    void order_changed(OrderChange change, const OrderRecord& record, std::int64_t now,
                       const AnswerShape& shape);

    // Emits any event (the student events): `body_of(event_id)` writes the body
    // now; `subject_id` is what the log shows as order_id (a student payment's id).
    // Called under SandboxState's lock. Does nothing while webhooks are off.
    using BodyWriter = std::function<std::string(const std::string& event_id)>;
    void emit(const std::string& event, const std::string& subject_id, const BodyWriter& body_of);

    // Emits `event` with the order's current state. Throws OrderNotFound, or
    // OrderConflict when webhooks are off. Returns the event_id.
    std::string send_event(SandboxState& state, const std::string& event,
                           const std::string& order_id);

    std::vector<WebhookDelivery> log() const;
    // True once nothing is queued, parked for reordering or in flight (held
    // events do not count); false when timeout_ms passes first.
    bool wait_idle(int timeout_ms);

    void start();  // starts the delivery thread (no-op when running)
    void stop();   // cancels everything pending, aborts an attempt in flight, joins

  private:
    using Clock = std::chrono::steady_clock;
    struct Entry {
        WebhookDelivery delivery;
        std::size_t retries = 0;
    };
    struct Due {
        Clock::time_point at;
        std::uint64_t seq;
        std::size_t index;
        bool operator<(const Due& other) const {
            return std::tie(at, seq) < std::tie(other.at, other.seq);
        }
    };

    std::string emit_locked(const std::string& event, const std::string& subject_id,
                            const BodyWriter& body_of);
    void admit_locked(std::size_t index, Clock::time_point due);
    void flush_parked_locked();
    bool idle_locked() const;
    double chance_locked();
    void run();
    // One HTTP POST; the status received, 0 when none.
    int attempt(const WebhookTarget& target, const WebhookOptions& options,
                const std::string& body);

    mutable std::mutex mutex_;
    std::condition_variable wake_;  // the delivery thread waits on it
    std::condition_variable idle_;  // wait_idle waits on it
    WebhookOptions options_;
    std::optional<WebhookTarget> target_;  // none = webhooks off

    std::vector<Entry> log_;  // index = delivery number
    std::set<Due> queue_;     // what the thread sends next, earliest first
    std::vector<std::size_t> held_;
    bool holding_ = false;
    std::vector<std::size_t> parked_;  // chaos "reorder": sent after the next event
    Clock::time_point parked_until_;
    bool in_flight_ = false;
    std::optional<Poco::Net::StreamSocket> in_flight_socket_;  // stop() shuts it down
    std::uint64_t next_seq_ = 0;

    std::size_t drop_next_ = 0;
    std::size_t duplicate_next_ = 0;
    WebhookChaos chaos_;
    bool chaos_on_ = false;
    std::mt19937_64 chaos_rng_;

    std::thread thread_;
    bool stopping_ = false;
};

}  // namespace jodo::sandbox
