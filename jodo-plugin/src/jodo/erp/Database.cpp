#include "jodo/erp/Database.hpp"

#include <chrono>
#include <mutex>
#include <thread>

#include <Poco/Data/DataException.h>
#include <Poco/Data/SessionPool.h>
#include <Poco/Data/Statement.h>

#include "erp_sql/MariadbSession.hpp"
#include "erp_sql/Migrator.hpp"
#include "erp_sql/NativeStatement.hpp"
#include "erp_sql/OpenOdbcSession.hpp"
#include "erp_sql/PostgresqlSession.hpp"
#include "erp_sql/PreparedStatements.hpp"
#include "erp_sql/TextParam.hpp"

namespace jodo {

namespace {
// SQLite gives each connection a page cache of its own, up to 2 MB by
// default, and the pool keeps up to bulk + reconcile concurrency + 16
// connections: 160 MB at worst, filled as the database grows (a backlog of
// 100,000 collections took 20% more memory than one of 10,000). The OS caches
// the file for every connection; each one's own cache need hold only the hot
// pages of the indexes it walks (docs/benchmarks.md: no slower at 256 KiB).
constexpr const char* kSqliteCacheSize = "PRAGMA cache_size = -256";  // KiB

std::string pool_connection_string(const std::string& connection, erp_sql::Dialect dialect) {
    switch (dialect) {
        case erp_sql::Dialect::mariadb:
            return erp_sql::mariadb_connection_string(connection);
        case erp_sql::Dialect::postgresql:
            return erp_sql::postgresql_connection_string(connection);
        default:
            return connection;
    }
}
}  // namespace

Database::Database(const std::string& connection_string, int max_sessions)
    : dialect_(erp_sql::dialect_of(connection_string)) {
    erp_sql::register_odbc_connector();
    pool_ = std::make_unique<Poco::Data::SessionPool>(
        "ODBC", pool_connection_string(connection_string, dialect_), 1, max_sessions, 60);
}

Database::~Database() {
    // The pool closes its connections; the statements prepared on them are
    // forgotten (and their sessions let go) now, not at some later checkout.
    pool_.reset();
    erp_sql::PreparedStatements::instance().sweep();
}

Poco::Data::Session Database::session() {
    // A pooled PostgreSQL or MariaDB connection may have been cut while it sat
    // idle (the server restarted): Poco's pool hands it out as long as the
    // driver has not noticed. One that sat idle is asked first (not every
    // checkout: that was one more round trip per statement or transaction);
    // one that fails is marked dead by the driver and dropped by the pool when
    // it goes back, so the next get() skips it. On MariaDB the question is the
    // session's settings, which every checkout needs anyway (a reconnected
    // session must have them too).
    for (int tries = 0;; ++tries) {
        Poco::Data::Session session = pooled_session();
        // Poco reads at most 1 KiB of a text column unless told otherwise.
        session.setProperty("maxFieldSize", Poco::Any(erp_sql::kMaxFieldSize));
        if (dialect_ == erp_sql::Dialect::sqlite) {
            // A connection seen for the first time (or after a pause).
            if (idle_too_long(session))
                session << kSqliteCacheSize, Poco::Data::Keywords::now;
            return session;
        }
        if (!idle_too_long(session) && dialect_ == erp_sql::Dialect::postgresql)
            return session;
        try {
            session << (dialect_ == erp_sql::Dialect::mariadb ? erp_sql::kMariadbSessionSetup
                                                              : "SELECT 1"),
                Poco::Data::Keywords::now;
            return session;
        } catch (const Poco::Exception&) {
            if (tries >= pool_->capacity())
                throw;
        }
    }
}

bool Database::idle_too_long(Poco::Data::Session& session) {
    const void* connection = erp_sql::odbc_connection_of(session);
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard<std::mutex> lock(checkouts_mutex_);
    auto [it, first_time] = last_checkout_.emplace(connection, now);
    const bool idle = first_time || now - it->second > kTrustedIdle;
    it->second = now;
    // Handles of closed connections are forgotten now and then (a new
    // connection at a reused address is merely trusted once too early).
    if (last_checkout_.size() > 4 * std::size_t(pool_->capacity()))
        for (auto old = last_checkout_.begin(); old != last_checkout_.end();)
            old = now - old->second > std::chrono::minutes(5) ? last_checkout_.erase(old)
                                                              : std::next(old);
    return idle;
}

bool Database::reachable() noexcept {
    try {
        auto s = session();
        // A read of the module's own table, not SELECT 1 (or WHERE 1 = 0):
        // SQLite answers those without touching a file another process has
        // locked. One primary-key probe.
        erp_sql::NativeStatement(
            s, "SELECT COUNT(*) FROM jodo_collections WHERE collection_id = 'reachable?'")
            .run({});
        return true;
    } catch (...) {
        return false;
    }
}

Poco::Data::Session Database::pooled_session() {
    // Poco's pool throws at once when every session is in use. Many webhook
    // deliveries at the same moment (each on its own server thread) would then
    // get 503s although the database is fine: wait for a session instead,
    // a bounded time, then give up as before.
    const auto deadline = std::chrono::steady_clock::now() + kSessionWait;
    for (;;) {
        try {
            return pool_->get();
        } catch (const Poco::Data::SessionPoolExhaustedException&) {
            if (std::chrono::steady_clock::now() >= deadline)
                throw;
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    }
}

bool Database::connection_dead(Poco::Data::Session& session) noexcept {
    try {
        return !session.isConnected();
    } catch (...) {
        return true;
    }
}

void Database::migrate_plugin_tables() {
    auto s = session();
    erp_sql::Migrator(s, dialect_, "jodo").migrate();
}

std::vector<int> Database::missing_plugin_migrations() {
    auto s = session();
    return erp_sql::Migrator(s, dialect_, "jodo").missing_versions();
}

std::size_t Database::update_count(Poco::Data::Session& session, const std::string& update,
                                   std::vector<std::string> params) const {
    std::vector<erp_sql::NativeParam> native;
    for (auto& value : params)
        native.push_back({std::move(value), erp_sql::NativeParam::Type::text});
    return prepared_update(session, update, native);
}

std::size_t Database::update_count(Poco::Data::Session& session, const std::string& update,
                                   std::initializer_list<erp_sql::NativeParam> params) const {
    return prepared_update(session, update, std::vector<erp_sql::NativeParam>(params));
}

std::size_t Database::prepared_update(Poco::Data::Session& session, const std::string& update,
                                      const std::vector<erp_sql::NativeParam>& params) const {
    erp_sql::NativeStatement statement(session, update, erp_sql::NativeStatement::Reuse::prepared);
    statement.run(params);
    return statement.rows_changed();
}

}  // namespace jodo
