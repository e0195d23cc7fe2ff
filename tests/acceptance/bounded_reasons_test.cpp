// Jodo's error text has no documented length: however long, a refusal is
// recorded (failed, not left 'creating'), cut to 1,000 characters on a
// character boundary, on every database.
#include <gtest/gtest.h>

#include "jodo/api/bounded_text.hpp"
#include "jodo/erp/CollectionStore.hpp"
#include "support/ErpDatabases.hpp"

using acceptance::ErpDatabase;
using jodo::Collection;
using jodo::CollectionStore;

class BoundedReasons : public testing::TestWithParam<std::string> {};

TEST_P(BoundedReasons, ALongRefusalIsRecordedCutOnACharacterBoundary) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    jodo::Database database(db.connection_string());
    database.migrate_plugin_tables();
    CollectionStore store(database, [] { return std::string("2026-01-01T00:00:00Z"); });
    Collection draft;
    draft.invoice_id = acceptance::unique_prefix() + "-LONG";
    draft.kind = jodo::CollectionKind::pay_order;
    draft.amount = 100;
    draft.lines.push_back({1, "FEE", 100, -1, "", ""});
    ASSERT_EQ(store.begin(draft, nullptr), CollectionStore::Begin::started);

    std::string reason;
    for (int i = 0; i < 700; ++i)
        reason += "\xE0\xA4\x85x";  // a Devanagari letter and an ASCII one: 1,400 characters
    CollectionStore::CreateOutcome refused;
    refused.kind = CollectionStore::CreateOutcome::Kind::failed;
    refused.intent = draft;
    refused.error_code = "invalid_request";
    refused.reason = reason;
    ASSERT_TRUE(store.finish(refused));
    auto stored = store.by_id(draft.collection_id);
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->status, jodo::CollectionStatus::failed);
    EXPECT_EQ(jodo::utf8_length(stored->error_reason), 1000u);
    EXPECT_EQ(stored->error_reason, jodo::bounded_text(reason, 1000));

    const std::string other = draft.invoice_id + "-2";
    store.record_rejection(other, jodo::CollectionKind::pay_order, 100, reason + "!");
    auto rejected = store.latest_for(other);
    ASSERT_TRUE(rejected);
    EXPECT_EQ(rejected->status, jodo::CollectionStatus::rejected);
    EXPECT_EQ(jodo::utf8_length(rejected->error_reason), 1000u);
}

INSTANTIATE_TEST_SUITE_P(Databases, BoundedReasons,
                         testing::Values("sqlite", "postgresql", "mariadb"),
                         [](const auto& info) { return info.param; });
