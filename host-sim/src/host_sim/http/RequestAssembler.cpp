#include "host_sim/http/RequestAssembler.hpp"

#include <algorithm>
#include <sstream>

#include <Poco/Exception.h>
#include <Poco/String.h>

namespace host_sim {

namespace {

constexpr std::size_t kMaxChunkLine = 1024;     // the size and its extensions
constexpr std::size_t kMaxTrailerBytes = 8192;  // fields after the last chunk
constexpr int kMaxHexDigits = 15;               // a chunk size below 2^60

const char* const kUnreadable = "the request line or a header cannot be read";

int hex_value(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

}  // namespace

RequestAssembler::State RequestAssembler::advance() {
    if (state_ == State::Header)
        state_ = parse_header();
    if (state_ == State::Body)
        state_ = read_body();
    return state_;
}

RequestAssembler::State RequestAssembler::end_of_input() {
    if (state_ != State::Body)
        return state_;
    // Poco cannot tell a chunked body cut off by the connection from a
    // whole one; here it is known: the last chunk did not come.
    if (chunked_)
        request_.body_fails_at_end = true;
    return complete(false);
}

bool RequestAssembler::take_continue() {
    if (!continue_wanted_)
        return false;
    continue_wanted_ = false;
    // Only while nothing of the body has come: a client that sent it
    // anyway does not wait for the answer.
    return state_ == State::Body && raw_.empty() && request_.body.empty();
}

RequestAssembler::Request RequestAssembler::take() {
    Request out = std::move(request_);
    request_ = Request{};
    if (!out.framing_consumed)
        raw_.clear();  // what follows an unread body starts no request
    state_ = State::Header;
    scan_ = 0;
    chunked_ = false;
    length_ = 0;
    chunk_ = Chunk::SizeLine;
    chunk_left_ = 0;
    trailer_bytes_ = 0;
    continue_wanted_ = false;
    return out;
}

void RequestAssembler::clear() {
    take();
    std::string().swap(raw_);
}

RequestAssembler::State RequestAssembler::parse_header() {
    // Blank lines before a request line are ignored (RFC 9112 2.2).
    if (scan_ == 0 && !raw_.empty()) {
        const auto first = raw_.find_first_not_of("\r\n");
        if (first == std::string::npos) {
            raw_.clear();
            return State::Header;
        }
        raw_.erase(0, first);
    }
    const std::size_t end = header_end();
    if (end == std::string::npos) {
        if (raw_.size() > kMaxHeaderBytes)
            return refuse(431, "the request header is larger than 32 KiB");
        return State::Header;
    }
    if (end > kMaxHeaderBytes)
        return refuse(431, "the request header is larger than 32 KiB");
    try {
        std::istringstream in(raw_.substr(0, end));
        request_.header.read(in);
    } catch (const Poco::Exception&) {
        return refuse(400, kUnreadable);  // a malformed request line or header
    }
    raw_.erase(0, end);
    scan_ = 0;

    const Poco::Net::HTTPRequest& header = request_.header;
    chunked_ = header.getChunkedTransferEncoding();
    const bool other_coding = header.has(Poco::Net::HTTPMessage::TRANSFER_ENCODING) && !chunked_;
    const bool has_length = header.hasContentLength();
    std::int64_t length = 0;
    std::string first_length;
    for (const auto& [name, value] : header) {
        if (Poco::icompare(name, Poco::Net::HTTPMessage::CONTENT_LENGTH) != 0)
            continue;
        if (first_length.empty())
            first_length = value;
        else if (value != first_length)
            return refuse(400, "two different Content-Length headers");
    }
    if (has_length) {
        try {
            length = header.getContentLength64();
        } catch (const Poco::Exception&) {
            return refuse(400, kUnreadable);  // "abc", or beyond 64 bits
        }
    }
    // Framing the handler refuses (another coding, both, a negative or too
    // large length): the body is not read, and the connection closes after
    // the answer.
    if (other_coding || (chunked_ && has_length) ||
        (has_length && (length < 0 || length > static_cast<std::int64_t>(kMaxBodyBytes))))
        return complete(false);
    continue_wanted_ =
        header.getExpectContinue() && header.getVersion() == Poco::Net::HTTPMessage::HTTP_1_1;
    if (chunked_)
        return State::Body;
    if (has_length && length > 0) {
        length_ = length;
        return State::Body;
    }
    return complete(true);  // no Content-Length, no Transfer-Encoding: no body (RFC 9112 6.3)
}

RequestAssembler::State RequestAssembler::read_body() {
    if (chunked_)
        return decode_chunks();
    const std::size_t missing = static_cast<std::size_t>(length_) - request_.body.size();
    const std::size_t take = std::min(missing, raw_.size());
    request_.body.append(raw_, 0, take);
    raw_.erase(0, take);
    return take == missing ? complete(true) : State::Body;
}

RequestAssembler::State RequestAssembler::decode_chunks() {
    auto broken = [this] {
        request_.body_fails_at_end = true;
        return complete(false);
    };
    for (;;) {
        switch (chunk_) {
            case Chunk::SizeLine: {
                const auto eol = raw_.find('\n');
                if (eol == std::string::npos)
                    return raw_.size() > kMaxChunkLine ? broken() : State::Body;
                if (eol > kMaxChunkLine)
                    return broken();
                std::string line = raw_.substr(0, eol);
                raw_.erase(0, eol + 1);
                if (!line.empty() && line.back() == '\r')
                    line.pop_back();
                std::uint64_t size = 0;
                std::size_t digits = 0;
                for (; digits < line.size() && hex_value(line[digits]) >= 0; ++digits) {
                    if (digits == kMaxHexDigits)
                        return broken();
                    size = size * 16 + static_cast<std::uint64_t>(hex_value(line[digits]));
                }
                if (digits == 0 || (digits < line.size() && line[digits] != ';' &&
                                    line[digits] != ' ' && line[digits] != '\t'))
                    return broken();
                chunk_left_ = size;
                chunk_ = size == 0 ? Chunk::Trailer : Chunk::Data;
                break;
            }
            case Chunk::Data: {
                const std::size_t take =
                    static_cast<std::size_t>(std::min<std::uint64_t>(chunk_left_, raw_.size()));
                request_.body.append(raw_, 0, take);
                raw_.erase(0, take);
                chunk_left_ -= take;
                // Beyond the limit: the handler sees it and refuses (413).
                if (request_.body.size() > kMaxBodyBytes)
                    return complete(false);
                if (chunk_left_ > 0)
                    return State::Body;
                chunk_ = Chunk::DataEnd;
                break;
            }
            case Chunk::DataEnd: {
                if (raw_.empty())
                    return State::Body;
                std::size_t crlf = 0;
                if (raw_[0] == '\n') {
                    crlf = 1;
                } else if (raw_[0] == '\r') {
                    if (raw_.size() < 2)
                        return State::Body;
                    if (raw_[1] != '\n')
                        return broken();
                    crlf = 2;
                } else {
                    return broken();  // the chunk is longer than its size said
                }
                raw_.erase(0, crlf);
                chunk_ = Chunk::SizeLine;
                break;
            }
            case Chunk::Trailer: {
                const auto eol = raw_.find('\n');
                if (eol == std::string::npos)
                    return trailer_bytes_ + raw_.size() > kMaxTrailerBytes ? broken() : State::Body;
                const bool blank = eol == 0 || (eol == 1 && raw_[0] == '\r');
                trailer_bytes_ += eol + 1;
                raw_.erase(0, eol + 1);
                if (blank)
                    return complete(true);
                if (trailer_bytes_ > kMaxTrailerBytes)
                    return broken();
                break;
            }
        }
    }
}

RequestAssembler::State RequestAssembler::complete(bool consumed) {
    request_.framing_consumed = consumed;
    state_ = State::Complete;
    return state_;
}

RequestAssembler::State RequestAssembler::refuse(int status, const std::string& why) {
    refusal_status_ = status;
    refusal_ = why;
    state_ = State::Refused;
    return state_;
}

// Just past the blank line that ends the header ("\r\n\r\n", or bare "\n"
// line ends, which Poco reads too); npos while it has not come.
std::size_t RequestAssembler::header_end() {
    for (std::size_t at = scan_;;) {
        const auto lf = raw_.find('\n', at);
        if (lf == std::string::npos)
            break;
        if (lf + 1 < raw_.size() && raw_[lf + 1] == '\n')
            return lf + 2;
        if (lf + 2 < raw_.size() && raw_[lf + 1] == '\r' && raw_[lf + 2] == '\n')
            return lf + 3;
        at = lf + 1;
    }
    // A terminator is 3 bytes at most: resume where one could still start.
    scan_ = raw_.size() >= 2 ? raw_.size() - 2 : 0;
    return std::string::npos;
}

}  // namespace host_sim
