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
struct NativeParam {
    enum class Type { text, decimal, integer };
    std::optional<std::string> value;  // nullopt = SQL NULL
    Type type = Type::text;
};

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
class NativeStatement {
  public:
    NativeStatement(Poco::Data::Session& session, const std::string& sql);
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

  private:
    void prepare();

    std::string sql_;
    void* stmt_ = nullptr;   // SQLHSTMT
    bool prepared_ = false;  // only to describe before running; run() alone executes directly
};

}  // namespace erp_sql
