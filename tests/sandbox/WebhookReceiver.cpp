#include "WebhookReceiver.hpp"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/StreamCopier.h>

namespace jodo::sandbox::test {

class WebhookReceiver::Handler : public Poco::Net::HTTPRequestHandler {
  public:
    explicit Handler(WebhookReceiver& owner) : owner_(owner) {}

    void handleRequest(Poco::Net::HTTPServerRequest& in,
                       Poco::Net::HTTPServerResponse& out) override {
        ReceivedRequest request;
        request.at = std::chrono::steady_clock::now();
        request.method = in.getMethod();
        request.path = in.getURI();
        request.peer_host = in.clientAddress().host().toString();
        request.headers = static_cast<const Poco::Net::NameValueCollection&>(in);
        if (in.hasContentLength() || in.getChunkedTransferEncoding())
            Poco::StreamCopier::copyToString(in.stream(), request.body);
        std::size_t index = 0;
        owner_.record(std::move(request), index);
        const Answer answer = owner_.answer_for(index);
        owner_.hold_answer(answer.delay_ms);
        out.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(answer.status));
        out.setContentType("application/json");
        const std::string body = "{\"received\":true}";
        out.setContentLength(static_cast<std::streamsize>(body.size()));
        out.send() << body;
    }

  private:
    WebhookReceiver& owner_;
};

class WebhookReceiver::Factory : public Poco::Net::HTTPRequestHandlerFactory {
  public:
    explicit Factory(WebhookReceiver& owner) : owner_(owner) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest&) override {
        return new Handler(owner_);
    }

  private:
    WebhookReceiver& owner_;
};

WebhookReceiver::WebhookReceiver() {
    Poco::Net::ServerSocket socket;
    socket.bind(Poco::Net::SocketAddress("127.0.0.1", 0), true, false);
    socket.listen(64);
    port_ = socket.address().port();
    Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(8);
    params->setKeepAlive(false);
    server_ = std::make_unique<Poco::Net::HTTPServer>(new Factory(*this), socket, params);
    server_->start();
}

WebhookReceiver::~WebhookReceiver() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        closing_ = true;
    }
    changed_.notify_all();
    server_->stopAll(true);
}

std::uint16_t WebhookReceiver::port() const {
    return port_;
}

std::string WebhookReceiver::url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
}

void WebhookReceiver::script(std::vector<Answer> answers, Answer fallback) {
    std::lock_guard<std::mutex> lock(mutex_);
    script_ = std::move(answers);
    fallback_ = fallback;
}

void WebhookReceiver::script_statuses(const std::vector<int>& statuses, int fallback) {
    std::vector<Answer> answers;
    for (int status : statuses)
        answers.push_back(Answer{status, 0});
    script(std::move(answers), Answer{fallback, 0});
}

std::vector<ReceivedRequest> WebhookReceiver::received() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return received_;
}

bool WebhookReceiver::wait_for(std::size_t count, int timeout_ms) const {
    std::unique_lock<std::mutex> lock(mutex_);
    return changed_.wait_for(lock, std::chrono::milliseconds(timeout_ms),
                             [&] { return received_.size() >= count; });
}

Answer WebhookReceiver::answer_for(std::size_t index) const {
    std::lock_guard<std::mutex> lock(mutex_);
    return index < script_.size() ? script_[index] : fallback_;
}

void WebhookReceiver::record(ReceivedRequest request, std::size_t& index) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        index = received_.size();
        received_.push_back(std::move(request));
    }
    changed_.notify_all();
}

void WebhookReceiver::hold_answer(int delay_ms) {
    if (delay_ms <= 0)
        return;
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait_for(lock, std::chrono::milliseconds(delay_ms), [&] { return closing_; });
}

}  // namespace jodo::sandbox::test
