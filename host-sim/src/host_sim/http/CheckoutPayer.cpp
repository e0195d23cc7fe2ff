#include "host_sim/http/CheckoutPayer.hpp"

#include <stdexcept>

#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

namespace host_sim {

namespace {
std::string exchange(Poco::Net::HTTPClientSession& session, Poco::Net::HTTPRequest& request,
                     const std::string& body, int& status) {
    request.setContentLength(static_cast<std::streamsize>(body.size()));
    session.sendRequest(request) << body;
    Poco::Net::HTTPResponse response;
    std::string text;
    Poco::StreamCopier::copyToString(session.receiveResponse(response), text);
    status = static_cast<int>(response.getStatus());
    return text;
}
}  // namespace

std::string pay_at_checkout(const std::string& redirect_url) {
    const Poco::URI uri(redirect_url);
    Poco::Net::HTTPClientSession session(uri.getHost(), uri.getPort());
    int status = 0;
    Poco::Net::HTTPRequest page(Poco::Net::HTTPRequest::HTTP_GET, uri.getPathAndQuery(),
                                Poco::Net::HTTPMessage::HTTP_1_1);
    exchange(session, page, "", status);
    if (status != 200)
        throw std::runtime_error("checkout page answered HTTP " + std::to_string(status));
    Poco::Net::HTTPRequest pay(Poco::Net::HTTPRequest::HTTP_POST, uri.getPath() + "/pay",
                               Poco::Net::HTTPMessage::HTTP_1_1);
    pay.setContentType("application/x-www-form-urlencoded");
    const std::string confirmation = exchange(session, pay, "confirm=1", status);
    // 303: paid, and the browser is sent back to the order's callback_url.
    if (status != 200 && status != 303)
        throw std::runtime_error("payment answered HTTP " + std::to_string(status) + ": " +
                                 confirmation);
    return confirmation;
}

}  // namespace host_sim
