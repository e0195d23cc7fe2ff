// The invoice screen served on 127.0.0.1 beside the plugin's routes, as a
// browser reaches it: real HTTP requests, the form token read from the page.
#pragma once

#include <memory>
#include <regex>
#include <sstream>
#include <string>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include "host_sim/http/PluginHttpServer.hpp"
#include "host_sim/screen/InvoiceScreen.hpp"
#include "host_sim/screen/ScreenRequestHandler.hpp"
#include "support/LifecycleHarness.hpp"

namespace acceptance {

struct Page {
    int status = 0;
    std::string location;  // of a redirect
    std::string body;

    bool has(const std::string& text) const { return body.find(text) != std::string::npos; }
    // The text of the first element with this id (no nesting of the same tag).
    std::string element(const std::string& id) const {
        const std::regex re("id=\"" + id + "\"[^>]*>([\\s\\S]*?)</");
        std::smatch m;
        return std::regex_search(body, m, re) ? m[1].str() : std::string();
    }
    // An attribute of the element with this id.
    std::string attribute(const std::string& id, const std::string& name) const {
        const std::regex re("<[^>]*id=\"" + id + "\"[^>]*>");
        std::smatch m;
        if (!std::regex_search(body, m, re))
            return {};
        const std::string tag = m.str();
        const std::regex attr(" " + name + "=\"([^\"]*)\"");
        std::smatch a;
        return std::regex_search(tag, a, attr) ? a[1].str() : std::string();
    }
};

class ScreenClient {
  public:
    ScreenClient(LifecycleHarness& h, const std::string& connection_string,
                 const std::string& school = "")
        : screen_(std::make_unique<host_sim::screen::InvoiceScreen>(
              h.host().plugins().front().plugin, h.services(), connection_string)),
          server_(h.host().plugins()) {
        if (!school.empty())
            screen_->set_school_name(school);
        server_.serve_others(new host_sim::screen::ScreenRequestHandlers(*screen_));
        server_.start();
    }
    ~ScreenClient() {
        server_.stop();
        screen_->stop();
    }

    Page get(const std::string& path_and_query) { return send("GET", path_and_query, ""); }
    // A form POST; the page's token is added unless `with_token` is false.
    Page post(const std::string& path, const std::string& form, bool with_token = true) {
        return send("POST", path, with_token ? form + "&token=" + token() : form);
    }
    // The form token every page with a form embeds (RequestGuard), read as
    // a browser would: from the last page fetched that had one.
    const std::string& token() const { return token_; }

  private:
    Page send(const std::string& method, const std::string& target, const std::string& body) {
        Poco::Net::HTTPClientSession session("127.0.0.1", server_.port());
        session.setTimeout(Poco::Timespan(30, 0));
        Poco::Net::HTTPRequest request(method, target, Poco::Net::HTTPMessage::HTTP_1_1);
        if (method == "POST") {
            request.setContentType("application/x-www-form-urlencoded");
            request.setContentLength(static_cast<std::streamsize>(body.size()));
            session.sendRequest(request) << body;
        } else {
            session.sendRequest(request);
        }
        Poco::Net::HTTPResponse response;
        std::istream& in = session.receiveResponse(response);
        Page page;
        page.status = static_cast<int>(response.getStatus());
        page.location = response.get("Location", "");
        std::ostringstream text;
        Poco::StreamCopier::copyStream(in, text);
        page.body = text.str();
        std::smatch m;
        static const std::regex re("name=\"token\" value=\"([^\"]+)\"");
        if (std::regex_search(page.body, m, re))
            token_ = m[1].str();
        return page;
    }

    std::unique_ptr<host_sim::screen::InvoiceScreen> screen_;
    host_sim::PluginHttpServer server_;
    std::string token_;
};

}  // namespace acceptance
