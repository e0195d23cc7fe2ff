#pragma once

#include <string>

#include <Poco/Data/ODBC/SessionImpl.h>
#include <Poco/Data/Session.h>

// Inside erp_sql only: the ODBC session under a Poco session, and the
// driver's diagnostics of a statement as a NativeError.
namespace erp_sql::detail {

// The ODBC session object of `session`, pooled or not. Throws NativeError
// when it is not an ODBC session.
Poco::Data::ODBC::SessionImpl& odbc_session_of(Poco::Data::Session& session);

[[noreturn]] void throw_statement_error(void* stmt, const std::string& what);

}  // namespace erp_sql::detail
