#include "host_sim/sandbox/HttpMessage.hpp"

#include <sstream>

#include <Poco/URI.h>

namespace jodo::sandbox {

Reply json_reply(int status, const Poco::JSON::Object::Ptr& body) {
    std::ostringstream out;
    body->stringify(out);
    Reply reply;
    reply.status = status;
    reply.content_type = "application/json";
    reply.body = out.str();
    return reply;
}

Reply error_reply(int status, const std::string& code, const std::string& message) {
    Poco::JSON::Object::Ptr body = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    body->set("status", "error");
    body->set("code", code);
    body->set("message", message);
    return json_reply(status, body);
}

Reply method_not_allowed(const Request& request, const std::string& allow) {
    Reply reply = error_reply(405, kCodeMethodNotAllowed,
                              "method " + request.method + " is not allowed on " + request.path +
                                  " (allowed: " + allow + ")");
    reply.headers.emplace_back("Allow", allow);
    return reply;
}

Reply html_reply(int status, std::string html) {
    Reply reply;
    reply.status = status;
    reply.content_type = "text/html; charset=utf-8";
    reply.body = std::move(html);
    return reply;
}

std::vector<std::string> path_segments(const std::string& path) {
    std::vector<std::string> segments;
    std::string current;
    auto flush = [&] {
        if (!current.empty()) {
            std::string decoded;
            Poco::URI::decode(current, decoded);
            segments.push_back(decoded);
            current.clear();
        }
    };
    for (char c : path) {
        if (c == '/')
            flush();
        else
            current += c;
    }
    flush();
    return segments;
}

}  // namespace jodo::sandbox
