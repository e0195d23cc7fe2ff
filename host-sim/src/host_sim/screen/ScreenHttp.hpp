// One request to the invoice screen and its answer, as plain data: the
// routing and the pages are tested without a socket.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace host_sim::screen {

struct ScreenRequest {
    std::string method;          // GET, POST
    std::string path;            // no query
    std::string query;           // raw, no '?'
    std::string body;            // application/x-www-form-urlencoded for POST
    std::string host;            // the Host header
    std::string origin;          // the Origin header, empty when not sent
    std::string sec_fetch_site;  // the Sec-Fetch-Site header, empty when not sent
};

struct ScreenResponse {
    int status = 200;
    std::string content_type = "text/html; charset=utf-8";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
};

// name=value pairs of a query string or form body, percent-decoded ('+' = space).
std::vector<std::pair<std::string, std::string>> parse_form(const std::string& text);
std::string form_value(const std::vector<std::pair<std::string, std::string>>& form,
                       const std::string& name);

}  // namespace host_sim::screen
