#include "erp_sql/PreparedStatements.hpp"

#include <list>
#include <unordered_map>
#include <vector>

#include <Poco/AutoPtr.h>
#include <sql.h>
#include <sqlext.h>

#include "OdbcSession.hpp"
#include "erp_sql/NativeStatement.hpp"

namespace erp_sql {

namespace {
// Entries of closed connections are looked for this often (and whenever a
// connection is seen for the first time).
constexpr std::size_t kBorrowsPerSweep = 256;

bool ok(SQLRETURN rc) {
    return rc == SQL_SUCCESS || rc == SQL_SUCCESS_WITH_INFO;
}

// The driver manager still holds the connection open: its statement handles
// exist and may be freed. After SQLDisconnect it refuses SQLGetInfo (08003)
// without asking the driver; SQL_DBMS_NAME is answered locally by all three
// drivers (no round trip).
bool handles_exist(SQLHDBC dbc) {
    SQLCHAR name[64];
    SQLSMALLINT length = 0;
    return ok(SQLGetInfo(dbc, SQL_DBMS_NAME, name, sizeof(name), &length));
}

// Open and not known to be dead (psqlODBC and Connector/ODBC mark a
// connection dead once a statement failed on a lost link; local, no round
// trip).
bool usable(SQLHDBC dbc) {
    if (!handles_exist(dbc))
        return false;
    SQLULEN dead = SQL_CD_FALSE;
    return ok(SQLGetConnectAttr(dbc, SQL_ATTR_CONNECTION_DEAD, &dead, 0, nullptr)) &&
           dead == SQL_CD_FALSE;
}

// Outside a transaction (PostgreSQL and MariaDB transactions turn auto-commit
// off; SQLite's BEGIN IMMEDIATE leaves it on, and freeing there sends nothing).
bool outside_transaction(SQLHDBC dbc) {
    SQLULEN autocommit = SQL_AUTOCOMMIT_OFF;
    return ok(SQLGetConnectAttr(dbc, SQL_ATTR_AUTOCOMMIT, &autocommit, 0, nullptr)) &&
           autocommit == SQL_AUTOCOMMIT_ON;
}
}  // namespace

struct PreparedStatements::Connection {
    struct Statement {
        std::string sql;
        SQLHSTMT stmt = SQL_NULL_HSTMT;
        bool lent = false;
    };
    // Held so that the session object outlives the entry: its address is the
    // key, and the connection handle inside it stays valid to ask.
    Poco::AutoPtr<Poco::Data::SessionImpl> owner;
    SQLHDBC dbc = SQL_NULL_HDBC;
    std::list<Statement> recent;  // most recently used first
    std::unordered_map<std::string, std::list<Statement>::iterator> by_sql;
    // Handles no longer used, freed once outside a transaction.
    std::vector<SQLHSTMT> retired;
    // Lent out when the connection was found lost: freed when given back.
    std::vector<SQLHSTMT> detached;

    void free_retired() {
        if (retired.empty() || !outside_transaction(dbc))
            return;
        for (SQLHSTMT stmt : retired)
            SQLFreeHandle(SQL_HANDLE_STMT, stmt);
        retired.clear();
    }
    void retire(std::list<Statement>::iterator it) {
        retired.push_back(it->stmt);
        by_sql.erase(it->sql);
        recent.erase(it);
    }
    // Frees what the driver manager still has, forgets the rest; a handle
    // still lent out is freed when it comes back.
    void release_all() {
        const bool exist = handles_exist(dbc);
        for (auto& s : recent) {
            if (s.lent)
                detached.push_back(s.stmt);
            else if (exist)
                SQLFreeHandle(SQL_HANDLE_STMT, s.stmt);
        }
        if (exist)
            for (SQLHSTMT stmt : retired)
                SQLFreeHandle(SQL_HANDLE_STMT, stmt);
        recent.clear();
        by_sql.clear();
        retired.clear();
    }
};

PreparedStatements& PreparedStatements::instance() {
    static PreparedStatements statements;
    return statements;
}

PreparedStatements::PreparedStatements() = default;

PreparedStatements::~PreparedStatements() {
    std::lock_guard<std::mutex> lock(mutex_);
    sweep_locked();
    // Left over only if a session outlives the process's static objects:
    // its handles go with its connection, never freed from here.
    for (auto& [key, connection] : connections_)
        connection->owner.reset();
}

PreparedStatements::Lease PreparedStatements::borrow(Poco::Data::Session& session,
                                                     const std::string& sql) {
    Poco::Data::ODBC::SessionImpl& odbc = detail::odbc_session_of(session);
    const SQLHDBC dbc = odbc.dbc();
    Connection* connection = nullptr;
    if (capacity_ > 0) {
        std::lock_guard<std::mutex> lock(mutex_);
        auto [it, fresh] = connections_.try_emplace(&odbc);
        if (fresh) {
            it->second = std::make_unique<Connection>();
            it->second->owner = Poco::AutoPtr<Poco::Data::SessionImpl>(&odbc, true);
            it->second->dbc = dbc;
        }
        connection = it->second.get();
        if (fresh || ++borrows_since_sweep_ >= kBorrowsPerSweep) {
            borrows_since_sweep_ = 0;
            sweep_locked();
        }
    }
    // From here on only this thread uses `connection` (it has the session
    // checked out); a sweep skips it, the session refers to it.
    if (connection) {
        if (!usable(dbc)) {
            // Lost: whatever the driver manager still has goes with it.
            connection->release_all();
        } else {
            connection->free_retired();
            auto found = connection->by_sql.find(sql);
            if (found != connection->by_sql.end() && !found->second->lent) {
                connection->recent.splice(connection->recent.begin(), connection->recent,
                                          found->second);
                found->second->lent = true;
                return {found->second->stmt, true};
            }
        }
    }
    SQLHSTMT stmt = SQL_NULL_HSTMT;
    if (!ok(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt)))
        throw NativeError("HY000", "cannot allocate an ODBC statement");
    ++prepares_;
    if (!ok(SQLPrepare(stmt, reinterpret_cast<SQLCHAR*>(const_cast<char*>(sql.c_str())),
                       SQLINTEGER(sql.size())))) {
        try {
            detail::throw_statement_error(stmt, "preparing");
        } catch (...) {
            SQLFreeHandle(SQL_HANDLE_STMT, stmt);
            throw;
        }
    }
    // Not kept: no entry (cache off), or the same SQL is already lent out
    // (a statement run while another of the same text is still open).
    if (!connection || connection->by_sql.count(sql) != 0)
        return {stmt, false};
    connection->recent.push_front({sql, stmt, true});
    connection->by_sql[sql] = connection->recent.begin();
    while (connection->recent.size() > capacity_) {
        auto oldest = std::prev(connection->recent.end());
        if (oldest->lent)
            break;
        connection->retire(oldest);
    }
    connection->free_retired();
    return {stmt, true};
}

void PreparedStatements::give_back(Poco::Data::Session& session, const std::string& sql,
                                   const Lease& lease, bool failed) noexcept {
    SQLHSTMT stmt = lease.stmt;
    SQLFreeStmt(stmt, SQL_CLOSE);
    SQLFreeStmt(stmt, SQL_RESET_PARAMS);
    if (!lease.cached) {
        SQLFreeHandle(SQL_HANDLE_STMT, stmt);
        return;
    }
    Connection* connection = nullptr;
    try {
        std::lock_guard<std::mutex> lock(mutex_);
        auto it = connections_.find(&detail::odbc_session_of(session));
        if (it != connections_.end())
            connection = it->second.get();
    } catch (...) {
    }
    if (!connection)
        return;  // cannot happen: the session holds the entry in place
    auto found = connection->by_sql.find(sql);
    if (found == connection->by_sql.end() || found->second->stmt != stmt) {
        // Released while lent (the connection was found lost meanwhile).
        auto& detached = connection->detached;
        for (auto d = detached.begin(); d != detached.end(); ++d)
            if (*d == stmt) {
                detached.erase(d);
                if (handles_exist(connection->dbc))
                    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
                break;
            }
        return;
    }
    found->second->lent = false;
    // A failed run may have left the driver's idea of the statement in any
    // state: the next run prepares a fresh one.
    if (failed)
        connection->retire(found->second);
}

void PreparedStatements::set_capacity(std::size_t statements_per_connection) {
    capacity_ = statements_per_connection;
}

std::size_t PreparedStatements::connections() {
    std::lock_guard<std::mutex> lock(mutex_);
    return connections_.size();
}

void PreparedStatements::sweep() {
    std::lock_guard<std::mutex> lock(mutex_);
    sweep_locked();
}

void PreparedStatements::sweep_locked() {
    for (auto it = connections_.begin(); it != connections_.end();) {
        // Only this cache refers to the session: no checkout holds it and the
        // pool has let it go (closed it, or dropped it as dead).
        if (it->second->owner->referenceCount() > 1) {
            ++it;
            continue;
        }
        it->second->release_all();
        it = connections_.erase(it);  // the last reference: the session closes
    }
}

}  // namespace erp_sql
