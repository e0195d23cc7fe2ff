#include "sql/Transaction.hpp"

namespace erp_sql {

Transaction::Transaction(Poco::Data::Session& session) : session_(session) {
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
            session_.rollback();
        } catch (...) {
            // The connection is likely gone; the server discards the work anyway.
        }
    }
    restore();
}

void Transaction::commit() {
    session_.commit();
    open_ = false;
}

void Transaction::rollback() {
    if (!open_)
        return;
    open_ = false;
    session_.rollback();
}

void Transaction::restore() noexcept {
    try {
        session_.setFeature("autoCommit", true);
    } catch (...) {
    }
}

}  // namespace erp_sql
