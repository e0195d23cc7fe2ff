// Issue 10 item 4: webhook ingest by group commit. Deliveries arriving
// together are stored in one transaction, each answered after its own group
// is committed; a group whose commit fails answers 503 to every one of its
// deliveries and stores none of them. Real sockets against the host's
// endpoint, the real module, real databases.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <Poco/Data/Session.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "RawHttp.hpp"
#include "SignedDeliveries.hpp"
#include "erp_sql/OpenOdbcSession.hpp"
#include "erp_sql/Transaction.hpp"
#include "support/ErpDatabases.hpp"
#include "support/LifecycleHarness.hpp"

using acceptance::ErpDatabase;
using acceptance::HarnessOptions;
using acceptance::LifecycleHarness;
using namespace Poco::Data::Keywords;

namespace {

const char* kSecret = "whsec_group";

HarnessOptions signed_webhooks() {
    return signed_deliveries::with_secret(kSecret);
}

std::string signed_delivery(LifecycleHarness& h, const std::string& event_id) {
    return signed_deliveries::request(h, kSecret, "order_group", event_id);
}

struct Delivered {
    int status = 0;            // 0: no answer
    std::string answer_state;  // the answer's "status" field: accepted | duplicate | error
};

// Every request on its own connection, all sent at once; answers in order.
std::vector<Delivered> deliver_at_once(std::uint16_t port,
                                       const std::vector<std::string>& requests) {
    std::vector<Delivered> answers(requests.size());
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < requests.size(); ++i)
        threads.emplace_back([&, i] {
            try {
                raw_http::Connection connection(port);
                connection.send(requests[i]);
                const auto answer = connection.read_answer(60000);
                answers[i].status = answer.status;
                const auto body = answer.text.substr(answer.text.find("\r\n\r\n") + 4);
                answers[i].answer_state = Poco::JSON::Parser()
                                              .parse(body)
                                              .extract<Poco::JSON::Object::Ptr>()
                                              ->getValue<std::string>("status");
            } catch (const Poco::Exception&) {
                // status stays 0 (or the body was not JSON): counted as a failure below
            }
        });
    for (auto& t : threads)
        t.join();
    return answers;
}

int stored_like(LifecycleHarness& h, const std::string& pattern) {
    int count = 0;
    std::string like = pattern;
    h.erp().session() << "SELECT COUNT(*) FROM jodo_webhook_inbox WHERE event_id LIKE ?", use(like),
        into(count), now;
    return count;
}

// A trigger that fails the insert of any event whose id starts with "poison":
// a real database error in the middle of a group.
void install_poison_trigger(Poco::Data::Session& session, const std::string& dialect) {
    if (dialect == "sqlite") {
        session << "CREATE TRIGGER jodo_poison BEFORE INSERT ON jodo_webhook_inbox "
                   "WHEN NEW.event_id LIKE 'poison%' BEGIN SELECT RAISE(ABORT, 'poisoned'); END",
            now;
    } else if (dialect == "postgresql") {
        session << "CREATE FUNCTION jodo_poison() RETURNS trigger LANGUAGE plpgsql AS "
                   "$$ BEGIN IF NEW.event_id LIKE 'poison%' THEN RAISE EXCEPTION 'poisoned'; "
                   "END IF; RETURN NEW; END $$",
            now;
        session << "CREATE TRIGGER jodo_poison BEFORE INSERT ON jodo_webhook_inbox "
                   "FOR EACH ROW EXECUTE FUNCTION jodo_poison()",
            now;
    } else {
        session << "CREATE TRIGGER jodo_poison BEFORE INSERT ON jodo_webhook_inbox FOR EACH ROW "
                   "BEGIN IF NEW.event_id LIKE 'poison%' THEN SIGNAL SQLSTATE '45000' SET "
                   "MESSAGE_TEXT = 'poisoned'; END IF; END",
            now;
    }
}

void drop_poison_trigger(Poco::Data::Session& session, const std::string& dialect) {
    session << (dialect == "postgresql" ? "DROP TRIGGER jodo_poison ON jodo_webhook_inbox"
                                        : "DROP TRIGGER jodo_poison"),
        now;
}

class WebhookGroupCommit : public testing::TestWithParam<std::string> {};

TEST_P(WebhookGroupCommit, ConcurrentDeliveriesAndDuplicatesAreAll200AndEachStoredOnce) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    LifecycleHarness h(db.connection_string(), signed_webhooks());
    const int kEvents = 150, kCopies = 3;  // each event delivered three times at once
    std::vector<std::string> requests;
    for (int copy = 0; copy < kCopies; ++copy)
        for (int i = 0; i < kEvents; ++i)
            requests.push_back(signed_delivery(h, "e-group-" + std::to_string(i)));
    const auto answers = deliver_at_once(raw_http::port_of(h.webhook_url()), requests);

    std::map<int, int> statuses;
    std::map<std::string, int> states;
    for (const auto& a : answers) {
        ++statuses[a.status];
        ++states[a.answer_state];
    }
    EXPECT_EQ(statuses[200], kEvents * kCopies);
    // Exactly one delivery of each event stored it; the others were told it
    // was already there.
    EXPECT_EQ(states["accepted"], kEvents);
    EXPECT_EQ(states["duplicate"], kEvents * (kCopies - 1));
    EXPECT_EQ(stored_like(h, "e-group-%"), kEvents);
    int distinct = 0;
    h.erp().session() << "SELECT COUNT(DISTINCT event_id) FROM jodo_webhook_inbox "
                         "WHERE event_id LIKE 'e-group-%' AND state = 'pending'",
        into(distinct), now;
    EXPECT_EQ(distinct, kEvents);
}

TEST_P(WebhookGroupCommit, AFailedGroupCommitAnswers503ToItsWholeGroupAndStoresNoneOfIt) {
    const std::string dialect = GetParam();
    ErpDatabase db(dialect);
    ACCEPTANCE_REQUIRE_DATABASE(db);
    LifecycleHarness h(db.connection_string(), signed_webhooks());
    const std::uint16_t port = raw_http::port_of(h.webhook_url());
    {
        auto session = h.erp().session();
        install_poison_trigger(session, dialect);
    }

    // Another connection holds an uncommitted row with the first delivery's
    // event id: the committer's first group waits on it, and every delivery
    // arriving meanwhile queues up for the next group.
    Poco::Data::Session blocker = erp_sql::open_odbc_session(db.connection_string());
    auto transaction = std::make_unique<erp_sql::Transaction>(blocker);
    blocker << "INSERT INTO jodo_webhook_inbox (event_id, event, body, state, received_at) "
               "VALUES ('e-first', 'order.payment.debited', '{}', 'pending', 'x')",
        now;
    std::vector<Delivered> first;
    std::thread first_delivery(
        [&] { first = deliver_at_once(port, {signed_delivery(h, "e-first")}); });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // taken as a group of one

    std::vector<std::string> group;
    for (int i = 0; i < 20; ++i)
        group.push_back(signed_delivery(h, "e-doomed-" + std::to_string(i)));
    group.push_back(signed_delivery(h, "poison-1"));
    std::vector<Delivered> answers;
    std::thread group_delivery([&] { answers = deliver_at_once(port, group); });
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // all queued
    transaction.reset();  // rolled back: the first group goes through
    first_delivery.join();
    group_delivery.join();

    ASSERT_EQ(first.size(), 1u);
    EXPECT_EQ(first[0].status, 200);
    EXPECT_EQ(first[0].answer_state, "accepted");
    int answered_503 = 0;
    for (const auto& a : answers)
        answered_503 += a.status == 503 ? 1 : 0;
    EXPECT_EQ(answered_503, 21) << "one group, one outcome";
    EXPECT_EQ(stored_like(h, "e-doomed-%"), 0);
    EXPECT_EQ(stored_like(h, "poison-%"), 0);
    EXPECT_EQ(stored_like(h, "e-first"), 1);

    // Jodo delivers them again once the database takes them: each stored once.
    {
        auto session = h.erp().session();
        drop_poison_trigger(session, dialect);
    }
    const auto again = deliver_at_once(port, group);
    for (const auto& a : again)
        EXPECT_EQ(a.status, 200);
    EXPECT_EQ(stored_like(h, "e-doomed-%"), 20);
    EXPECT_EQ(stored_like(h, "poison-%"), 1);
}

INSTANTIATE_TEST_SUITE_P(Databases, WebhookGroupCommit,
                         testing::Values("sqlite", "postgresql", "mariadb"),
                         [](const auto& info) { return info.param; });

}  // namespace
