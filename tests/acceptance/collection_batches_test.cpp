// CollectionStore's batches (jodo/erp/CollectionBatches.cpp) on every database: an
// intent batch survives a conflict with the one-active index and says which
// intents won; an outcome batch writes each outcome only onto the intent it
// was recorded as, and names what was released while it was in flight; the
// reconciler's quiet checks move only rows still in the status checked.
#include <gtest/gtest.h>

#include "jodo/api/money.hpp"
#include "jodo/erp/CollectionStore.hpp"
#include "jodo/erp/Database.hpp"
#include "support/ErpDatabases.hpp"

using acceptance::ErpDatabase;
using jodo::Collection;
using jodo::CollectionStore;
using Outcome = jodo::CollectionStore::CreateOutcome;

namespace {
Collection draft_for(const std::string& invoice_id, jodo::Paise amount) {
    Collection d;
    d.invoice_id = invoice_id;
    d.kind = jodo::CollectionKind::pay_order;
    d.amount = amount;
    d.lines = {{1, "TUITION_FEE", amount - 100, -1, "", ""}, {2, "LAB_FEE", 100, -1, "", ""}};
    d.next_check_at = "2026-01-01T00:00:30Z";
    return d;
}
}  // namespace

class CollectionBatches : public testing::TestWithParam<std::string> {};

TEST_P(CollectionBatches, AConflictSkipsOneIntentNotTheBatch) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    jodo::Database database(db.connection_string());
    database.migrate_plugin_tables();
    CollectionStore store(database, [] { return std::string("2026-01-01T00:00:00Z"); });
    const std::string prefix = acceptance::unique_prefix() + "-BATCH-";

    Collection held = draft_for(prefix + "2", 50000);
    ASSERT_EQ(store.begin(held, nullptr), CollectionStore::Begin::started);

    std::vector<Collection> drafts = {draft_for(prefix + "1", 12345), draft_for(prefix + "2", 777),
                                      draft_for(prefix + "3", 99999999999999)};
    const std::vector<bool> started = store.begin_many(drafts);
    EXPECT_EQ(started, (std::vector<bool>{true, false, true}));
    for (std::size_t i : {0u, 2u}) {
        auto row = store.by_id(drafts[i].collection_id);
        ASSERT_TRUE(row);
        EXPECT_EQ(row->status, jodo::CollectionStatus::creating);
        EXPECT_TRUE(row->active);
        EXPECT_EQ(row->amount, drafts[i].amount);
        ASSERT_EQ(row->lines.size(), 2u);
        EXPECT_EQ(row->lines[0].amount, drafts[i].amount - 100);
    }
    EXPECT_FALSE(store.by_id(drafts[1].collection_id));  // neither row nor lines
    EXPECT_EQ(store.active_for(prefix + "2")->collection_id, held.collection_id);
    const auto active = store.active_for_many({prefix + "1", prefix + "2", prefix + "3", "none"});
    EXPECT_EQ(active.size(), 3u);
    EXPECT_EQ(active.at(prefix + "2").collection_id, held.collection_id);

    // Outcomes: one created, one unknown; and one whose row an accountant
    // released meanwhile: its order is still recorded and named for a flag.
    ASSERT_TRUE(store.abandon(held, "released"));
    std::vector<Outcome> outcomes(3);
    outcomes[0].kind = Outcome::Kind::created;
    outcomes[0].intent = drafts[0];
    outcomes[0].order_id = prefix + "order-1";
    outcomes[0].redirect_url = "https://pay.example/1";
    outcomes[1].kind = Outcome::Kind::unknown;
    outcomes[1].intent = drafts[2];
    outcomes[1].reason = "answer lost";
    outcomes[2].kind = Outcome::Kind::created;
    outcomes[2].intent = held;
    outcomes[2].order_id = prefix + "order-2";
    const auto released = store.finish_many(outcomes);
    ASSERT_EQ(released.size(), 1u);
    EXPECT_EQ(released[0].collection_id, held.collection_id);
    EXPECT_EQ(store.by_id(drafts[0].collection_id)->status, jodo::CollectionStatus::unpaid);
    EXPECT_EQ(store.by_id(drafts[0].collection_id)->order_id, prefix + "order-1");
    EXPECT_EQ(store.by_id(drafts[2].collection_id)->status, jodo::CollectionStatus::unknown);
    EXPECT_EQ(store.by_id(held.collection_id)->order_id, prefix + "order-2");

    // Written twice (a second writer, a replay): the row is no longer the
    // intent, so nothing changes.
    Outcome late;
    late.kind = Outcome::Kind::failed;
    late.intent = drafts[0];
    late.error_code = "server_error";
    late.reason = "late";
    EXPECT_FALSE(store.finish(late));
    EXPECT_EQ(store.by_id(drafts[0].collection_id)->status, jodo::CollectionStatus::unpaid);
}

TEST_P(CollectionBatches, QuietChecksMoveOnlyRowsStillInTheirCheckedStatus) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    jodo::Database database(db.connection_string());
    database.migrate_plugin_tables();
    CollectionStore store(database, [] { return std::string("2026-01-01T00:01:00Z"); });
    const std::string prefix = acceptance::unique_prefix() + "-QUIET-";
    std::vector<Collection> rows;
    for (int i = 0; i < 3; ++i) {
        Collection d = draft_for(prefix + std::to_string(i), 1000 + i);
        ASSERT_EQ(store.begin(d, nullptr), CollectionStore::Begin::started);
        CollectionStore::CreateOutcome created;
        created.kind = CollectionStore::CreateOutcome::Kind::created;
        created.intent = d;
        created.order_id = prefix + "order-" + std::to_string(i);
        created.next_check_at = "2026-01-01T00:00:30Z";
        ASSERT_TRUE(store.finish(created));
        rows.push_back(*store.by_id(d.collection_id));
    }
    // Between the check of row 2 and the batch, another writer moved it.
    ASSERT_TRUE(store.supersede(rows[2], "the invoice changed", "2026-01-01T00:09:00Z"));

    const std::size_t written = store.reschedule_many(
        {{rows[0].collection_id, jodo::CollectionStatus::unpaid, "2026-01-01T00:02:00Z"},
         {rows[1].collection_id, jodo::CollectionStatus::unpaid, "2026-01-01T00:03:00Z"},
         {rows[2].collection_id, jodo::CollectionStatus::unpaid, "2026-01-01T00:04:00Z"}});

    EXPECT_EQ(written, 2u);
    for (int i = 0; i < 2; ++i) {
        const auto after = store.by_id(rows[i].collection_id);
        EXPECT_EQ(after->status, jodo::CollectionStatus::unpaid);
        EXPECT_EQ(after->check_count, rows[i].check_count + 1);
        EXPECT_EQ(after->next_check_at.substr(0, 16),
                  i == 0 ? "2026-01-01T00:02" : "2026-01-01T00:03");
        EXPECT_EQ(after->order_id, rows[i].order_id);
        EXPECT_EQ(after->lines.size(), 2u);
    }
    const auto moved = store.by_id(rows[2].collection_id);
    EXPECT_EQ(moved->status, jodo::CollectionStatus::superseded);
    EXPECT_EQ(moved->next_check_at.substr(0, 16), "2026-01-01T00:09");
    EXPECT_EQ(store.reschedule_many({}), 0u);
}

INSTANTIATE_TEST_SUITE_P(Databases, CollectionBatches,
                         testing::Values("sqlite", "postgresql", "mariadb"),
                         [](const auto& info) { return info.param; });
