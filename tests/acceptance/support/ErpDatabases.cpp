#include "support/ErpDatabases.hpp"

#include <cstdlib>
#include <random>

#include "cli/LifecycleDemo.hpp"

namespace acceptance {

ErpDatabase::ErpDatabase(const std::string& dialect) {
    if (dialect == "sqlite") {
        dir_ = std::make_unique<testing_support::TempDir>();
        connection_ = host_sim::sqlite_connection_string(dir_->path() / "erp.db");
    } else {
        const char* pg = std::getenv("JODO_TEST_PG_CONNECTION");
        if (pg && *pg)
            connection_ = pg;
        else
            reason_ =
                "JODO_TEST_PG_CONNECTION is not set (scripts/test.sh starts PostgreSQL and sets "
                "it)";
    }
}

std::string unique_prefix() {
    static std::mt19937_64 rng(std::random_device{}());
    const char* hex = "0123456789abcdef";
    std::string out = "T";
    auto value = rng();
    for (int i = 0; i < 10; ++i, value >>= 4)
        out += hex[value & 15];
    return out + "-";
}

}  // namespace acceptance
