// A deliberately dumb HTTP client over a plain TCP socket, for requests that
// a real client library would refuse to send: lying lengths, cut-off chunks,
// bytes dripped one at a time, connections that never send anything.
#pragma once

#include <chrono>
#include <cstdint>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <Poco/Net/NetException.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/NumberParser.h>
#include <Poco/String.h>
#include <Poco/URI.h>

namespace raw_http {

using Headers = std::vector<std::pair<std::string, std::string>>;

// What came back. status 0: the connection ended (or the wait ran out)
// without a status line.
struct Answer {
    int status = 0;
    std::string reason;
    std::string text;  // everything received
    bool closed = false;
};

inline std::uint16_t port_of(const std::string& url) {
    return Poco::URI(url).getPort();
}

// The request line and headers, ending with the blank line.
inline std::string head(const std::string& method, const std::string& path,
                        const Headers& headers) {
    std::string out = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    for (const auto& [name, value] : headers)
        out += name + ": " + value + "\r\n";
    return out + "\r\n";
}

// A POST with `body` and a Content-Length header saying `content_length`.
inline std::string post(const std::string& path, const std::string& body, Headers headers,
                        const std::string& content_length) {
    headers.emplace_back("Content-Type", "application/json");
    headers.emplace_back("Content-Length", content_length);
    return head("POST", path, headers) + body;
}

inline std::string post(const std::string& path, const std::string& body, Headers headers) {
    return post(path, body, std::move(headers), std::to_string(body.size()));
}

// A chunk as the chunked coding writes it, claiming `claimed` bytes.
inline std::string chunk(const std::string& data, std::size_t claimed) {
    std::ostringstream size;
    size << std::hex << claimed;
    return size.str() + "\r\n" + data + (claimed == data.size() ? "\r\n" : "");
}

inline std::string chunk(const std::string& data) {
    return chunk(data, data.size());
}

class Connection {
  public:
    explicit Connection(std::uint16_t port)
        : socket_(Poco::Net::SocketAddress("127.0.0.1", port)) {}

    void send(const std::string& bytes) {
        std::size_t done = 0;
        while (done < bytes.size())
            done += static_cast<std::size_t>(
                socket_.sendBytes(bytes.data() + done, static_cast<int>(bytes.size() - done)));
    }
    // FIN: this side will send nothing more, but still reads.
    void finish_sending() { socket_.shutdownSend(); }

    // Reads until one whole answer (header + Content-Length body) is in, the
    // connection closes, or `timeout_ms` passes.
    Answer read_answer(int timeout_ms) {
        Answer answer;
        const auto deadline =
            std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
        char buffer[4096];
        for (;;) {
            if (complete(answer))
                return answer;
            const auto left = std::chrono::duration_cast<std::chrono::microseconds>(
                deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0)
                return answer;
            int n = 0;
            try {
                if (!socket_.poll(Poco::Timespan(left.count()), Poco::Net::Socket::SELECT_READ))
                    continue;
                n = socket_.receiveBytes(buffer, sizeof buffer);
            } catch (const Poco::Exception&) {
                n = 0;  // reset by the peer: as good as closed
            }
            if (n <= 0) {
                answer.closed = true;
                complete(answer);
                return answer;
            }
            answer.text.append(buffer, static_cast<std::size_t>(n));
        }
    }

    // True when the peer closed the connection within `timeout_ms`.
    bool closed_within(int timeout_ms) {
        const Answer answer = read_answer(timeout_ms);
        return answer.closed;
    }

    Poco::Net::StreamSocket& socket() { return socket_; }

  private:
    // Parses what arrived; true once the header and the announced body are in.
    static bool complete(Answer& answer) {
        const auto end = answer.text.find("\r\n\r\n");
        if (end == std::string::npos)
            return false;
        const std::string status_line = answer.text.substr(0, answer.text.find("\r\n"));
        // "HTTP/1.1 400 Bad Request"
        const auto first = status_line.find(' ');
        const auto second = status_line.find(' ', first + 1);
        int status = 0;
        if (first != std::string::npos &&
            Poco::NumberParser::tryParse(status_line.substr(first + 1, second - first - 1), status))
            answer.status = status;
        answer.reason = second == std::string::npos ? "" : status_line.substr(second + 1);
        std::size_t length = 0;
        const std::string header = Poco::toLower(answer.text.substr(0, end));
        const auto at = header.find("\r\ncontent-length:");
        if (at != std::string::npos)
            length = std::stoul(header.substr(at + 17));
        return answer.text.size() >= end + 4 + length;
    }

    Poco::Net::StreamSocket socket_;
};

}  // namespace raw_http
