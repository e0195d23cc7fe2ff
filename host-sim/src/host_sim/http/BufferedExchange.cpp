#include "host_sim/http/BufferedExchange.hpp"

#include <fstream>

#include <Poco/Exception.h>
#include <Poco/Timestamp.h>

#include "host_sim/http/PluginRequestHandler.hpp"

namespace host_sim {

void BodyBuffer::assign(std::string bytes, bool fails_at_end) {
    bytes_ = std::move(bytes);
    fails_at_end_ = fails_at_end;
    char* begin = bytes_.data();
    setg(begin, begin, begin + bytes_.size());
}

BodyBuffer::int_type BodyBuffer::underflow() {
    if (gptr() < egptr())
        return traits_type::to_int_type(*gptr());
    // The stream catches this and goes bad, as Poco's own body streams do
    // when the connection fails under them.
    if (fails_at_end_)
        throw Poco::IOException("the body ended before its framing did");
    return traits_type::eof();
}

BufferedRequest::BufferedRequest(RequestAssembler::Request request, Poco::Net::SocketAddress client,
                                 Poco::Net::SocketAddress server,
                                 Poco::Net::HTTPServerParams::Ptr params)
    : client_(std::move(client)),
      server_(std::move(server)),
      params_(std::move(params)),
      body_stream_(&body_),
      framing_consumed_(request.framing_consumed),
      bytes_(request.body.size()) {
    Poco::Net::HTTPRequest::operator=(request.header);
    body_.assign(std::move(request.body), request.body_fails_at_end);
}

std::ostream& BufferedResponse::send() {
    sent_ = true;
    return body_;
}

void BufferedResponse::sendFile(const std::string& path, const std::string& media_type) {
    std::ifstream file(path, std::ios::binary);
    if (!file)
        throw Poco::OpenFileException(path);
    setContentType(media_type);
    send() << file.rdbuf();
}

void BufferedResponse::sendBuffer(const void* buffer, std::size_t length) {
    send().write(static_cast<const char*>(buffer), static_cast<std::streamsize>(length));
}

void BufferedResponse::redirect(const std::string& uri, HTTPStatus status) {
    setStatusAndReason(status);
    set("Location", uri);
    send();
}

void BufferedResponse::requireAuthentication(const std::string& realm) {
    setStatusAndReason(HTTP_UNAUTHORIZED);
    set("WWW-Authenticate", "Basic realm=\"" + realm + "\"");
    send();
}

std::string BufferedResponse::serialize(bool head_request) {
    std::string body = body_.str();
    setChunkedTransferEncoding(false);  // the whole body is here: it has a length
    const int status = static_cast<int>(getStatus());
    const bool bodiless = status < 200 || status == 204 || status == 304;
    if (bodiless) {
        setContentLength(UNKNOWN_CONTENT_LENGTH);
        body.clear();
    } else {
        setContentLength64(static_cast<Poco::Int64>(body.size()));
    }
    std::ostringstream out;
    write(out);
    if (!head_request)
        out << body;
    return out.str();
}

std::string refusal_bytes(int status, const std::string& message) {
    BufferedResponse response;
    response.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);
    response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status),
                                reason_phrase(status));
    response.setDate(Poco::Timestamp());
    response.setKeepAlive(false);
    response.setContentType("application/json");
    response.send() << R"({"status":"error","message":")" << message << R"("})";
    return response.serialize(false);
}

}  // namespace host_sim
