// Works around a heap-corrupting bug in the SQLite3 ODBC driver (sqliteodbc
// 0.9998, Debian's libsqliteodbc): its SQLNativeSql writes a terminating NUL
// into the *input* string at index sqlMax - 1, and Poco calls it with sqlMax =
// twice the statement's length on every failing statement (to put the native
// SQL into the exception text). That byte lands past the end of Poco's copy
// of the statement and corrupts the heap: a "database is locked" or a unique
// violation could later crash the process.
//
// This definition of SQLNativeSql is found before unixODBC's by Poco's call
// (it lives in the executable or in the plugin module that loaded Poco), and
// hands the real function a private copy of the input that is large enough
// for the driver's stray write. Behaviour is otherwise unchanged for every
// driver.
#include <dlfcn.h>
#include <sql.h>

#include <algorithm>
#include <cstring>
#include <vector>

namespace {
using NativeSqlFn = SQLRETURN (*)(SQLHDBC, SQLCHAR*, SQLINTEGER, SQLCHAR*, SQLINTEGER, SQLINTEGER*);

NativeSqlFn next_native_sql() {
    static const NativeSqlFn next = reinterpret_cast<NativeSqlFn>(dlsym(RTLD_NEXT, "SQLNativeSql"));
    return next;
}
}  // namespace

extern "C" __attribute__((visibility("default"))) SQLRETURN SQLNativeSql(
    SQLHDBC connection, SQLCHAR* in, SQLINTEGER in_length, SQLCHAR* out, SQLINTEGER out_max,
    SQLINTEGER* out_length) {
    const NativeSqlFn next = next_native_sql();
    if (next == nullptr)
        return SQL_ERROR;
    if (in == nullptr)
        return next(connection, in, in_length, out, out_max, out_length);
    const std::size_t length = in_length == SQL_NTS ? std::strlen(reinterpret_cast<const char*>(in))
                                                    : static_cast<std::size_t>(in_length);
    std::vector<SQLCHAR> copy(std::max<std::size_t>(length, out_max > 0 ? out_max : 0) + 1, 0);
    std::memcpy(copy.data(), in, length);
    return next(connection, copy.data(), static_cast<SQLINTEGER>(length), out, out_max, out_length);
}
