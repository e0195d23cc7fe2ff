#include "erp_sql/Transaction.hpp"

#include <cstring>

#include <sql.h>
#include <sqlext.h>

#include "erp_sql/NativeStatement.hpp"

namespace erp_sql {

namespace {
bool is_sqlite(Poco::Data::Session& session) {
    SQLCHAR name[32] = {};
    SQLSMALLINT length = 0;
    const SQLRETURN rc = SQLGetInfo(static_cast<SQLHDBC>(odbc_connection_of(session)),
                                    SQL_DBMS_NAME, name, sizeof(name), &length);
    return SQL_SUCCEEDED(rc) && std::strcmp(reinterpret_cast<const char*>(name), "SQLite") == 0;
}
}  // namespace

Transaction::Transaction(Poco::Data::Session& session)
    : session_(session), sqlite_(is_sqlite(session)) {
    if (sqlite_) {
        // The SQLite ODBC driver begins a DEFERRED transaction, which takes
        // the write lock only at its first write: two transactions that both
        // read first then write wait on each other until the busy timeout
        // (10 s) fails one. IMMEDIATE takes the write lock at the start, so
        // writers queue instead; readers outside a transaction still read.
        session_ << "BEGIN IMMEDIATE", Poco::Data::Keywords::now;
        open_ = true;
        return;
    }
    session_.setFeature("autoCommit", false);
    try {
        session_.begin();
    } catch (...) {
        restore();
        throw;
    }
    open_ = true;
}

Transaction::~Transaction() {
    if (open_) {
        try {
            end(false);
        } catch (...) {
            // The connection is likely gone; the server discards the work anyway.
        }
    }
    restore();
}

void Transaction::commit() {
    end(true);
    open_ = false;
}

void Transaction::rollback() {
    if (!open_)
        return;
    open_ = false;
    end(false);
}

void Transaction::end(bool commit) {
    if (sqlite_)
        session_ << (commit ? "COMMIT" : "ROLLBACK"), Poco::Data::Keywords::now;
    else if (commit)
        session_.commit();
    else
        session_.rollback();
}

void Transaction::restore() noexcept {
    if (sqlite_)
        return;  // auto-commit was never turned off
    try {
        session_.setFeature("autoCommit", true);
    } catch (...) {
    }
}

}  // namespace erp_sql
