// Amounts written to jodo_collections / jodo_collection_lines come back to the
// paisa through each ODBC driver, up to the largest DECIMAL(14,2) value.
#include <gtest/gtest.h>

#include "jodo/api/money.hpp"
#include "jodo/erp/CollectionStore.hpp"
#include "jodo/erp/Database.hpp"
#include "support/ErpDatabases.hpp"

using acceptance::ErpDatabase;
using jodo::Collection;
using jodo::CollectionStore;
using jodo::Paise;

class ExactAmounts : public testing::TestWithParam<std::string> {};

TEST_P(ExactAmounts, CollectionAmountsReadBackToThePaisa) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    jodo::Database database(db.connection_string());
    database.migrate_plugin_tables();
    CollectionStore store(database, [] { return std::string("2026-01-01T00:00:00Z"); });

    const std::vector<std::vector<Paise>> cases = {
        {12345678901234, 1000000000001},  // 123456789012.34 + 10000000000.01
        {jodo::kMaxPaise},                // 999999999999.99
        {99999999999901, 98},             // sums to the largest value
        {1, 10, 99999999999},
    };
    int n = 0;
    for (const auto& amounts : cases) {
        Collection draft;
        draft.invoice_id = acceptance::unique_prefix() + "-EXACT-" + std::to_string(++n);
        draft.kind = jodo::CollectionKind::pay_order;
        for (std::size_t i = 0; i < amounts.size(); ++i) {
            draft.lines.push_back({int(i) + 1, "FEE", amounts[i], -1, "", ""});
            draft.amount += amounts[i];
        }
        ASSERT_EQ(store.begin(draft, nullptr), CollectionStore::Begin::started);
        auto stored = store.by_id(draft.collection_id);
        ASSERT_TRUE(stored);
        EXPECT_EQ(stored->amount, draft.amount) << jodo::format_rupees(draft.amount);
        ASSERT_EQ(stored->lines.size(), amounts.size());
        for (std::size_t i = 0; i < amounts.size(); ++i)
            EXPECT_EQ(stored->lines[i].amount, amounts[i]) << jodo::format_rupees(amounts[i]);
    }
}

INSTANTIATE_TEST_SUITE_P(Databases, ExactAmounts,
                         testing::Values("sqlite", "postgresql", "mariadb"),
                         [](const auto& info) { return info.param; });
