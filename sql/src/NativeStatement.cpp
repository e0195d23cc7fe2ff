#include "erp_sql/NativeStatement.hpp"

#include <algorithm>
#include <cctype>

#include <Poco/Data/ODBC/SessionImpl.h>
#include <Poco/Data/PooledSessionImpl.h>
#include <Poco/UTFString.h>
#include <Poco/UnicodeConverter.h>
#include <sql.h>
#include <sqlext.h>

#include "OdbcSession.hpp"
#include "erp_sql/PreparedStatements.hpp"

namespace erp_sql {

namespace {

// Poco hides a pooled session's real session behind a protected accessor; a
// pointer to that member, formed in a derived class, reaches it lawfully.
struct PooledSessionAccess : Poco::Data::PooledSessionImpl {
    static Poco::Data::SessionImpl* inner(Poco::Data::PooledSessionImpl& pooled) {
        auto accessor = &PooledSessionAccess::impl;
        return (pooled.*accessor)();
    }
};

SQLHDBC connection_of(Poco::Data::Session& session) {
    const SQLHDBC& handle = detail::odbc_session_of(session).dbc();
    return handle;
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

}  // namespace

namespace detail {
Poco::Data::ODBC::SessionImpl& odbc_session_of(Poco::Data::Session& session) {
    Poco::Data::SessionImpl* impl = session.impl();
    if (auto* pooled = dynamic_cast<Poco::Data::PooledSessionImpl*>(impl))
        impl = PooledSessionAccess::inner(*pooled);
    auto* odbc = dynamic_cast<Poco::Data::ODBC::SessionImpl*>(impl);
    if (!odbc)
        throw NativeError("HY000", "the session is not an ODBC session");
    return *odbc;
}

void throw_statement_error(void* stmt_handle, const std::string& what) {
    SQLHSTMT stmt = stmt_handle;
    std::string state = "HY000", message;
    SQLCHAR sqlstate[6] = {0};
    SQLCHAR text[1024];
    SQLINTEGER native = 0;
    SQLSMALLINT length = 0;
    for (SQLSMALLINT record = 1; SQLGetDiagRec(SQL_HANDLE_STMT, stmt, record, sqlstate, &native,
                                               text, sizeof(text), &length) == SQL_SUCCESS;
         ++record) {
        if (record == 1)
            state.assign(reinterpret_cast<char*>(sqlstate), 5);
        if (!message.empty())
            message += "; ";
        message.append(reinterpret_cast<char*>(text),
                       std::min<std::size_t>(std::max<SQLSMALLINT>(length, 0), sizeof(text) - 1));
    }
    throw NativeError(state,
                      what + ": " + (message.empty() ? "the driver gave no reason" : message));
}
}  // namespace detail

namespace {
[[noreturn]] void fail(SQLHSTMT stmt, const std::string& what) {
    detail::throw_statement_error(stmt, what);
}

bool ok(SQLRETURN rc) {
    return rc == SQL_SUCCESS || rc == SQL_SUCCESS_WITH_INFO;
}

std::vector<std::string> column_names(SQLHSTMT stmt) {
    SQLSMALLINT count = 0;
    if (!ok(SQLNumResultCols(stmt, &count)))
        fail(stmt, "describing the result");
    std::vector<std::string> names;
    for (SQLUSMALLINT i = 1; i <= count; ++i) {
        SQLCHAR name[256];
        SQLSMALLINT length = 0, type = 0, digits = 0, nullable = 0;
        SQLULEN size = 0;
        if (!ok(SQLDescribeCol(stmt, i, name, sizeof(name), &length, &type, &size, &digits,
                               &nullable)))
            fail(stmt, "describing result column " + std::to_string(i));
        names.push_back(lower(std::string(reinterpret_cast<char*>(name),
                                          std::min<std::size_t>(length, sizeof(name) - 1))));
    }
    return names;
}

std::optional<std::string> read_text(SQLHSTMT stmt, SQLUSMALLINT column) {
    std::string value;
    char buffer[4096];
    for (;;) {
        SQLLEN indicator = 0;
        const SQLRETURN rc =
            SQLGetData(stmt, column, SQL_C_CHAR, buffer, sizeof(buffer), &indicator);
        if (rc == SQL_NO_DATA)
            return value;
        if (!ok(rc))
            fail(stmt, "reading result column " + std::to_string(column));
        if (indicator == SQL_NULL_DATA)
            return std::nullopt;
        const bool more = indicator == SQL_NO_TOTAL || indicator >= SQLLEN(sizeof(buffer));
        value.append(buffer, more ? sizeof(buffer) - 1 : std::size_t(indicator));
        if (!more)
            return value;
    }
}
}  // namespace

void* odbc_connection_of(Poco::Data::Session& session) {
    return connection_of(session);
}

int NativeRows::index_of(const std::string& column) const {
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (columns[i] == column)
            return int(i);
    return -1;
}

NativeStatement::NativeStatement(Poco::Data::Session& session, const std::string& sql, Reuse reuse)
    : session_(session), sql_(sql) {
    if (reuse == Reuse::prepared) {
        const auto lease = PreparedStatements::instance().borrow(session, sql);
        stmt_ = lease.stmt;
        cached_ = lease.cached;
        borrowed_ = prepared_ = true;
        return;
    }
    SQLHSTMT stmt = SQL_NULL_HSTMT;
    if (!ok(SQLAllocHandle(SQL_HANDLE_STMT, connection_of(session), &stmt)))
        throw NativeError("HY000", "cannot allocate an ODBC statement");
    stmt_ = stmt;
}

void NativeStatement::prepare() {
    if (prepared_)
        return;
    SQLHSTMT stmt = stmt_;
    if (!ok(SQLPrepare(stmt, reinterpret_cast<SQLCHAR*>(const_cast<char*>(sql_.c_str())),
                       SQLINTEGER(sql_.size()))))
        fail(stmt, "preparing");
    prepared_ = true;
}

NativeStatement::~NativeStatement() {
    if (borrowed_)
        PreparedStatements::instance().give_back(session_, sql_, {stmt_, cached_}, failed_);
    else if (stmt_)
        SQLFreeHandle(SQL_HANDLE_STMT, stmt_);
}

std::vector<std::string> NativeStatement::describe_columns() {
    prepare();
    return column_names(stmt_);
}

NativeRows NativeStatement::run(const std::vector<NativeParam>& params) {
    try {
        return execute(params);
    } catch (...) {
        failed_ = true;
        throw;
    }
}

NativeRows NativeStatement::execute(const std::vector<NativeParam>& params) {
    SQLHSTMT stmt = stmt_;
    rows_changed_ = 0;
    SQLFreeStmt(stmt, SQL_CLOSE);
    SQLFreeStmt(stmt, SQL_RESET_PARAMS);
    std::vector<std::string> values(params.size());
    std::vector<Poco::UTF16String> wide(params.size());
    std::vector<SQLLEN> indicators(params.size());
    for (std::size_t i = 0; i < params.size(); ++i) {
        const NativeParam& p = params[i];
        values[i] = p.value.value_or("");
        indicators[i] = p.value ? SQLLEN(values[i].size()) : SQL_NULL_DATA;
        SQLSMALLINT type = SQL_VARCHAR, digits = 0;
        SQLULEN size = std::max<std::size_t>(values[i].size(), 1);
        if (p.type == NativeParam::Type::unicode) {
            Poco::UnicodeConverter::convert(values[i], wide[i]);
            const std::size_t bytes = wide[i].size() * sizeof(Poco::UTF16Char);
            if (p.value)
                indicators[i] = SQLLEN(bytes);
            size = std::max<std::size_t>(wide[i].size(), 1);
            if (!ok(SQLBindParameter(stmt, SQLUSMALLINT(i + 1), SQL_PARAM_INPUT, SQL_C_WCHAR,
                                     wide[i].size() > 4000 ? SQL_WLONGVARCHAR : SQL_WVARCHAR, size,
                                     0, wide[i].data(), SQLLEN(bytes), &indicators[i])))
                fail(stmt, "binding parameter " + std::to_string(i + 1));
            continue;
        }
        if (p.type == NativeParam::Type::decimal) {
            type = SQL_DECIMAL;
            size = 20;
            digits = 2;
        } else if (p.type == NativeParam::Type::integer) {
            type = SQL_INTEGER;
            size = 10;
        } else if (values[i].size() > 4000) {
            type = SQL_LONGVARCHAR;
        }
        if (!ok(SQLBindParameter(stmt, SQLUSMALLINT(i + 1), SQL_PARAM_INPUT, SQL_C_CHAR, type, size,
                                 digits, values[i].data(), SQLLEN(values[i].size()),
                                 &indicators[i])))
            fail(stmt, "binding parameter " + std::to_string(i + 1));
    }
    // Run once without a prepare of its own: psqlODBC then uses an unnamed
    // server-side statement, not a named plan it must DEALLOCATE afterwards
    // (one more round trip per statement).
    const SQLRETURN rc =
        prepared_ ? SQLExecute(stmt)
                  : SQLExecDirect(stmt, reinterpret_cast<SQLCHAR*>(const_cast<char*>(sql_.c_str())),
                                  SQLINTEGER(sql_.size()));
    if (rc != SQL_NO_DATA && !ok(rc))
        fail(stmt, "running");
    SQLLEN changed = 0;
    if (rc != SQL_NO_DATA && ok(SQLRowCount(stmt, &changed)) && changed > 0)
        rows_changed_ = std::size_t(changed);
    NativeRows result;
    // A write that touched no row (also one with RETURNING): no result set to
    // describe, and drivers refuse to be asked.
    if (rc == SQL_NO_DATA)
        return result;
    result.columns = column_names(stmt);
    if (result.columns.empty())
        return result;
    for (;;) {
        const SQLRETURN fetched = SQLFetch(stmt);
        if (fetched == SQL_NO_DATA)
            break;
        if (!ok(fetched))
            fail(stmt, "fetching");
        std::vector<std::optional<std::string>> row;
        for (std::size_t c = 0; c < result.columns.size(); ++c)
            row.push_back(read_text(stmt, SQLUSMALLINT(c + 1)));
        result.rows.push_back(std::move(row));
    }
    SQLFreeStmt(stmt, SQL_CLOSE);
    return result;
}

}  // namespace erp_sql
