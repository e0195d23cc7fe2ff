#pragma once

#include <Poco/Data/Session.h>

namespace erp_sql {

// One ODBC transaction. Poco's ODBC sessions run in auto-commit mode and
// refuse begin() there, so this turns auto-commit off for the transaction's
// life and back on after: a pooled session goes back in the state it came in.
// Rolls back unless commit() was called. On SQLite it is BEGIN IMMEDIATE ...
// COMMIT instead (see Transaction.cpp).
class Transaction {
  public:
    explicit Transaction(Poco::Data::Session& session);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    void commit();
    void rollback();

  private:
    void end(bool commit);
    void restore() noexcept;
    Poco::Data::Session& session_;
    bool sqlite_ = false;
    bool open_ = false;
};

}  // namespace erp_sql
