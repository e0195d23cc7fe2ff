#pragma once

#include <functional>

#include "erp_plugin/plugin.hpp"
#include "jodo/core/Clock.hpp"
#include "jodo/core/Log.hpp"
#include "jodo/webhooks/InboxCommitter.hpp"
#include "jodo/webhooks/WebhookInbox.hpp"
#include "jodo/webhooks/WebhookVerifier.hpp"

namespace jodo {

// The request side of webhooks: verify, store, answer. It does no business
// work: Jodo gets its 2xx as soon as the event is safely in the inbox, and
// processing happens on the worker thread (`on_stored` wakes it). Events
// arriving together are stored together (InboxCommitter: group commit), each
// answered once its own group is committed.
class WebhookReceiver {
  public:
    WebhookReceiver(WebhookSecurity security, WebhookInbox& inbox, Clock clock, Log log,
                    std::function<void()> on_stored);

    // `refusal` (when given) is set to why a delivery was refused: the
    // verifier's code, or bad_body for a body that cannot be read.
    erp_plugin::HttpResponse handle(const erp_plugin::HttpRequest& request,
                                    std::string* refusal = nullptr);

  private:
    WebhookSecurity security_;
    InboxCommitter committer_;
    Clock clock_;
    Log log_;
    std::function<void()> on_stored_;
};

}  // namespace jodo
