// Test-controlled faults on the /api/ door: error statuses, slow answers and
// dropped connections, planned one request at a time or at random ("chaos").
// The behaviour each fault promises is listed in JodoSandbox.hpp.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "host_sim/sandbox/HttpMessage.hpp"

namespace jodo::sandbox {

enum class FaultKind {
    status_429,
    status_500,
    status_502,
    status_503,
    slow,
    drop_before,
    drop_after_commit
};

struct Fault {
    FaultKind kind;
    int delay_ms = 0;        // slow: sleep before answering
    int retry_after_s = -1;  // 429/503: send Retry-After when >= 0
};

struct ChaosFaults {
    double probability = 0.0;      // per /api/ request, chance that some fault is injected
    std::vector<FaultKind> kinds;  // chosen uniformly
    int slow_ms = 1500;
    std::uint64_t seed = 1;
    // Only requests whose path starts with this are drawn for ("" = every path),
    // e.g. "/api/v1/integrations/erp/" for the student APIs alone.
    std::string path_prefix;
};

struct FaultStats {
    std::map<FaultKind, std::size_t> injected;
    std::size_t total() const;
};

// "status_503", "drop_after_commit", ...
std::string to_string(FaultKind kind);
std::optional<FaultKind> fault_kind_from_string(const std::string& name);

// What the /api/ door must do with one request.
struct FaultDecision {
    std::optional<Reply> reply;  // answer this instead of processing (status_*, drop_before)
    bool lose_answer = false;    // process, then drop the connection (drop_after_commit)
};

// Thread-safe; one per sandbox.
class FaultInjector {
  public:
    FaultInjector();

    // Throws std::invalid_argument for a negative delay. A plan applies to requests
    // whose method is `method` (empty = any) and whose path starts with
    // `path_prefix` (empty = any).
    void inject_next(std::size_t count, Fault fault, std::string method,
                     std::string path_prefix = "");
    // Throws std::invalid_argument for a probability outside [0, 1] or a negative slow_ms.
    void set_chaos(ChaosFaults chaos);
    void clear();  // plans and chaos; wakes requests sleeping in a slow fault
    // Every /api/ request from now on waits `ms` before it is answered (the
    // network and Jodo's own time, as a real client sees it); 0 = none.
    // Not a fault: not counted, not cleared by clear(). Throws
    // std::invalid_argument for a negative value.
    void set_latency_ms(int ms);
    int latency_ms() const;
    FaultStats stats() const;

    // Called once per /api/ request, after it is counted: waits the latency,
    // picks the fault (if any), counts it, and for `slow` sleeps here before
    // returning.
    FaultDecision decide(const std::string& method, const std::string& path = "");

    // Ends every current slow-fault sleep early (the requests then proceed).
    void wake_sleepers();

  private:
    struct Plan {
        std::size_t remaining;
        Fault fault;
        std::string method;       // upper case; empty = any
        std::string path_prefix;  // empty = any
    };

    std::optional<Fault> pick_locked(const std::string& method, const std::string& path);
    void sleep_ms(int ms, std::uint64_t generation);

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::uint64_t wake_generation_ = 0;
    std::deque<Plan> plans_;
    ChaosFaults chaos_;
    int latency_ms_ = 0;
    std::mt19937_64 random_;
    FaultStats stats_;
};

// The error answer of a status_* fault: {"status":"error","code":"HUE00<status>",...},
// with Retry-After when fault.retry_after_s >= 0.
Reply fault_reply(const Fault& fault);

// /_sandbox/faults (loopback already checked by the caller):
//   POST   {"count":N,"kind":"status_503","delay_ms":D,"retry_after_s":S,"method":"POST",
//           "path":"/api/v1/integrations/erp/"}  (path: a prefix, optional)
//   DELETE clears plans and chaos
//   GET    {"injected":{"status_503":2,...},"total":2}
Reply handle_fault_control(FaultInjector& faults, const Request& request);

}  // namespace jodo::sandbox
