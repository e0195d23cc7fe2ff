#pragma once

#include <memory>
#include <sstream>
#include <streambuf>
#include <string>

#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/SocketAddress.h>

#include "host_sim/http/RequestAssembler.hpp"

namespace host_sim {

// A request and its answer in memory, for Poco's request handlers: the
// server's poller has read the whole request off the connection before a
// worker runs the handler, and writes the answer out after it. A handler
// never touches the socket, so a slow or silent peer never holds a worker.

// The body, read from memory. Reading past its end fails (badbit on the
// stream) when the request said so (a chunked body cut off).
class BodyBuffer final : public std::streambuf {
  public:
    void assign(std::string bytes, bool fails_at_end);

  protected:
    int_type underflow() override;

  private:
    std::string bytes_;
    bool fails_at_end_ = false;
};

class BufferedRequest final : public Poco::Net::HTTPServerRequest {
  public:
    BufferedRequest(RequestAssembler::Request request, Poco::Net::SocketAddress client,
                    Poco::Net::SocketAddress server, Poco::Net::HTTPServerParams::Ptr params);

    // The body went unread: the connection closes after the answer.
    bool framing_consumed() const { return framing_consumed_; }
    std::size_t bytes() const { return bytes_; }
    void set_response(Poco::Net::HTTPServerResponse& response) { response_ = &response; }

    std::istream& stream() override { return body_stream_; }
    const Poco::Net::SocketAddress& clientAddress() const override { return client_; }
    const Poco::Net::SocketAddress& serverAddress() const override { return server_; }
    const Poco::Net::HTTPServerParams& serverParams() const override { return *params_; }
    Poco::Net::HTTPServerResponse& response() const override { return *response_; }
    bool secure() const override { return false; }

  private:
    Poco::Net::SocketAddress client_;
    Poco::Net::SocketAddress server_;
    Poco::Net::HTTPServerParams::Ptr params_;
    Poco::Net::HTTPServerResponse* response_ = nullptr;
    BodyBuffer body_;
    std::istream body_stream_;
    bool framing_consumed_;
    std::size_t bytes_;
};

class BufferedResponse final : public Poco::Net::HTTPServerResponse {
  public:
    BufferedResponse() = default;

    void sendContinue() override {}  // the poller sends "100 Continue" when asked
    std::ostream& send() override;
    void sendFile(const std::string& path, const std::string& media_type) override;
    void sendBuffer(const void* buffer, std::size_t length) override;
    void redirect(const std::string& uri, HTTPStatus status = HTTP_FOUND) override;
    void requireAuthentication(const std::string& realm) override;
    bool sent() const override { return sent_; }

    // Status line, header and body, as they go on the wire. The
    // Content-Length is the body's own (whatever the handler set); no body
    // for HEAD.
    std::string serialize(bool head_request);

  private:
    std::ostringstream body_;
    bool sent_ = false;
};

// A complete answer the server gives on its own (no handler): JSON
// {"status":"error","message":...}, and the connection closes after it.
std::string refusal_bytes(int status, const std::string& message);

}  // namespace host_sim
