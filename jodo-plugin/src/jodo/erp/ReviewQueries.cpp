// The review queue: collections a person must look at.
#include "jodo/erp/CollectionStore.hpp"

namespace jodo {

std::vector<Collection> CollectionStore::needing_review(int limit) {
    return select_where("(review_reason IS NOT NULL AND review_reason <> '') OR status = ?",
                        {to_text(CollectionStatus::unknown)}, "updated_at DESC, collection_id",
                        limit);
}

}  // namespace jodo
