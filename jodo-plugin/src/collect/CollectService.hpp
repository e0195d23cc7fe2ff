#pragma once

#include <functional>
#include <string>

#include "api/JodoClient.hpp"
#include "erp/CollectionStore.hpp"
#include "erp/Database.hpp"
#include "erp_plugin/plugin.hpp"
#include "plugin/Log.hpp"

namespace jodo {

struct CollectSettings {
    std::string callback_url;
};

// The invoice-screen actions: "collect" turns an invoice into a Jodo Pay Order
// (once), "refresh" asks Jodo where it stands and writes that back.
class CollectService {
  public:
    CollectService(Database& db, CollectionStore& store, JodoClient& client,
                   CollectSettings settings, Log log);

    erp_plugin::ActionResult collect(const std::string& invoice_id);
    erp_plugin::ActionResult refresh(const std::string& invoice_id);

    // Asks Jodo about one collection and applies the answer (used by refresh,
    // and later by webhooks and the reconciler). Returns the status it ends in.
    std::string sync(const Collection& collection);

  private:
    erp_plugin::ActionResult describe(const Collection& c, const std::string& message);

    Database& db_;
    CollectionStore& store_;
    JodoClient& client_;
    CollectSettings settings_;
    Log log_;
};

}  // namespace jodo
