// collect_all's intents, recorded so that neither a deadlock between two bulk
// runs nor a database outage loses or doubles one (see BulkCollect.cpp).
#include "jodo/collect/CollectService.hpp"

namespace jodo {

std::vector<bool> CollectService::record_intents(std::vector<Collection>& drafts) {
    std::vector<bool> started(drafts.size(), false);
    std::vector<std::size_t> todo;
    for (std::size_t i = 0; i < drafts.size(); ++i)
        todo.push_back(i);
    bool tried = false;
    outage_.run([&] {
        if (tried) {
            // The outage may have cut the answer to a commit that happened:
            // intents whose ids are in the table are ours, and go out.
            std::vector<std::size_t> rest;
            for (const std::size_t i : todo) {
                if (store_.by_id(drafts[i].collection_id))
                    started[i] = true;
                else
                    rest.push_back(i);
            }
            todo.swap(rest);
        }
        tried = true;
        std::vector<Collection> batch;
        for (const std::size_t i : todo)
            batch.push_back(drafts[i]);
        auto keep_ids = [&] {  // begin_many gives every try new ids
            for (std::size_t k = 0; k < todo.size(); ++k)
                drafts[todo[k]] = batch[k];
        };
        std::vector<bool> won;
        try {
            won = store_.begin_many(batch);
        } catch (const std::exception& e) {
            keep_ids();
            if (!db_.reachable())
                throw;
            // Two processes inserting the same invoices in another order can
            // deadlock on a server; the loser's transaction is rolled back
            // whole, so once more with new ids.
            log_.warn(std::string("bulk collection: recording intents, once more: ") + e.what());
            won = store_.begin_many(batch);
        }
        keep_ids();
        for (std::size_t k = 0; k < todo.size(); ++k)
            started[todo[k]] = won[k];
        return true;
    });
    return started;
}

}  // namespace jodo
