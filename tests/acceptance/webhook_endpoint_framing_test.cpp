// Issue 9 item 4: bodies that lie about their length, and headers Poco cannot
// read, sent over a raw socket to the host's webhook endpoint with the real
// module behind it. Whatever the signature covers, a body that did not
// arrive as announced is refused with 400 and never stored; every answer
// carries the reason phrase of its status.
#include <gtest/gtest.h>

#include <Poco/Data/Session.h>

#include "RawHttp.hpp"
#include "support/ErpDatabases.hpp"
#include "support/LifecycleHarness.hpp"
#include "webhooks/WebhookVerifier.hpp"

using acceptance::ErpDatabase;
using acceptance::HarnessOptions;
using acceptance::LifecycleHarness;
using namespace Poco::Data::Keywords;

namespace {

const char* kSecret = "whsec_framing";
const char* kPath = "/webhooks/jodo";
constexpr int kWaitMs = 5000;

class WebhookFraming : public testing::Test {
  protected:
    void SetUp() override {
        HarnessOptions options;
        options.settings = {{"jodo.webhook.secret", kSecret}};
        h_ = std::make_unique<LifecycleHarness>(db_.connection_string(), options);
        port_ = raw_http::port_of(h_->webhook_url());
    }

    std::string body(const std::string& event_id) const {
        return R"({"event_id":")" + event_id +
               R"(","event":"order.payment.debited","payload":{"order_id":")" +
               h_->foreign_order_id("order_framing") + R"("}})";
    }
    static raw_http::Headers signed_for(const std::string& signed_bytes) {
        return {{"X-Jodo-Signature", jodo::hmac_sha256_hex(kSecret, signed_bytes)}};
    }
    // Sends `request`, then FIN when `then_fin`, and reads the answer.
    raw_http::Answer exchange(const std::string& request, bool then_fin) {
        raw_http::Connection connection(port_);
        connection.send(request);
        if (then_fin)
            connection.finish_sending();
        return connection.read_answer(kWaitMs);
    }
    int stored() {
        int count = 0;
        h_->erp().session() << "SELECT COUNT(*) FROM jodo_webhook_inbox", into(count), now;
        return count;
    }

    ErpDatabase db_{"sqlite"};
    std::unique_ptr<LifecycleHarness> h_;
    std::uint16_t port_ = 0;
};

}  // namespace

TEST_F(WebhookFraming, ContentLengthBeyondTheBodyThenFinIs400) {
    const std::string sent = body("e-short-cl");
    const auto answer = exchange(
        raw_http::post(kPath, sent, signed_for(sent), std::to_string(sent.size() + 20)), true);
    EXPECT_EQ(answer.status, 400) << answer.text;
    EXPECT_EQ(answer.reason, "Bad Request");
    EXPECT_NE(answer.text.find("Content-Length"), std::string::npos) << answer.text;
    EXPECT_EQ(stored(), 0);
}

TEST_F(WebhookFraming, ChunkLargerThanItsDataThenFinIs400) {
    const std::string sent = body("e-short-chunk");
    const auto answer =
        exchange(raw_http::head("POST", kPath,
                                {{"X-Jodo-Signature", jodo::hmac_sha256_hex(kSecret, sent)},
                                 {"Transfer-Encoding", "chunked"}}) +
                     raw_http::chunk(sent, sent.size() + 20),
                 true);
    EXPECT_EQ(answer.status, 400) << answer.text;
    EXPECT_EQ(answer.reason, "Bad Request");
    EXPECT_EQ(stored(), 0);
}

TEST_F(WebhookFraming, ChunksWithoutTheLastChunkThenFinIs400) {
    const std::string sent = body("e-no-last-chunk");
    const auto answer =
        exchange(raw_http::head("POST", kPath,
                                {{"X-Jodo-Signature", jodo::hmac_sha256_hex(kSecret, sent)},
                                 {"Transfer-Encoding", "chunked"}}) +
                     raw_http::chunk(sent),
                 true);
    EXPECT_EQ(answer.status, 400) << answer.text;
    EXPECT_EQ(stored(), 0);
}

TEST_F(WebhookFraming, AWholeChunkedBodyIsStored) {
    const std::string sent = body("e-chunked");
    const std::string first = sent.substr(0, 10), rest = sent.substr(10);
    const auto answer =
        exchange(raw_http::head("POST", kPath,
                                {{"X-Jodo-Signature", jodo::hmac_sha256_hex(kSecret, sent)},
                                 {"Transfer-Encoding", "chunked"}}) +
                     raw_http::chunk(first) + raw_http::chunk(rest) + "0\r\n\r\n",
                 false);
    EXPECT_EQ(answer.status, 200) << answer.text;
    EXPECT_EQ(answer.reason, "OK");
    EXPECT_EQ(stored(), 1);
}

TEST_F(WebhookFraming, UnreadableContentLengthIsAnswered400) {
    const std::string sent = body("e-cl-abc");
    for (const char* length : {"abc", "99999999999999999999999", "12abc", "-5"}) {
        const auto answer = exchange(raw_http::post(kPath, sent, signed_for(sent), length), false);
        EXPECT_EQ(answer.status, 400) << length << ": " << answer.text;
        EXPECT_EQ(answer.reason, "Bad Request") << length;
    }
    EXPECT_EQ(stored(), 0);
}

TEST_F(WebhookFraming, AmbiguousOrUnknownFramingIs400) {
    const std::string sent = body("e-both");
    raw_http::Headers both = signed_for(sent);
    both.emplace_back("Transfer-Encoding", "chunked");
    auto answer = exchange(raw_http::post(kPath, raw_http::chunk(sent) + "0\r\n\r\n", both), false);
    EXPECT_EQ(answer.status, 400) << answer.text;
    raw_http::Headers gzip = signed_for(sent);
    gzip.emplace_back("Transfer-Encoding", "gzip");
    answer = exchange(raw_http::head("POST", kPath, gzip) + sent, true);
    EXPECT_EQ(answer.status, 400) << answer.text;
    EXPECT_EQ(stored(), 0);
}

TEST_F(WebhookFraming, EveryAnswerCarriesItsOwnReasonPhrase) {
    const std::string sent = body("e-reasons");
    auto answer = exchange(raw_http::post(kPath, sent, {}), false);  // no signature
    EXPECT_EQ(answer.status, 401) << answer.text;
    EXPECT_EQ(answer.reason, "Unauthorized");
    const std::string junk = "{not json";
    answer = exchange(raw_http::post(kPath, junk, signed_for(junk)), false);
    EXPECT_EQ(answer.status, 400) << answer.text;
    EXPECT_EQ(answer.reason, "Bad Request");
    answer = exchange(raw_http::head("GET", kPath, {}), false);
    EXPECT_EQ(answer.status, 405) << answer.text;
    EXPECT_EQ(answer.reason, "Method Not Allowed");
    answer = exchange(raw_http::post("/elsewhere", sent, {}), false);
    EXPECT_EQ(answer.status, 404) << answer.text;
    EXPECT_EQ(answer.reason, "Not Found");
    answer = exchange(raw_http::post(kPath, sent, signed_for(sent)), false);
    EXPECT_EQ(answer.status, 200) << answer.text;
    EXPECT_EQ(answer.reason, "OK");
}
