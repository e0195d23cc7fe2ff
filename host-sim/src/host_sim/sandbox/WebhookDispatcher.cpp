#include "host_sim/sandbox/WebhookDispatcher.hpp"

#include <algorithm>
#include <stdexcept>

#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/SocketAddress.h>
#include <spdlog/spdlog.h>

#include "host_sim/sandbox/SandboxErrors.hpp"
#include "host_sim/sandbox/SandboxState.hpp"

namespace jodo::sandbox {

namespace {

// A reordered event waits for the next event to overtake it; with none, it goes
// after this long (plus max_extra_delay_ms).
constexpr int kReorderWindowMs = 200;
// How much of a response body is read (and thrown away) before hanging up.
constexpr std::size_t kMaxDrainBytes = 64 * 1024;

bool has_line_break(const std::string& text) {
    return text.find_first_of("\r\n") != std::string::npos;
}

}  // namespace

WebhookDispatcher::~WebhookDispatcher() {
    try {
        stop();
    } catch (...) {
        // A destructor must not throw.
    }
}

void WebhookDispatcher::configure(WebhookOptions options) {
    std::optional<WebhookTarget> target;
    if (!options.url.empty())
        target = parse_webhook_url(options.url);
    if (options.timeout_ms <= 0)
        throw std::invalid_argument("webhook timeout_ms must be greater than zero");
    for (int delay : options.retry_delays_ms)
        if (delay < 0)
            throw std::invalid_argument("webhook retry delays must not be negative");
    if (options.header_name.find(':') != std::string::npos || has_line_break(options.header_name) ||
        has_line_break(options.header_value) ||
        (options.header_name.empty() && !options.header_value.empty()))
        throw std::invalid_argument(
            "webhook custom header needs a plain name and a one-line value");
    std::lock_guard<std::mutex> lock(mutex_);
    options_ = std::move(options);
    target_ = std::move(target);
    wake_.notify_all();
}

void WebhookDispatcher::set_chaos(WebhookChaos chaos) {
    auto probability = [](double p) { return p >= 0.0 && p <= 1.0; };
    if (!probability(chaos.duplicate) || !probability(chaos.drop) || !probability(chaos.reorder))
        throw std::invalid_argument("webhook chaos probabilities must be between 0 and 1");
    if (chaos.max_extra_delay_ms < 0)
        throw std::invalid_argument("webhook chaos max_extra_delay_ms must not be negative");
    std::lock_guard<std::mutex> lock(mutex_);
    chaos_ = chaos;
    chaos_on_ =
        chaos.duplicate > 0 || chaos.drop > 0 || chaos.reorder > 0 || chaos.max_extra_delay_ms > 0;
    chaos_rng_.seed(chaos.seed);
}

void WebhookDispatcher::drop_next(std::size_t n) {
    std::lock_guard<std::mutex> lock(mutex_);
    drop_next_ = n;
}

void WebhookDispatcher::duplicate_next(std::size_t n) {
    std::lock_guard<std::mutex> lock(mutex_);
    duplicate_next_ = n;
}

void WebhookDispatcher::hold() {
    std::lock_guard<std::mutex> lock(mutex_);
    holding_ = true;
}

void WebhookDispatcher::release(bool reverse_order) {
    std::lock_guard<std::mutex> lock(mutex_);
    holding_ = false;
    std::vector<std::size_t> held;
    held.swap(held_);
    if (reverse_order)
        std::reverse(held.begin(), held.end());
    const auto now = Clock::now();
    for (std::size_t index : held)
        admit_locked(index, now);
}

void WebhookDispatcher::order_changed(OrderChange change, const OrderRecord& record,
                                      std::int64_t now, const AnswerShape& shape) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!target_)
        return;
    const std::string event = webhook_event_name(record.order.kind, change);
    emit_locked(event, record.order.order_id, [&](const std::string& event_id) {
        return webhook_body(event_id, event, now, record, shape);
    });
}

void WebhookDispatcher::emit(const std::string& event, const std::string& subject_id,
                             const BodyWriter& body_of) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (target_)
        emit_locked(event, subject_id, body_of);
}

std::string WebhookDispatcher::send_event(SandboxState& state, const std::string& event,
                                          const std::string& order_id) {
    if (event.empty())
        throw OrderConflict("a webhook event needs a name");
    // Outside our lock: reading may apply lazy expiry, which reports back here.
    auto record = state.get(order_id);
    if (!record)
        throw OrderNotFound(order_id);
    const std::int64_t now = state.now();
    const AnswerShape shape = state.answer_shape();
    std::lock_guard<std::mutex> lock(mutex_);
    if (!target_)
        throw OrderConflict("webhooks are not configured: set a webhook URL first");
    return emit_locked(event, order_id, [&](const std::string& event_id) {
        return webhook_body(event_id, event, now, *record, shape);
    });
}

std::vector<WebhookDelivery> WebhookDispatcher::log() const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<WebhookDelivery> out;
    out.reserve(log_.size());
    for (const auto& entry : log_)
        out.push_back(entry.delivery);
    return out;
}

bool WebhookDispatcher::wait_idle(int timeout_ms) {
    std::unique_lock<std::mutex> lock(mutex_);
    return idle_.wait_for(lock, std::chrono::milliseconds(std::max(timeout_ms, 0)),
                          [this] { return idle_locked(); });
}

void WebhookDispatcher::start() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (thread_.joinable())
        return;
    stopping_ = false;
    thread_ = std::thread([this] { run(); });
}

void WebhookDispatcher::stop() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
        if (in_flight_socket_) {
            try {
                in_flight_socket_->shutdown();  // wakes the thread blocked on it
            } catch (const Poco::Exception&) {
                // Already closed by the peer: the attempt is ending anyway.
            }
        }
        wake_.notify_all();
    }
    if (thread_.joinable())
        thread_.join();
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.clear();
    parked_.clear();
    held_.clear();
    stopping_ = false;
    idle_.notify_all();
}

std::string WebhookDispatcher::emit_locked(const std::string& event, const std::string& subject_id,
                                           const BodyWriter& body_of) {
    Entry entry;
    entry.delivery.event_id = new_webhook_event_id();
    entry.delivery.event = event;
    entry.delivery.order_id = subject_id;
    entry.delivery.body = body_of(entry.delivery.event_id);
    const std::string event_id = entry.delivery.event_id;

    // Every chaos draw is made for every event, so one seed gives one sequence.
    bool drop = false, duplicate = false, reorder = false;
    int extra_delay_ms = 0;
    if (chaos_on_) {
        drop = chance_locked() < chaos_.drop;
        duplicate = chance_locked() < chaos_.duplicate;
        reorder = chance_locked() < chaos_.reorder;
        if (chaos_.max_extra_delay_ms > 0)
            extra_delay_ms = static_cast<int>(
                chaos_rng_() % (static_cast<std::uint64_t>(chaos_.max_extra_delay_ms) + 1));
    }
    if (drop_next_ > 0) {  // the explicit switches win over chaos
        --drop_next_;
        drop = true;
        duplicate = false;
    } else if (duplicate_next_ > 0) {
        --duplicate_next_;
        duplicate = true;
        drop = false;
    }

    entry.delivery.dropped = drop;
    log_.push_back(entry);
    std::vector<std::size_t> indices{log_.size() - 1};
    if (drop) {
        spdlog::debug("jodo sandbox: webhook {} {} dropped", event, event_id);
        return event_id;
    }
    if (duplicate) {
        log_.push_back(entry);
        indices.push_back(log_.size() - 1);
    }
    const auto due = Clock::now() + std::chrono::milliseconds(extra_delay_ms);
    if (reorder && parked_.empty()) {  // the next event will overtake this one
        parked_until_ =
            Clock::now() + std::chrono::milliseconds(kReorderWindowMs + chaos_.max_extra_delay_ms);
        parked_ = indices;
        wake_.notify_all();
    } else {
        for (std::size_t index : indices)
            admit_locked(index, due);
        flush_parked_locked();  // what was parked goes after this event
    }
    return event_id;
}

void WebhookDispatcher::admit_locked(std::size_t index, Clock::time_point due) {
    if (holding_) {
        held_.push_back(index);
    } else {
        queue_.insert(Due{due, next_seq_++, index});
        wake_.notify_all();
    }
}

void WebhookDispatcher::flush_parked_locked() {
    if (parked_.empty())
        return;
    std::vector<std::size_t> parked;
    parked.swap(parked_);
    const auto now = Clock::now();
    for (std::size_t index : parked)
        admit_locked(index, now);
    idle_.notify_all();
}

bool WebhookDispatcher::idle_locked() const {
    return queue_.empty() && parked_.empty() && !in_flight_;
}

double WebhookDispatcher::chance_locked() {
    // 53 random bits -> [0, 1), the same on every platform for one seed.
    return static_cast<double>(chaos_rng_() >> 11) * (1.0 / 9007199254740992.0);
}

void WebhookDispatcher::run() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!stopping_) {
        const auto now = Clock::now();
        if (!parked_.empty() && now >= parked_until_)
            flush_parked_locked();
        if (queue_.empty() || queue_.begin()->at > now) {
            std::optional<Clock::time_point> next;
            if (!queue_.empty())
                next = queue_.begin()->at;
            if (!parked_.empty())
                next = next ? std::min(*next, parked_until_) : parked_until_;
            if (next)
                wake_.wait_until(lock, *next);
            else
                wake_.wait(lock);
            continue;
        }

        const Due due = *queue_.begin();
        queue_.erase(queue_.begin());
        if (!target_) {  // webhooks switched off meanwhile: give the event up
            idle_.notify_all();
            continue;
        }
        const WebhookTarget target = *target_;
        const WebhookOptions options = options_;
        const std::string body = log_[due.index].delivery.body;
        in_flight_ = true;
        lock.unlock();
        const int status = attempt(target, options, body);
        lock.lock();
        in_flight_ = false;

        Entry& entry = log_[due.index];
        ++entry.delivery.attempts;
        entry.delivery.last_status = status;
        if (status >= 200 && status < 300) {
            entry.delivery.delivered = true;
        } else if (!stopping_ && entry.retries < options_.retry_delays_ms.size()) {
            const int delay = options_.retry_delays_ms[entry.retries++];
            queue_.insert(
                Due{Clock::now() + std::chrono::milliseconds(delay), next_seq_++, due.index});
        }
        spdlog::debug("jodo sandbox: webhook {} attempt {} -> {}", entry.delivery.event,
                      entry.delivery.attempts, status);
        idle_.notify_all();
    }
}

int WebhookDispatcher::attempt(const WebhookTarget& target, const WebhookOptions& options,
                               const std::string& body) {
    // While published, stop() may shut the socket down; it is unpublished (under
    // the lock) before the session closes it, so stop() never touches a closed fd.
    struct Published {
        WebhookDispatcher& self;
        bool ok = false;
        Published(WebhookDispatcher& dispatcher, const Poco::Net::StreamSocket& socket)
            : self(dispatcher) {
            std::lock_guard<std::mutex> lock(self.mutex_);
            if (self.stopping_)
                return;
            self.in_flight_socket_ = socket;
            ok = true;
        }
        ~Published() {
            std::lock_guard<std::mutex> lock(self.mutex_);
            self.in_flight_socket_.reset();
        }
    };

    const Poco::Timespan timeout(static_cast<Poco::Timespan::TimeDiff>(options.timeout_ms) * 1000);
    try {
        Poco::Net::StreamSocket socket;
        socket.connect(Poco::Net::SocketAddress(target.connect_host, target.port), timeout);
        socket.setSendTimeout(timeout);
        socket.setReceiveTimeout(timeout);
        socket.setNoDelay(true);
        Poco::Net::HTTPClientSession session(socket);  // no host: never reconnects elsewhere
        session.setTimeout(timeout);
        Published published(*this, socket);  // destroyed before the session closes
        if (!published.ok)
            return 0;

        Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, target.path,
                                       Poco::Net::HTTPMessage::HTTP_1_1);
        request.setHost(target.host, target.port);
        request.setKeepAlive(false);
        request.setContentType("application/json");
        request.setContentLength(static_cast<std::streamsize>(body.size()));
        request.set("User-Agent", "jodo-sandbox-webhooks/1.0");
        if (!options.secret.empty())
            request.set("X-Jodo-Signature", webhook_signature(options.secret, body));
        if (!options.header_name.empty())
            request.set(options.header_name, options.header_value);
        session.sendRequest(request) << body;

        Poco::Net::HTTPResponse response;
        std::istream& in = session.receiveResponse(response);
        const int status = static_cast<int>(response.getStatus());
        try {  // the status is what counts; a body that stalls or breaks off does not
            char buffer[4096];
            std::size_t drained = 0;
            while (drained < kMaxDrainBytes && in.read(buffer, sizeof buffer))
                drained += sizeof buffer;
        } catch (const std::exception&) {
        }
        return status;
    } catch (const Poco::Exception& e) {
        spdlog::debug("jodo sandbox: webhook attempt failed: {}", e.displayText());
    } catch (const std::exception& e) {
        spdlog::debug("jodo sandbox: webhook attempt failed: {}", e.what());
    }
    return 0;
}

}  // namespace jodo::sandbox
