#include "host_sim/http/PluginRequestHandler.hpp"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/String.h>

namespace host_sim {

namespace {

constexpr std::streamsize kMaxBody = 1 << 20;  // a webhook is a few KiB; refuse floods

std::string json_error(const std::string& message) {
    return R"({"status":"error","message":")" + message + R"("})";
}

void answer(Poco::Net::HTTPServerResponse& response, int status, const std::string& content_type,
            const std::string& body) {
    response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status),
                                reason_phrase(status));
    response.setContentType(content_type);
    response.setContentLength(static_cast<std::streamsize>(body.size()));
    response.send() << body;
}

struct Body {
    std::string bytes;
    int refusal_status = 0;  // non-zero: answer this and do not call the plugin
    std::string refusal;
};

Body refuse(int status, const std::string& why) {
    Body body;
    body.refusal_status = status;
    body.refusal = why;
    return body;
}

Body read_body(Poco::Net::HTTPServerRequest& request) {
    const bool chunked = request.getChunkedTransferEncoding();
    if (request.has("Transfer-Encoding") && !chunked)
        return refuse(400, "only the chunked Transfer-Encoding is accepted");
    if (chunked && request.hasContentLength())
        return refuse(400,
                      "both Content-Length and Transfer-Encoding: one of them would be ignored");
    const std::streamsize announced = request.hasContentLength() ? request.getContentLength() : -1;
    if (request.hasContentLength() && announced < 0)
        return refuse(400, "Content-Length is negative");
    if (announced > kMaxBody)
        return refuse(413, "the body is larger than 1 MiB");
    if (!chunked && announced < 0)
        return {};  // no body announced: none was sent (RFC 9112 6.3)

    Body body;
    char buffer[8192];
    std::istream& in = request.stream();
    // Chunked bodies announce no length: stop reading at the limit.
    while (in.read(buffer, sizeof(buffer)) || in.gcount() > 0) {
        body.bytes.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (body.bytes.size() > static_cast<std::size_t>(kMaxBody))
            return refuse(413, "the body is larger than 1 MiB");
    }
    // The server read the body before this handler ran: a chunked body cut
    // off before its last chunk (the connection closed, or went silent) or
    // with framing that cannot be read makes the stream go bad; a
    // Content-Length body cut off just ends.
    if (in.bad())
        return refuse(400, "the body could not be read to its end");
    if (!chunked && static_cast<std::streamsize>(body.bytes.size()) != announced)
        return refuse(400, "the body ended after " + std::to_string(body.bytes.size()) + " of " +
                               std::to_string(announced) + " bytes (Content-Length)");
    return body;
}

class PluginHandler final : public Poco::Net::HTTPRequestHandler {
  public:
    explicit PluginHandler(PluginPtr plugin) : plugin_(std::move(plugin)) {}

    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override {
        erp_plugin::HttpRequest in;
        in.method = request.getMethod();
        in.path = request.getURI().substr(0, request.getURI().find('?'));
        in.source_address = request.clientAddress().host().toString();
        for (const auto& [name, value] : request)
            in.headers.emplace_back(name, value);
        Body body = read_body(request);
        if (body.refusal_status != 0) {
            // The rest of the connection cannot be trusted to start a request.
            response.setKeepAlive(false);
            answer(response, body.refusal_status, "application/json", json_error(body.refusal));
            return;
        }
        in.body = std::move(body.bytes);
        const erp_plugin::HttpResponse out = plugin_->handle_http(in);
        answer(response, out.status, out.content_type, out.body);
    }

  private:
    PluginPtr plugin_;
};

class NotFoundHandler final : public Poco::Net::HTTPRequestHandler {
  public:
    void handleRequest(Poco::Net::HTTPServerRequest&,
                       Poco::Net::HTTPServerResponse& response) override {
        response.setKeepAlive(false);  // its body, if any, was not read
        answer(response, 404, "application/json", json_error("no plugin serves this path"));
    }
};

}  // namespace

std::string reason_phrase(int status) {
    const std::string poco = Poco::Net::HTTPResponse::getReasonForStatus(
        static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
    if (poco != Poco::Net::HTTPResponse::HTTP_REASON_UNKNOWN)
        return poco;
    if (status >= 500)
        return "Server Error";
    if (status >= 400)
        return "Client Error";
    if (status >= 300)
        return "Redirection";
    return status >= 200 ? "Success" : "Informational";
}

Poco::Net::HTTPRequestHandler* PluginRequestHandlers::createRequestHandler(
    const Poco::Net::HTTPServerRequest& request) {
    const std::string path = request.getURI().substr(0, request.getURI().find('?'));
    for (const auto& route : routes_)
        if (path == route.prefix || path.rfind(route.prefix + "/", 0) == 0)
            return new PluginHandler(route.plugin);
    if (others_)
        if (auto* handler = others_->createRequestHandler(request))
            return handler;
    return new NotFoundHandler;
}

}  // namespace host_sim
