#include "erp/Database.hpp"

#include <mutex>

#include <Poco/Data/ODBC/Connector.h>

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
    Poco::Data::Session session = pool_->get();
    // Poco reads at most 1 KiB of a text column unless told otherwise.
    session.setProperty("maxFieldSize", Poco::Any(erp_sql::kMaxFieldSize));
    return session;
}

void Database::migrate_plugin_tables() {
    auto s = session();
    erp_sql::Migrator(s, dialect_, "jodo").migrate();
}

}  // namespace jodo
