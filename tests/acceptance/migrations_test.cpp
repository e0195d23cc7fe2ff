#include <gtest/gtest.h>

#include "erp_sql/Migrator.hpp"
#include "host_sim/erp/ReferenceErp.hpp"
#include "support/ErpDatabases.hpp"
#include "support/LifecycleHarness.hpp"

using acceptance::ErpDatabase;
using namespace Poco::Data::Keywords;

class Migrations : public testing::TestWithParam<std::string> {};

TEST_P(Migrations, ReRunningIsANoOpAndKeepsData) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    acceptance::LifecycleHarness h(db.connection_string());  // migrates both sets
    const std::string invoice = h.add_invoice(acceptance::LifecycleHarness::sample("INV-MIG"));
    ASSERT_TRUE(h.collect(invoice).status.ok());

    auto& session = h.erp().session();
    const auto dialect = erp_sql::dialect_of(db.connection_string());
    for (const char* set : {"erp", "jodo"}) {
        erp_sql::Migrator migrator(session, dialect, set);
        const int version = migrator.current_version();
        EXPECT_GE(version, 1) << set;
        EXPECT_TRUE(migrator.migrate().empty()) << set;
        EXPECT_EQ(migrator.current_version(), version) << set;
    }
    EXPECT_EQ(h.collections(invoice).size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Databases, Migrations, testing::Values("sqlite", "postgresql", "mariadb"),
                         [](const auto& info) { return info.param; });
