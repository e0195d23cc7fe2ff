#include "host_sim/sandbox/FaultInjector.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <stdexcept>
#include <utility>

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>

namespace jodo::sandbox {

namespace {

const std::vector<FaultKind> kAllKinds = {
    FaultKind::status_429,       FaultKind::status_500, FaultKind::status_502,
    FaultKind::status_503,       FaultKind::slow,       FaultKind::drop_before,
    FaultKind::drop_after_commit};

std::string upper(std::string text) {
    for (char& c : text)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return text;
}

int fault_status(FaultKind kind) {
    switch (kind) {
        case FaultKind::status_429:
            return 429;
        case FaultKind::status_500:
            return 500;
        case FaultKind::status_502:
            return 502;
        case FaultKind::status_503:
            return 503;
        default:
            return 0;
    }
}

const char* fault_message(int status) {
    switch (status) {
        case 429:
            return "Too many requests: slow down and retry later";
        case 500:
            return "internal sandbox error";
        case 502:
            return "bad gateway: the upstream service did not answer";
        default:
            return "service temporarily unavailable: retry later";
    }
}

Poco::JSON::Object::Ptr new_object() {
    return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

Reply bad_control(const std::string& message) {
    return error_reply(400, kCodeBadRequest, message);
}

// A whole number member, or `fallback` when absent/null; throws std::invalid_argument.
long optional_int(const Poco::JSON::Object::Ptr& body, const std::string& key, long fallback) {
    if (!body->has(key) || body->isNull(key))
        return fallback;
    const Poco::Dynamic::Var value = body->get(key);
    if (!value.isInteger())
        throw std::invalid_argument(key + " must be a whole number");
    return value.convert<long>();
}

}  // namespace

std::size_t FaultStats::total() const {
    std::size_t sum = 0;
    for (const auto& [kind, count] : injected)
        sum += count;
    return sum;
}

std::string to_string(FaultKind kind) {
    switch (kind) {
        case FaultKind::status_429:
            return "status_429";
        case FaultKind::status_500:
            return "status_500";
        case FaultKind::status_502:
            return "status_502";
        case FaultKind::status_503:
            return "status_503";
        case FaultKind::slow:
            return "slow";
        case FaultKind::drop_before:
            return "drop_before";
        case FaultKind::drop_after_commit:
            return "drop_after_commit";
    }
    return "unknown";
}

std::optional<FaultKind> fault_kind_from_string(const std::string& name) {
    for (FaultKind kind : kAllKinds)
        if (to_string(kind) == name)
            return kind;
    return std::nullopt;
}

FaultInjector::FaultInjector() : random_(1) {}

void FaultInjector::inject_next(std::size_t count, Fault fault, std::string method,
                                std::string path_prefix) {
    if (fault.delay_ms < 0)
        throw std::invalid_argument("fault delay_ms must not be negative");
    if (count == 0)
        return;
    std::lock_guard<std::mutex> lock(mutex_);
    plans_.push_back(Plan{count, fault, upper(std::move(method)), std::move(path_prefix)});
}

void FaultInjector::set_chaos(ChaosFaults chaos) {
    if (!(chaos.probability >= 0.0 && chaos.probability <= 1.0))
        throw std::invalid_argument("chaos probability must be between 0 and 1");
    if (chaos.slow_ms < 0)
        throw std::invalid_argument("chaos slow_ms must not be negative");
    std::lock_guard<std::mutex> lock(mutex_);
    random_.seed(chaos.seed);
    chaos_ = std::move(chaos);
}

void FaultInjector::clear() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        plans_.clear();
        chaos_ = ChaosFaults{};
    }
    wake_sleepers();
}

void FaultInjector::set_latency_ms(int ms) {
    if (ms < 0)
        throw std::invalid_argument("latency must not be negative");
    std::lock_guard<std::mutex> lock(mutex_);
    latency_ms_ = ms;
}

int FaultInjector::latency_ms() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return latency_ms_;
}

FaultStats FaultInjector::stats() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return stats_;
}

void FaultInjector::wake_sleepers() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        ++wake_generation_;
    }
    wake_.notify_all();
}

std::optional<Fault> FaultInjector::pick_locked(const std::string& method,
                                                const std::string& path) {
    const std::string wanted = upper(method);
    for (auto it = plans_.begin(); it != plans_.end(); ++it) {
        if (!it->method.empty() && it->method != wanted)
            continue;
        if (path.rfind(it->path_prefix, 0) != 0)
            continue;
        const Fault fault = it->fault;
        if (--it->remaining == 0)
            plans_.erase(it);
        return fault;
    }
    if (chaos_.probability <= 0.0 || path.rfind(chaos_.path_prefix, 0) != 0)
        return std::nullopt;
    std::uniform_real_distribution<double> chance(0.0, 1.0);
    if (chance(random_) >= chaos_.probability)
        return std::nullopt;
    const std::vector<FaultKind>& kinds = chaos_.kinds.empty() ? kAllKinds : chaos_.kinds;
    std::uniform_int_distribution<std::size_t> which(0, kinds.size() - 1);
    Fault fault{kinds[which(random_)]};
    if (fault.kind == FaultKind::slow)
        fault.delay_ms = chaos_.slow_ms;
    return fault;
}

void FaultInjector::sleep_ms(int ms, std::uint64_t generation) {
    std::unique_lock<std::mutex> lock(mutex_);
    wake_.wait_for(lock, std::chrono::milliseconds(ms),
                   [&] { return wake_generation_ != generation; });
}

FaultDecision FaultInjector::decide(const std::string& method, const std::string& path) {
    std::optional<Fault> fault;
    std::uint64_t generation = 0;  // a wake-up from now on ends the sleep below
    int latency = 0;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        latency = latency_ms_;
        generation = wake_generation_;
    }
    if (latency > 0)
        sleep_ms(latency, generation);
    {
        std::lock_guard<std::mutex> lock(mutex_);
        fault = pick_locked(method, path);
        if (fault)
            ++stats_.injected[fault->kind];
        generation = wake_generation_;
    }
    FaultDecision decision;
    if (!fault)
        return decision;
    switch (fault->kind) {
        case FaultKind::slow:
            sleep_ms(fault->delay_ms, generation);
            break;
        case FaultKind::drop_before:
            decision.reply = Reply{};
            decision.reply->drop_connection = true;
            break;
        case FaultKind::drop_after_commit:
            decision.lose_answer = true;
            break;
        default:
            decision.reply = fault_reply(*fault);
            break;
    }
    return decision;
}

Reply fault_reply(const Fault& fault) {
    const int status = fault_status(fault.kind);
    if (status == 0)
        throw std::logic_error("fault " + to_string(fault.kind) + " has no HTTP status");
    Reply reply = error_reply(status, "HUE00" + std::to_string(status), fault_message(status));
    if (fault.retry_after_s >= 0)
        reply.headers.emplace_back("Retry-After", std::to_string(fault.retry_after_s));
    return reply;
}

Reply handle_fault_control(FaultInjector& faults, const Request& request) {
    if (request.method == "DELETE") {
        faults.clear();
        Poco::JSON::Object::Ptr body = new_object();
        body->set("status", "success");
        return json_reply(200, body);
    }
    if (request.method == "GET") {
        const FaultStats stats = faults.stats();
        Poco::JSON::Object::Ptr injected = new_object();
        for (const auto& [kind, count] : stats.injected)
            injected->set(to_string(kind), static_cast<Poco::UInt64>(count));
        Poco::JSON::Object::Ptr body = new_object();
        body->set("injected", injected);
        body->set("total", static_cast<Poco::UInt64>(stats.total()));
        return json_reply(200, body);
    }
    if (request.method != "POST")
        return method_not_allowed(request, "GET, POST, DELETE");

    Poco::JSON::Object::Ptr body;
    try {
        body = Poco::JSON::Parser().parse(request.body).extract<Poco::JSON::Object::Ptr>();
    } catch (const Poco::Exception&) {
        return bad_control("the body must be a JSON object");
    }
    if (!body)
        return bad_control("the body must be a JSON object");
    try {
        const std::string kind_name = body->optValue<std::string>("kind", "");
        const auto kind = fault_kind_from_string(kind_name);
        if (!kind)
            return bad_control("kind \"" + kind_name + "\" is not a fault kind");
        const long count = optional_int(body, "count", 1);
        if (count < 1 || count > 1000000)
            return bad_control("count must be between 1 and 1000000");
        Fault fault{*kind};
        const long delay_ms = optional_int(body, "delay_ms", 0);
        if (delay_ms < 0 || delay_ms > 600000)
            return bad_control("delay_ms must be between 0 and 600000");
        fault.delay_ms = static_cast<int>(delay_ms);
        const long retry_after_s = optional_int(body, "retry_after_s", -1);
        if (retry_after_s < -1 || retry_after_s > 86400)
            return bad_control("retry_after_s must be between -1 and 86400");
        fault.retry_after_s = static_cast<int>(retry_after_s);
        const std::string method = upper(body->optValue<std::string>("method", ""));
        const std::string path = body->optValue<std::string>("path", "");
        faults.inject_next(static_cast<std::size_t>(count), fault, method, path);

        Poco::JSON::Object::Ptr answer = new_object();
        answer->set("status", "success");
        answer->set("kind", to_string(fault.kind));
        answer->set("count", count);
        answer->set("method", method);
        answer->set("path", path);
        return json_reply(200, answer);
    } catch (const std::invalid_argument& e) {
        return bad_control(e.what());
    } catch (const Poco::Exception&) {
        return bad_control("kind and method must be strings");
    }
}

}  // namespace jodo::sandbox
