#include "erp/Database.hpp"

#include <chrono>
#include <mutex>
#include <thread>

#include <Poco/Data/ODBC/Connector.h>
#include <Poco/Data/SessionPool.h>
#include <Poco/Data/Statement.h>

#include "sql/Migrator.hpp"
#include "sql/TextParam.hpp"

namespace jodo {

Database::Database(const std::string& connection_string, int max_sessions)
    : dialect_(erp_sql::dialect_of(connection_string)) {
    static std::once_flag registered;
    std::call_once(registered, [] { Poco::Data::ODBC::Connector::registerConnector(); });
    pool_ =
        std::make_unique<Poco::Data::SessionPool>("ODBC", connection_string, 1, max_sessions, 60);
}

Database::~Database() = default;

Poco::Data::Session Database::session() {
    // A pooled PostgreSQL connection may have been cut while it sat idle (the
    // server restarted): Poco's pool hands it out as long as the driver has not
    // noticed. Ask it first; one that fails is marked dead by the driver and
    // dropped by the pool when it goes back, so the next get() skips it.
    for (int tries = 0;; ++tries) {
        Poco::Data::Session session = pooled_session();
        // Poco reads at most 1 KiB of a text column unless told otherwise.
        session.setProperty("maxFieldSize", Poco::Any(erp_sql::kMaxFieldSize));
        if (dialect_ != erp_sql::Dialect::postgresql)
            return session;
        try {
            session << "SELECT 1", Poco::Data::Keywords::now;
            return session;
        } catch (const Poco::Exception&) {
            if (tries >= pool_->capacity())
                throw;
        }
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

void Database::migrate_plugin_tables() {
    auto s = session();
    erp_sql::Migrator(s, dialect_, "jodo").migrate();
}

std::size_t Database::update_count(Poco::Data::Session& session, const std::string& update,
                                   std::vector<std::string> params) const {
    return update_count(session, update, [&params](Poco::Data::Statement& statement) {
        for (auto& value : params)
            statement, Poco::Data::Keywords::use(value);
    });
}

std::size_t Database::update_count(Poco::Data::Session& session, const std::string& update,
                                   const std::function<void(Poco::Data::Statement&)>& bind) const {
    using namespace Poco::Data::Keywords;
    int changed = 0;
    Poco::Data::Statement statement(session);
    if (dialect_ == erp_sql::Dialect::postgresql) {
        statement << "WITH changed AS (" + update + " RETURNING 1) SELECT COUNT(*) FROM changed",
            into(changed);
        bind(statement);
        statement.execute();
    } else {
        statement << update;
        bind(statement);
        statement.execute();
        // The same connection, right after: SQLite's count for that statement.
        session << "SELECT changes()", into(changed), now;
    }
    return static_cast<std::size_t>(changed);
}

}  // namespace jodo
