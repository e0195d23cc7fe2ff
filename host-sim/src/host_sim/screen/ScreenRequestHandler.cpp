#include "host_sim/screen/ScreenRequestHandler.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include "host_sim/http/PluginRequestHandler.hpp"

namespace host_sim::screen {

namespace {

constexpr std::streamsize kMaxFormBody = 64 * 1024;

void send(Poco::Net::HTTPServerResponse& response, const ScreenResponse& out) {
    response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(out.status),
                                reason_phrase(out.status));
    response.setContentType(out.content_type);
    for (const auto& [name, value] : out.headers)
        response.set(name, value);
    response.setContentLength(static_cast<std::streamsize>(out.body.size()));
    response.send() << out.body;
}

ScreenResponse refusal(int status, const std::string& text) {
    ScreenResponse r;
    r.status = status;
    r.content_type = "text/plain; charset=utf-8";
    r.body = text + "\n";
    return r;
}

class ScreenHandler final : public Poco::Net::HTTPRequestHandler {
  public:
    explicit ScreenHandler(InvoiceScreen& screen) : screen_(screen) {}

    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override {
        ScreenRequest in;
        in.method = request.getMethod();
        const std::string& uri = request.getURI();
        const auto mark = uri.find('?');
        in.path = uri.substr(0, mark);
        in.query = mark == std::string::npos ? std::string() : uri.substr(mark + 1);
        in.host = request.getHost();
        in.origin = request.get("Origin", "");
        in.sec_fetch_site = request.get("Sec-Fetch-Site", "");
        if (request.getChunkedTransferEncoding() || request.has("Transfer-Encoding")) {
            response.setKeepAlive(false);
            return send(response, refusal(411, "send the form with a Content-Length"));
        }
        if (request.hasContentLength()) {
            const std::streamsize length = request.getContentLength();
            if (length < 0 || length > kMaxFormBody) {
                response.setKeepAlive(false);
                return send(response, refusal(413, "the form is larger than 64 KiB"));
            }
            in.body.resize(static_cast<std::size_t>(length));
            std::streamsize got = 0;
            try {
                request.stream().read(in.body.data(), length);
                got = request.stream().gcount();
            } catch (const Poco::Exception&) {
                got = -1;  // the body could not be read to its end
            }
            if (got != length) {
                response.setKeepAlive(false);
                return send(response, refusal(400, "the form ended before its Content-Length"));
            }
        }
        const ScreenResponse out = screen_.handle(in);
        send(response, out);
    }

  private:
    InvoiceScreen& screen_;
};

}  // namespace

Poco::Net::HTTPRequestHandler* ScreenRequestHandlers::createRequestHandler(
    const Poco::Net::HTTPServerRequest& request) {
    const std::string path = request.getURI().substr(0, request.getURI().find('?'));
    if (!InvoiceScreen::serves(path))
        return nullptr;
    return new ScreenHandler(screen_);
}

}  // namespace host_sim::screen
