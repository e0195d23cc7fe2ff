// Whole requests go to worker threads; their answers come back to the
// poller as bytes, and a datagram wakes it for them.

#include "host_sim/http/PollingHttpServerImpl.hpp"

#include <sys/socket.h>

#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Timestamp.h>
#include <spdlog/spdlog.h>

namespace host_sim {

using namespace polling_http;

void PollingHttpServer::Impl::hand_over(Connection& c) {
    auto request = std::make_unique<BufferedRequest>(c.request.take(), c.peer, c.local, params_);
    c.in_flight = request->bytes();
    c.reserved = false;
    charge(c);
    c.phase = Phase::Working;
    watch(c, 0);  // what the peer sends meanwhile waits in the kernel
    Job job;
    job.id = c.id;
    job.may_keep_alive = !c.peer_done && c.served + 1 < kMaxKeepAliveRequests;
    job.request = std::move(request);
    submit(std::move(job));
}

void PollingHttpServer::Impl::submit(Job job) {
    std::lock_guard<std::mutex> lock(jobs_mutex_);
    jobs_.push_back(std::move(job));
    if (jobs_.size() > idle_workers_ && workers_.size() < kMaxWorkers)
        workers_.emplace_back([this] { work(); });
    jobs_ready_.notify_one();
}

void PollingHttpServer::Impl::work() {
    for (;;) {
        Job job;
        {
            std::unique_lock<std::mutex> lock(jobs_mutex_);
            ++idle_workers_;
            jobs_ready_.wait(lock, [this] { return workers_stop_ || !jobs_.empty(); });
            --idle_workers_;
            if (workers_stop_)
                return;
            job = std::move(jobs_.front());
            jobs_.pop_front();
        }
        Answer answer = serve(job);
        {
            std::lock_guard<std::mutex> lock(answers_mutex_);
            answers_.push_back(std::move(answer));
        }
        wake();
    }
}

// As Poco::Net::HTTPServerConnection serves one request, from memory.
PollingHttpServer::Impl::Answer PollingHttpServer::Impl::serve(Job& job) {
    BufferedRequest& request = *job.request;
    auto response = std::make_unique<BufferedResponse>();
    request.set_response(*response);
    response->setDate(Poco::Timestamp());
    response->setVersion(request.getVersion());
    bool keep_alive = job.may_keep_alive && request.framing_consumed() && request.getKeepAlive();
    response->setKeepAlive(keep_alive);
    try {
        std::unique_ptr<Poco::Net::HTTPRequestHandler> handler(
            handlers_->createRequestHandler(request));
        if (!handler)
            throw Poco::NotFoundException("no handler");
        handler->handleRequest(request, *response);
        if (!response->sent())
            throw Poco::IllegalStateException("the handler sent no answer");
    } catch (...) {
        // Not the message: it may quote what the request carried.
        spdlog::warn("plugin HTTP endpoint: {} {} failed in its handler; answered 500",
                     request.getMethod(), request.getURI().substr(0, request.getURI().find('?')));
        response = std::make_unique<BufferedResponse>();
        request.set_response(*response);
        response->setDate(Poco::Timestamp());
        response->setVersion(request.getVersion());
        response->setStatusAndReason(Poco::Net::HTTPResponse::HTTP_INTERNAL_SERVER_ERROR);
        response->setContentType("application/json");
        response->send() << R"({"status":"error","message":"the request could not be handled"})";
        keep_alive = false;
    }
    keep_alive = keep_alive && response->getKeepAlive() && !stopping_;
    response->setKeepAlive(keep_alive);
    Answer answer;
    answer.id = job.id;
    answer.bytes = response->serialize(request.getMethod() == Poco::Net::HTTPRequest::HTTP_HEAD);
    answer.close = !keep_alive;
    return answer;
}

void PollingHttpServer::Impl::wake() {
    if (wake_pending_.exchange(true))
        return;
    try {
        wake_tx_.sendTo("!", 1, wake_address_);
    } catch (const Poco::Exception&) {
        // The poller looks for answers every tick anyway.
    }
}

void PollingHttpServer::Impl::drain_wake() {
    char sink[64];
    while (::recv(wake_rx_.impl()->sockfd(), sink, sizeof sink, 0) > 0) {
    }
    wake_pending_ = false;  // before the answers are taken: none is missed
}

void PollingHttpServer::Impl::finish_answers() {
    std::deque<Answer> done;
    {
        std::lock_guard<std::mutex> lock(answers_mutex_);
        done.swap(answers_);
    }
    for (auto& answer : done) {
        const auto it = connections_.find(answer.id);
        if (it == connections_.end() || it->second->phase != Phase::Working)
            continue;
        Connection& c = *it->second;
        c.in_flight = 0;
        charge(c);
        ++c.served;
        if (c.out.empty())
            c.out = std::move(answer.bytes);
        else
            c.out += answer.bytes;
        c.close_after = answer.close;
        c.phase = Phase::Writing;
        c.deadline = now_ + kAnswerBudget;
        write_answer(c);
    }
}

}  // namespace host_sim
