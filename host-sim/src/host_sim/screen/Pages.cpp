#include "host_sim/screen/Pages.hpp"

#include "host_sim/screen/Html.hpp"

namespace host_sim::screen {

std::string message_page(const std::string& title, const std::string& text,
                         const PageContext& context) {
    return page(title, "<h1>" + html_escape(title) + "</h1>\n<p>" + html_escape(text) + "</p>\n",
                context.nonce);
}

}  // namespace host_sim::screen
