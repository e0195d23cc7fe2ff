#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <Poco/Data/Session.h>

namespace erp_sql {

// A parameter bound by position. Values travel as text in both directions so
// that DECIMAL amounts are exact; the SQL type tells the driver what the text
// is (psqlODBC types the server-side parameter from it: an amount bound as
// VARCHAR could not be subtracted from a numeric column).
// `unicode` is text bound as UTF-16 (SQL_C_WCHAR), as Poco binds a
// UTF16String: any length on every driver, whatever the client's locale.
struct NativeParam {
    enum class Type { text, decimal, integer, unicode };
    std::optional<std::string> value;  // nullopt = SQL NULL
    Type type = Type::text;
};

// Shorthands. An empty optional_* value is SQL NULL.
inline NativeParam text_param(std::string v) {
    return {std::move(v), NativeParam::Type::text};
}
inline NativeParam optional_text_param(const std::string& v) {
    return {v.empty() ? std::nullopt : std::optional<std::string>(v), NativeParam::Type::text};
}
inline NativeParam unicode_param(std::string v) {
    return {std::move(v), NativeParam::Type::unicode};
}
inline NativeParam optional_unicode_param(const std::string& v) {
    return {v.empty() ? std::nullopt : std::optional<std::string>(v), NativeParam::Type::unicode};
}
inline NativeParam integer_param(long long v) {
    return {std::to_string(v), NativeParam::Type::integer};
}
inline NativeParam decimal_param(std::string v) {
    return {std::move(v), NativeParam::Type::decimal};
}

struct NativeRows {
    std::vector<std::string> columns;  // lower-case, as the driver names them
    std::vector<std::vector<std::optional<std::string>>> rows;

    // Index of `column`, or -1.
    int index_of(const std::string& column) const;
};

// A failure reported by the ODBC driver, with its SQLSTATE.
class NativeError : public std::runtime_error {
  public:
    NativeError(std::string sqlstate, const std::string& message)
        : std::runtime_error(message), sqlstate_(std::move(sqlstate)) {}
    const std::string& sqlstate() const noexcept { return sqlstate_; }

  private:
    std::string sqlstate_;
};

// The ODBC connection (SQLHDBC) under a Poco ODBC session, pooled or not:
// names one physical connection for as long as it is open.
void* odbc_connection_of(Poco::Data::Session& session);

// One SQL statement run directly on the ODBC connection under a Poco session,
// so it joins that session's open transaction. Used for statements whose
// result columns are only known at run time (the administrator's ERP mapping):
// Poco's typed extraction would read a DECIMAL into a double or cut it to the
// column's declared precision; here every column is read as the driver's text.
//
// Reuse::prepared borrows a handle prepared once for this SQL on this
// connection (erp_sql::PreparedStatements) and gives it back afterwards: for
// statements run again and again (per invoice, per event, per chunk). The
// default runs once: psqlODBC then needs no named plan at all.
class NativeStatement {
  public:
    enum class Reuse { once, prepared };
    NativeStatement(Poco::Data::Session& session, const std::string& sql,
                    Reuse reuse = Reuse::once);
    NativeStatement(Poco::Data::Session& session, Reuse reuse, const std::string& sql)
        : NativeStatement(session, sql, reuse) {}
    ~NativeStatement();
    NativeStatement(const NativeStatement&) = delete;
    NativeStatement& operator=(const NativeStatement&) = delete;

    // The result columns the driver describes after preparing (empty for a
    // statement without a result set). Preparing is where a wrong table or
    // column is reported by drivers that prepare on the server.
    std::vector<std::string> describe_columns();
    // Runs with `params` (one per `?`, in order) and reads every row. May be
    // called again (the statement stays prepared once described).
    NativeRows run(const std::vector<NativeParam>& params);
    // Rows the last run() inserted, updated or deleted, as the driver counts
    // them (SQLRowCount: on MariaDB the rows matched, given FOUND_ROWS).
    std::size_t rows_changed() const noexcept { return rows_changed_; }

  private:
    void prepare();
    NativeRows execute(const std::vector<NativeParam>& params);

    Poco::Data::Session& session_;
    std::string sql_;
    void* stmt_ = nullptr;   // SQLHSTMT
    bool prepared_ = false;  // only to describe before running; run() alone executes directly
    bool borrowed_ = false;  // a PreparedStatements lease
    bool cached_ = false;    // the lease is kept by the cache
    bool failed_ = false;
    std::size_t rows_changed_ = 0;
};

// For statements whose text grows with a list (IN (?, ?, ...), multi-row
// VALUES): kept prepared only at the sizes that repeat, one item and a full
// chunk. Every other size would be one more entry crowding the cache (and, on
// PostgreSQL, one more DEALLOCATE when it is evicted); run once, it needs none.
inline NativeStatement::Reuse reuse_for_list(std::size_t items, std::size_t full_chunk) {
    return items == 1 || items == full_chunk ? NativeStatement::Reuse::prepared
                                             : NativeStatement::Reuse::once;
}

}  // namespace erp_sql
