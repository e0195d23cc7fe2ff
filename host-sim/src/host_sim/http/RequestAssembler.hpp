#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include <Poco/Net/HTTPRequest.h>

namespace host_sim {

// Gathers one HTTP/1.1 request from a connection's bytes as they arrive,
// without ever waiting for them: the server's poller feeds it what each read
// brought, and hands the request to a worker only once it is whole. The
// header is parsed by Poco (HTTPRequest::read, with Poco's limits on names,
// values and fields) from memory; the body is framed here as the header says
// (Content-Length, or chunked and decoded here).
//
// Bounds: the request line and header take at most kMaxHeaderBytes (else
// 431), a body at most kMaxBodyBytes (the largest any route takes: a webhook;
// the invoice screen's forms are smaller). A body announced larger is not
// read: the request goes on at once and its handler refuses it (413).
class RequestAssembler {
  public:
    static constexpr std::size_t kMaxHeaderBytes = 32 * 1024;
    static constexpr std::size_t kMaxBodyBytes = 1 << 20;

    enum class State {
        Header,    // waiting for the rest of the header
        Body,      // the header is whole; waiting for the rest of the body
        Complete,  // take() it
        Refused,   // answer refusal_status() and close: what follows cannot be trusted
    };

    // The request, once Complete.
    struct Request {
        Poco::Net::HTTPRequest header;
        std::string body;
        // Reading the body past its end fails (the stream goes bad): a
        // chunked body that stopped before its last chunk, or whose framing
        // cannot be read. A Content-Length body that stopped early simply
        // ends: its handler sees it is short.
        bool body_fails_at_end = false;
        // The body was read off the connection to its end: the next bytes
        // start the next request. When false, the connection must close
        // after the answer.
        bool framing_consumed = true;
    };

    // Bytes read off the connection.
    void append(const char* data, std::size_t size) { raw_.append(data, size); }
    // Parses and frames what has arrived.
    State advance();
    // Nothing more will arrive for this request (the peer closed its side,
    // or went silent): a request whose header is whole is Complete, with
    // the body it has; otherwise the state stays Header (nothing to answer).
    State end_of_input();
    // The header asks for "100 Continue" before the body: true once, when
    // it should be sent now.
    bool take_continue();

    // Once Complete: the request. The assembler starts on the next request
    // with the bytes that followed this one.
    Request take();

    // Any byte of a request has arrived (blank lines before a request
    // line do not count).
    bool started() const { return state_ != State::Header || !raw_.empty(); }
    // Request bytes held in memory (unparsed bytes and the body so far).
    std::size_t held() const { return raw_.size() + request_.body.size(); }
    // While a Content-Length body is arriving: its length; else 0.
    std::size_t announced_body() const {
        return state_ == State::Body && !chunked_ ? static_cast<std::size_t>(length_) : 0;
    }
    int refusal_status() const { return refusal_status_; }
    const std::string& refusal() const { return refusal_; }
    // Drops everything held (the connection is closing).
    void clear();

  private:
    enum class Chunk { SizeLine, Data, DataEnd, Trailer };

    State parse_header();
    State read_body();
    State decode_chunks();
    State complete(bool consumed);
    State refuse(int status, const std::string& why);
    std::size_t header_end();

    State state_ = State::Header;
    std::string raw_;          // bytes read and not consumed yet
    std::size_t scan_ = 0;     // where the search for the header's end resumes
    Request request_;          // being assembled
    bool chunked_ = false;     // else: Content-Length
    std::int64_t length_ = 0;  // Content-Length
    Chunk chunk_ = Chunk::SizeLine;
    std::uint64_t chunk_left_ = 0;
    std::size_t trailer_bytes_ = 0;
    bool continue_wanted_ = false;
    int refusal_status_ = 0;
    std::string refusal_;
};

}  // namespace host_sim
