#pragma once

#include <atomic>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include <Poco/Data/Session.h>

namespace erp_sql {

// Statements prepared once per connection and run again (issue 10: one round
// trip less per statement; on PostgreSQL one named plan per statement for the
// connection's life instead of a plan and its DEALLOCATE per run).
//
// Keyed by the connection's Poco ODBC session object, which each entry holds
// a reference to: the object, and so its address, cannot be reused by a new
// connection while the entry exists. Poco's pool closes connections without
// telling anyone (the idle janitor, a dead connection given back), and
// SQLDisconnect frees every statement of the connection in the driver
// manager, so a handle is only freed while the driver manager still has the
// connection open (SQLGetInfo answers; a disconnected one is refused there,
// whatever the driver says about SQL_ATTR_CONNECTION_DEAD: the SQLite3 driver
// calls a disconnected connection alive), else it is forgotten. Entries of
// connections nobody but this cache refers to any more are swept.
//
// One connection is used by one thread at a time (a pool checkout), so a
// connection's statements are touched without the lock; the lock guards the
// map of connections.
class PreparedStatements {
  public:
    static PreparedStatements& instance();

    struct Lease {
        void* stmt = nullptr;  // SQLHSTMT, prepared for the SQL
        bool cached = false;   // false: the borrower frees it (not kept)
    };
    // A handle prepared for `sql` on `session`'s connection. Throws
    // NativeError when the driver refuses to prepare.
    Lease borrow(Poco::Data::Session& session, const std::string& sql);
    // `failed`: the run failed; the handle is not used again (freed once the
    // connection is outside a transaction, so that psqlODBC's DEALLOCATE never
    // meets an aborted one).
    void give_back(Poco::Data::Session& session, const std::string& sql, const Lease& lease,
                   bool failed) noexcept;

    // Statements kept per connection (least recently used ones are freed
    // beyond it); 0 keeps none (every borrow prepares).
    void set_capacity(std::size_t statements_per_connection);
    std::size_t capacity() const noexcept { return capacity_; }
    // SQLPrepare calls made so far (tests see reuse in it).
    std::size_t prepares() const noexcept { return prepares_; }
    // Connections with an entry.
    std::size_t connections();
    // Drops the entries of connections only this cache refers to.
    void sweep();

    PreparedStatements(const PreparedStatements&) = delete;
    PreparedStatements& operator=(const PreparedStatements&) = delete;
    ~PreparedStatements();

    struct Connection;

  private:
    PreparedStatements();
    void sweep_locked();

    std::mutex mutex_;
    std::map<const void*, std::unique_ptr<Connection>> connections_;
    std::atomic<std::size_t> capacity_{64};
    std::atomic<std::size_t> prepares_{0};
    std::size_t borrows_since_sweep_ = 0;
};

}  // namespace erp_sql
