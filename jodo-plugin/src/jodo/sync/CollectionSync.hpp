#pragma once

#include <functional>
#include <optional>
#include <string>

#include "jodo/api/JodoClient.hpp"
#include "jodo/api/RemoteOrder.hpp"
#include "jodo/core/Clock.hpp"
#include "jodo/core/Log.hpp"
#include "jodo/erp/CollectionStore.hpp"

namespace jodo {

// How often the reconciler asks Jodo about an open collection: first after
// first_check_s, then doubling up to max_check_interval_s.
struct CheckSchedule {
    int first_check_s = 30;
    int max_check_interval_s = 1800;
};

// How a collection learns where it stands at Jodo: one fetch, applied
// forward-only (sync/StatusRules), with what a person must look at. The
// refresh action, webhooks and the reconciler all come through here; it is
// the only way a collection's status changes after creation.
class CollectionSync {
  public:
    CollectionSync(CollectionStore& store, JodoClient& client, CheckSchedule schedule, Clock clock,
                   Log log);

    // Asks Jodo about one collection (Get Pay Order or Get Payment Link) and
    // applies the answer, flagging what needs a person. Returns the status it
    // ends in (none: no such collection).
    std::optional<CollectionStatus> sync(const std::string& collection_id);
    // The same for a row the caller has just read (the reconciler's claim),
    // without reading it again. A check that changes nothing but the next
    // check is handed to `defer` instead of written, for the caller to write
    // with others in one transaction; until then the row stays as claimed.
    using DeferSchedule = std::function<void(CollectionStore::QuietCheck)>;
    std::optional<CollectionStatus> sync(const Collection& claimed, const DeferSchedule& defer);

    // A Jodo event named `order_id` as the order of collection `collection_id`
    // (a create whose answer was lost): attach it if Jodo confirms it.
    bool attach_if_named(const std::string& collection_id, const std::string& order_id);
    // Flags `late` when another collection holds its invoice: two orders exist.
    void flag_second_order(const Collection& late);

    // When the reconciler should look at a collection again after `checks` looks.
    std::string next_check_after(int checks) const;

  private:
    // sync() from `current` (empty: not found); `defer` may be empty.
    std::optional<CollectionStatus> sync_from(std::optional<Collection> current,
                                              const DeferSchedule& defer);

    CollectionStore& store_;
    JodoClient& client_;
    CheckSchedule schedule_;
    Clock clock_;
    Log log_;
};

// What a person must look at, given what we asked for and what Jodo reports;
// empty when nothing. Pure, so it is tested on its own.
std::string review_reason_for(const Collection& current, const RemoteOrder& remote);

}  // namespace jodo
