#pragma once

// The parameters the collection store's statements share: statuses as the
// state machine names them, and reasons bounded as the tables hold them.
#include <string>
#include <vector>

#include "erp_sql/NativeStatement.hpp"
#include "jodo/api/bounded_text.hpp"
#include "jodo/erp/CollectionState.hpp"

namespace jodo {

// "(?, ?, ?)" for `count` values.
inline std::string in_list_sql(std::size_t count) {
    std::string sql = "(";
    for (std::size_t i = 0; i < count; ++i)
        sql += i ? ", ?" : "?";
    return sql + ")";
}

// `params` followed by `statuses` as text: the values of a "status IN (...)"
// condition that ends the statement.
inline std::vector<erp_sql::NativeParam> with_statuses(
    std::vector<erp_sql::NativeParam> params, const std::vector<CollectionStatus>& statuses) {
    for (CollectionStatus s : statuses)
        params.push_back(erp_sql::text_param(to_text(s)));
    return params;
}

// Values bound as text.
inline std::vector<erp_sql::NativeParam> text_params(const std::vector<std::string>& values) {
    std::vector<erp_sql::NativeParam> params;
    for (const auto& v : values)
        params.push_back(erp_sql::text_param(v));
    return params;
}

// Every stored reason is VARCHAR(1000): cut on a character boundary.
inline erp_sql::NativeParam reason_text(const std::string& text) {
    return erp_sql::unicode_param(bounded_text(text, 1000));
}

}  // namespace jodo
