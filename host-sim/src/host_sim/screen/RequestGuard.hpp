// Why a request to the invoice screen is refused. The screen listens on
// 127.0.0.1 only, but a page on any other site the accountant has open can
// still make the browser send requests to it:
// - every request must name this machine in Host (127.0.0.1, localhost or
//   [::1], any port): a DNS-rebinding page names its own host and is refused,
//   so it can never read a page and its token;
// - a POST must carry the form token of this server (random per process,
//   embedded in every form) and, when the browser says where it comes from
//   (Origin, Sec-Fetch-Site), come from the screen itself.
#pragma once

#include <string>

#include "host_sim/screen/ScreenHttp.hpp"

namespace host_sim::screen {

class RequestGuard {
  public:
    RequestGuard();  // draws a new token
    explicit RequestGuard(std::string token) : token_(std::move(token)) {}

    const std::string& token() const { return token_; }
    // Empty when the request may go on, otherwise the reason it is refused.
    std::string refuse_host(const ScreenRequest& request) const;
    std::string refuse_post(const ScreenRequest& request, const std::string& form_token) const;

  private:
    std::string token_;
};

}  // namespace host_sim::screen
