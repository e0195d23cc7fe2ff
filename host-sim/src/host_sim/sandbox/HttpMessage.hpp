// The sandbox's own view of one HTTP exchange. Handlers turn a Request into a
// Reply without touching Poco's server classes, so the routing is plain code
// and a later fault injector can rewrite a Reply in one place.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <Poco/JSON/Object.h>

namespace jodo::sandbox {

struct Request {
    std::string method;         // "GET", "POST", ...
    std::string path;           // percent-encoded path, no query
    std::string query;          // raw query string, no '?'
    std::string body;           // fully read before routing
    std::string authorization;  // Authorization header; never log it
    bool from_loopback = false;
};

struct Reply {
    int status = 200;
    std::string content_type;
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    // Fault injection: send nothing and abort the TCP connection instead.
    bool drop_connection = false;
};

// Error codes the sandbox answers with.
inline constexpr const char* kCodeBadRequest = "HUE00000";
inline constexpr const char* kCodeNotFound = "HUE00001";
inline constexpr const char* kCodeUnauthorized = "HUE00401";
inline constexpr const char* kCodeForbidden = "HUE00403";
inline constexpr const char* kCodeMethodNotAllowed = "HUE00405";
inline constexpr const char* kCodeConflict = "HUE00409";

Reply json_reply(int status, const Poco::JSON::Object::Ptr& body);
// {"status":"error","code":code,"message":message}
Reply error_reply(int status, const std::string& code, const std::string& message);
// 405 with an Allow header listing the methods the path does accept.
Reply method_not_allowed(const Request& request, const std::string& allow);
Reply html_reply(int status, std::string html);

// "/a/b%2Fc/" -> {"a", "b/c"}: percent-decoded, empty segments dropped.
std::vector<std::string> path_segments(const std::string& path);

}  // namespace jodo::sandbox
