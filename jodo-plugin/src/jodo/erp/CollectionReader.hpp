#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "erp_sql/NativeStatement.hpp"
#include "jodo/erp/Collection.hpp"
#include "jodo/erp/Database.hpp"

namespace jodo {

// Reads of the module's collections (jodo_collections and
// jodo_collection_lines), each with its lines; it never writes. What moves a
// collection is CollectionStore, which reads through this too.
class CollectionReader {
  public:
    explicit CollectionReader(Database& db);

    std::optional<Collection> active_for(const std::string& invoice_id);
    std::optional<Collection> latest_for(const std::string& invoice_id);
    std::optional<Collection> by_order_id(const std::string& order_id);
    std::optional<Collection> by_id(const std::string& collection_id);
    // The active collection of each of `invoice_ids` that has one, by invoice.
    std::map<std::string, Collection> active_for_many(const std::vector<std::string>& invoice_ids);
    // What a person must look at: a review reason, or an outcome still
    // unknown; newest first.
    std::vector<Collection> needing_review(int limit);

  protected:
    // The columns every read selects, in the order collections_from reads.
    static const char* const kColumns;
    static std::vector<Collection> collections_from(const erp_sql::NativeRows& rows);
    // `reuse`: how the statement is run (erp_sql::reuse_for_list when `where`
    // holds a list of values).
    std::vector<Collection> select_where(
        const std::string& where, const std::vector<std::string>& values,
        const std::string& order_by = "created_at DESC, collection_id", int limit = 0,
        erp_sql::NativeStatement::Reuse reuse = erp_sql::NativeStatement::Reuse::prepared);
    void load_lines(Poco::Data::Session& session, std::vector<Collection>& collections);

    Database& db_;
};

}  // namespace jodo
