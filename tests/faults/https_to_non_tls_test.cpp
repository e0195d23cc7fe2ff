// Issue 9 item 15: an https:// base URL whose server does not speak TLS (a
// plain-HTTP server, a silent one, one that hangs up). The handshake fails
// before any byte of the request left, so a create was NOT sent: it fails or
// is retried, and never becomes "outcome unknown" (which would block the
// invoice from being collected again until someone releases it).
#include <atomic>
#include <thread>
#include <vector>

#include <Poco/Net/StreamSocket.h>

#include "FaultRig.hpp"

namespace faults_test {
namespace {

// A TCP listener on 127.0.0.1 that treats every connection the same way.
class RawPeer {
  public:
    enum class Behaviour { answers_plain_http, stays_silent, hangs_up };

    explicit RawPeer(Behaviour behaviour)
        : listener_(Poco::Net::SocketAddress("127.0.0.1", 0)), behaviour_(behaviour) {
        thread_ = std::thread([this] { serve(); });
    }
    ~RawPeer() {
        stop_ = true;
        thread_.join();
    }
    std::string https_url() const {
        return "https://127.0.0.1:" + std::to_string(listener_.address().port());
    }
    int connections() const { return connections_; }

  private:
    void serve() {
        std::vector<Poco::Net::StreamSocket> held;  // the silent peer's connections
        while (!stop_) {
            if (!listener_.poll(Poco::Timespan(0, 20000), Poco::Net::Socket::SELECT_READ))
                continue;
            Poco::Net::StreamSocket peer = listener_.acceptConnection();
            ++connections_;
            if (behaviour_ == Behaviour::stays_silent) {
                held.push_back(peer);
                continue;
            }
            if (behaviour_ == Behaviour::answers_plain_http) {
                // What an HTTP server says to a TLS ClientHello.
                char hello[4096];
                peer.setReceiveTimeout(Poco::Timespan(1, 0));
                try {
                    peer.receiveBytes(hello, sizeof hello);
                    const std::string answer =
                        "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: "
                        "close\r\n\r\n";
                    peer.sendBytes(answer.data(), static_cast<int>(answer.size()));
                } catch (const Poco::Exception&) {
                }
            }
            peer.close();
        }
    }

    Poco::Net::ServerSocket listener_;
    Behaviour behaviour_;
    std::atomic<bool> stop_{false};
    std::atomic<int> connections_{0};
    std::thread thread_;
};

RigOptions short_timeouts() {
    RigOptions options;
    options.read_timeout_ms = 1000;
    options.policy = fast_policy(2);
    return options;
}

class HttpsToNonTls : public testing::TestWithParam<RawPeer::Behaviour> {};

TEST_P(HttpsToNonTls, CreateIsNotSentNeverOutcomeUnknown) {
    RawPeer peer(GetParam());
    ClientRig rig(peer.https_url(), short_timeouts());

    const auto error = error_of([&] { rig->create_pay_order(sample_order()); });

    ASSERT_TRUE(error);
    EXPECT_NE(error->kind(), ErrorKind::outcome_unknown) << error->what();
    // A server that answers is not TLS and stays so: a setting to fix. One
    // that says nothing may come up: unreachable, and safe to retry.
    if (GetParam() == RawPeer::Behaviour::hangs_up) {
        // A hang-up reads as the end of the stream (config, no retry) or, when
        // the ClientHello was still unread, as a reset (unreachable, retried):
        // which one is the kernel's race, and both are "not sent".
        EXPECT_TRUE(error->kind() == ErrorKind::config || error->kind() == ErrorKind::unreachable)
            << error->what();
        EXPECT_LE(rig->stats().attempts, 2);
        return;
    }
    const ErrorKind expected =
        GetParam() == RawPeer::Behaviour::stays_silent ? ErrorKind::unreachable : ErrorKind::config;
    EXPECT_EQ(error->kind(), expected) << error->what();
    EXPECT_EQ(rig->stats().attempts, expected == ErrorKind::unreachable ? 2 : 1);
}

TEST_P(HttpsToNonTls, GetFailsTheSameWay) {
    RawPeer peer(GetParam());
    ClientRig rig(peer.https_url(), short_timeouts());
    const auto error = error_of([&] { rig->get_pay_order("order_0000000000000000"); });
    ASSERT_TRUE(error);
    EXPECT_TRUE(error->kind() == ErrorKind::config || error->kind() == ErrorKind::unreachable)
        << error->what();
}

INSTANTIATE_TEST_SUITE_P(Peers, HttpsToNonTls,
                         testing::Values(RawPeer::Behaviour::answers_plain_http,
                                         RawPeer::Behaviour::stays_silent,
                                         RawPeer::Behaviour::hangs_up),
                         [](const auto& info) {
                             switch (info.param) {
                                 case RawPeer::Behaviour::answers_plain_http:
                                     return std::string("AnswersPlainHttp");
                                 case RawPeer::Behaviour::stays_silent:
                                     return std::string("StaysSilent");
                                 default:
                                     return std::string("HangsUp");
                             }
                         });

// The sandbox itself in plain-HTTP mode, reached with https://.
TEST(HttpsToPlainSandbox, CreateIsRefusedAsASettingAndNothingIsCreated) {
    jodo::sandbox::JodoSandbox plain;
    plain.start();
    ClientRig rig("https://127.0.0.1:" + std::to_string(plain.port()), short_timeouts());

    const auto error = error_of([&] { rig->create_pay_order(sample_order()); });

    ASSERT_TRUE(error);
    EXPECT_NE(error->kind(), ErrorKind::outcome_unknown) << error->what();
    EXPECT_NE(std::string(error->what()).find("jodo.base_url"), std::string::npos) << error->what();
    EXPECT_EQ(plain.create_count(), 0u);
}

}  // namespace
}  // namespace faults_test
