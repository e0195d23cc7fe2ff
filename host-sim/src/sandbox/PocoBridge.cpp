#include "sandbox/PocoBridge.hpp"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/StreamCopier.h>
#include <spdlog/spdlog.h>

namespace jodo::sandbox {

namespace {

class RouterHandler : public Poco::Net::HTTPRequestHandler {
  public:
    explicit RouterHandler(Router& router) : router_(router) {}

    void handleRequest(Poco::Net::HTTPServerRequest& in,
                       Poco::Net::HTTPServerResponse& out) override {
        Request request;
        request.method = in.getMethod();
        const std::string& uri = in.getURI();
        const auto question = uri.find('?');
        request.path = uri.substr(0, question);
        if (question != std::string::npos)
            request.query = uri.substr(question + 1);
        request.authorization = in.get("Authorization", "");
        request.from_loopback = in.clientAddress().host().isLoopback();
        // RFC 7230 3.3.3: without Content-Length or chunked coding a request has no
        // body. (Poco 1.11 would otherwise read until the client closes.)
        if (in.hasContentLength() || in.getChunkedTransferEncoding())
            Poco::StreamCopier::copyToString(in.stream(), request.body);

        const Reply reply = router_.dispatch(request);
        // Method, path and status only: never headers, credentials or bodies.
        spdlog::debug("jodo sandbox: {} {} -> {}", request.method, request.path, reply.status);

        out.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(reply.status));
        for (const auto& [name, value] : reply.headers)
            out.set(name, value);
        if (!reply.content_type.empty())
            out.setContentType(reply.content_type);
        out.setContentLength(static_cast<std::streamsize>(reply.body.size()));
        out.send() << reply.body;
    }

  private:
    Router& router_;
};

}  // namespace

RouterHandlerFactory::RouterHandlerFactory(Router& router) : router_(router) {}

Poco::Net::HTTPRequestHandler* RouterHandlerFactory::createRequestHandler(
    const Poco::Net::HTTPServerRequest&) {
    return new RouterHandler(router_);
}

}  // namespace jodo::sandbox
