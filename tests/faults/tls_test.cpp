// The sandbox in HTTPS mode and the client's certificate checks. Certificates
// are made for this run with the openssl CLI: a test CA, a server certificate
// for 127.0.0.1/localhost and one for another host name, both signed by the CA.
#include <atomic>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <thread>

#include <Poco/URI.h>

#include "FaultRig.hpp"
#include "support/TempDir.hpp"

namespace faults_test {
namespace {

namespace fs = std::filesystem;

void write_file(const fs::path& path, const std::string& text) {
    std::ofstream out(path);
    out << text;
}

// Runs openssl with `args`; output goes to dir/openssl.log.
bool openssl(const fs::path& dir, const std::string& args) {
    const std::string command =
        "cd '" + dir.string() + "' && openssl " + args + " >>openssl.log 2>&1";
    return std::system(command.c_str()) == 0;
}

struct Certificates {
    testing_support::TempDir dir;
    fs::path ca, localhost_cert, localhost_key, other_cert, other_key;
};

// A CA, then a key + certificate per name signed by it.
std::unique_ptr<Certificates> make_certificates() {
    auto certs = std::make_unique<Certificates>();
    const fs::path& dir = certs->dir.path();
    write_file(dir / "openssl.cnf",
               "[req]\ndistinguished_name = dn\nprompt = no\n[dn]\nCN = Jodo Test CA\n"
               "[ca]\nbasicConstraints = critical, CA:TRUE\n"
               "keyUsage = critical, keyCertSign, cRLSign\nsubjectKeyIdentifier = hash\n"
               "[localhost]\nbasicConstraints = CA:FALSE\nextendedKeyUsage = serverAuth\n"
               "subjectAltName = IP:127.0.0.1, DNS:localhost\n"
               "[other]\nbasicConstraints = CA:FALSE\nextendedKeyUsage = serverAuth\n"
               "subjectAltName = DNS:other.example\n");
    const std::string new_key = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
    bool ok = openssl(dir, "req -x509 -config openssl.cnf -extensions ca " + new_key +
                               " -keyout ca.key -out ca.pem -days 2");
    int serial = 0x1001;
    for (const std::string name : {"localhost", "other"}) {
        const std::string cn = name == "localhost" ? "localhost" : "other.example";
        ok = ok &&
             openssl(dir, "req -new -config openssl.cnf " + new_key + " -keyout " + name +
                              ".key -out " + name + ".csr -subj /CN=" + cn) &&
             openssl(dir, "x509 -req -in " + name + ".csr -CA ca.pem -CAkey ca.key -set_serial " +
                              std::to_string(serial++) + " -days 2 -extfile openssl.cnf " +
                              "-extensions " + name + " -out " + name + ".pem");
    }
    if (!ok) {
        std::ifstream log(dir / "openssl.log");
        ADD_FAILURE() << "openssl failed:\n"
                      << std::string(std::istreambuf_iterator<char>(log), {});
        return nullptr;
    }
    certs->ca = dir / "ca.pem";
    certs->localhost_cert = dir / "localhost.pem";
    certs->localhost_key = dir / "localhost.key";
    certs->other_cert = dir / "other.pem";
    certs->other_key = dir / "other.key";
    return certs;
}

class Tls : public ::testing::Test {
  protected:
    static void SetUpTestSuite() { certs_ = make_certificates(); }
    static void TearDownTestSuite() { certs_.reset(); }

    void SetUp() override { ASSERT_TRUE(certs_) << "no test certificates"; }

    // A started HTTPS sandbox serving `cert` + `key`.
    std::unique_ptr<jodo::sandbox::JodoSandbox> https_sandbox(const fs::path& cert,
                                                              const fs::path& key,
                                                              int keep_alive_timeout_ms = 5000) {
        jodo::sandbox::SandboxOptions options;
        options.keep_alive_timeout_ms = keep_alive_timeout_ms;
        options.tls_cert_file = cert.string();
        options.tls_key_file = key.string();
        auto sandbox = std::make_unique<jodo::sandbox::JodoSandbox>(options);
        sandbox->start();
        return sandbox;
    }

    static std::unique_ptr<Certificates> certs_;
};

std::unique_ptr<Certificates> Tls::certs_;

TEST_F(Tls, SandboxBaseUrlIsHttps) {
    auto sandbox = https_sandbox(certs_->localhost_cert, certs_->localhost_key);
    EXPECT_EQ(sandbox->base_url(), "https://127.0.0.1:" + std::to_string(sandbox->port()));
}

TEST_F(Tls, UntrustedCertificateIsAConfigErrorNamingCaFile) {
    auto sandbox = https_sandbox(certs_->localhost_cert, certs_->localhost_key);
    ClientRig rig(sandbox->base_url());  // no ca_file: the system store does not know our CA

    const auto error = error_of([&] { rig->create_pay_order(sample_order()); });

    ASSERT_TRUE(error);
    EXPECT_EQ(error->kind(), ErrorKind::config);
    EXPECT_NE(std::string(error->what()).find("jodo.ca_file"), std::string::npos) << error->what();
    EXPECT_EQ(rig->stats().attempts, 1);  // not transient: no retry
    EXPECT_TRUE(rig.waits().empty());
    EXPECT_EQ(sandbox->create_count(), 0u);
    EXPECT_EQ(sandbox->api_request_count(), 0u);  // nothing got past the handshake
}

TEST_F(Tls, TrustedCaFileLetsCreateAndGetThrough) {
    auto sandbox = https_sandbox(certs_->localhost_cert, certs_->localhost_key);
    RigOptions options;
    options.ca_file = certs_->ca.string();
    ClientRig rig(sandbox->base_url(), options);

    const jodo::CreatedOrder created = rig->create_pay_order(sample_order());
    const jodo::RemoteOrder order = rig->get_pay_order(created.order_id);

    EXPECT_EQ(order.id, created.order_id);
    EXPECT_EQ(order.total(), 150050);
    EXPECT_EQ(created.redirect_url.rfind(sandbox->base_url() + "/p/", 0), 0u)
        << created.redirect_url;
    EXPECT_EQ(sandbox->create_count(), 1u);
    EXPECT_EQ(sandbox->api_request_count(), 2u);
    EXPECT_EQ(rig->stats().retries, 0);
}

TEST_F(Tls, LocalhostNameMatchesTheCertificateToo) {
    auto sandbox = https_sandbox(certs_->localhost_cert, certs_->localhost_key);
    RigOptions options;
    options.ca_file = certs_->ca.string();
    ClientRig rig("https://localhost:" + std::to_string(sandbox->port()), options);
    EXPECT_FALSE(rig->create_pay_order(sample_order()).order_id.empty());
    EXPECT_EQ(sandbox->create_count(), 1u);
}

TEST_F(Tls, CertificateForAnotherHostIsRefusedEvenWithTheCa) {
    auto sandbox = https_sandbox(certs_->other_cert, certs_->other_key);
    RigOptions options;
    options.ca_file = certs_->ca.string();
    ClientRig rig(sandbox->base_url(), options);

    const auto error = error_of([&] { rig->create_pay_order(sample_order()); });

    ASSERT_TRUE(error);
    EXPECT_EQ(error->kind(), ErrorKind::config);
    EXPECT_EQ(rig->stats().attempts, 1);
    EXPECT_EQ(sandbox->create_count(), 0u);
    EXPECT_EQ(sandbox->api_request_count(), 0u);

    // The same for a repeatable call: refused at once, not retried.
    const auto get_error = error_of([&] { rig->get_pay_order("order_0000000000000000"); });
    ASSERT_TRUE(get_error);
    EXPECT_EQ(get_error->kind(), ErrorKind::config);
    EXPECT_EQ(rig->stats().attempts, 2);
    EXPECT_EQ(sandbox->api_request_count(), 0u);
}

TEST_F(Tls, AnswerLostAfterCommitOverTlsIsOutcomeUnknown) {
    auto sandbox = https_sandbox(certs_->localhost_cert, certs_->localhost_key);
    RigOptions options;
    options.ca_file = certs_->ca.string();
    ClientRig rig(sandbox->base_url(), options);
    sandbox->inject_next(1, Fault{FaultKind::drop_after_commit}, "POST");

    const auto error = error_of([&] { rig->create_pay_order(sample_order()); });

    ASSERT_TRUE(error);
    EXPECT_EQ(error->kind(), ErrorKind::outcome_unknown) << error->what();
    EXPECT_EQ(sandbox->api_request_count(), 1u);
    EXPECT_EQ(sandbox->create_count(), 1u);
}

TEST_F(Tls, ConnectionDroppedBeforeProcessingOverTlsIsOutcomeUnknownForACreate) {
    auto sandbox = https_sandbox(certs_->localhost_cert, certs_->localhost_key);
    RigOptions options;
    options.ca_file = certs_->ca.string();
    ClientRig rig(sandbox->base_url(), options);
    sandbox->inject_next(1, Fault{FaultKind::drop_before}, "POST");

    const auto error = error_of([&] { rig->create_pay_order(sample_order()); });

    ASSERT_TRUE(error);
    EXPECT_EQ(error->kind(), ErrorKind::outcome_unknown) << error->what();
    EXPECT_EQ(rig->stats().attempts, 1);
    EXPECT_EQ(sandbox->create_count(), 0u);
}

TEST_F(Tls, DroppedGetOverTlsIsRetried) {
    auto sandbox = https_sandbox(certs_->localhost_cert, certs_->localhost_key);
    RigOptions options;
    options.ca_file = certs_->ca.string();
    ClientRig rig(sandbox->base_url(), options);
    const std::string id = rig->create_pay_order(sample_order()).order_id;
    sandbox->inject_next(1, Fault{FaultKind::drop_before}, "GET");
    sandbox->inject_next(1, Fault{FaultKind::drop_after_commit}, "GET");

    EXPECT_EQ(rig->get_pay_order(id).id, id);

    EXPECT_EQ(sandbox->api_request_count(), 4u);  // create + 2 dropped + 1 answered
    EXPECT_EQ(rig->stats().retries, 2);
    // The first drop hit the connection kept alive from the create: sent again
    // at once on a fresh one; only the second waited.
    EXPECT_EQ(rig.waits().size(), 1u);
}

TEST_F(Tls, FiftyCreatesOverTlsShareOneHandshake) {
    auto sandbox = https_sandbox(certs_->localhost_cert, certs_->localhost_key);
    RigOptions options;
    options.ca_file = certs_->ca.string();
    ClientRig rig(sandbox->base_url(), options);
    for (int i = 0; i < 50; ++i)
        rig->create_pay_order(sample_order("INV-TLS-" + std::to_string(i)));

    EXPECT_EQ(sandbox->create_count(), 50u);
    EXPECT_EQ(sandbox->connection_count(), 1u);
}

TEST_F(Tls, CreateAfterTheServerClosedTheTlsConnectionIsCreatedOnce) {
    auto sandbox = https_sandbox(certs_->localhost_cert, certs_->localhost_key, 100);
    RigOptions options;
    options.ca_file = certs_->ca.string();
    ClientRig rig(sandbox->base_url(), options);
    rig->create_pay_order(sample_order("INV-TLS-1"));
    std::this_thread::sleep_for(std::chrono::milliseconds(600));  // the server closed it

    EXPECT_FALSE(rig->create_pay_order(sample_order("INV-TLS-2")).order_id.empty());

    EXPECT_EQ(sandbox->create_count(), 2u);
    EXPECT_EQ(sandbox->api_request_count(), 2u);
    EXPECT_EQ(rig->stats().retries, 0);
    EXPECT_EQ(sandbox->connection_count(), 2u);
}

TEST_F(Tls, Answered503OverTlsIsRetried) {
    auto sandbox = https_sandbox(certs_->localhost_cert, certs_->localhost_key);
    RigOptions options;
    options.ca_file = certs_->ca.string();
    ClientRig rig(sandbox->base_url(), options);
    sandbox->inject_next(1, Fault{FaultKind::status_503}, "POST");

    EXPECT_FALSE(rig->create_pay_order(sample_order()).order_id.empty());
    EXPECT_EQ(sandbox->api_request_count(), 2u);
    EXPECT_EQ(sandbox->create_count(), 1u);
}

TEST_F(Tls, SharedClientOverTlsFromFourThreads) {
    auto sandbox = https_sandbox(certs_->localhost_cert, certs_->localhost_key);
    RigOptions options;
    options.ca_file = certs_->ca.string();
    ClientRig rig(sandbox->base_url(), options);
    const std::string id = rig->create_pay_order(sample_order()).order_id;

    std::atomic<int> correct{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 10; ++i) {
                try {
                    correct += rig->get_pay_order(id).id == id;
                } catch (const std::exception&) {
                }
            }
        });
    }
    for (auto& thread : threads)
        thread.join();

    EXPECT_EQ(correct.load(), 40);
    EXPECT_EQ(sandbox->api_request_count(), 41u);
    EXPECT_EQ(rig->stats().retries, 0);
}

TEST_F(Tls, MissingCertificateFileMakesStartThrow) {
    jodo::sandbox::SandboxOptions options;
    options.tls_cert_file = (certs_->dir.path() / "missing.pem").string();
    options.tls_key_file = certs_->localhost_key.string();
    jodo::sandbox::JodoSandbox sandbox(options);
    EXPECT_THROW(sandbox.start(), std::runtime_error);

    options.tls_cert_file = certs_->localhost_cert.string();
    options.tls_key_file.clear();
    jodo::sandbox::JodoSandbox half(options);
    EXPECT_THROW(half.start(), std::invalid_argument);
}

TEST(PlainHttp, ToANonLoopbackHostIsRefusedBeforeAnyTraffic) {
    jodo::JodoConfig config;
    config.base_url = "http://10.1.2.3";
    config.api_key = "k";
    config.api_secret = "s";
    try {
        jodo::PocoHttpTransport transport(config);  // never connects: the constructor refuses
        FAIL() << "plain http to 10.1.2.3 was accepted";
    } catch (const JodoError& e) {
        EXPECT_EQ(e.kind(), ErrorKind::config);
        EXPECT_NE(std::string(e.what()).find("https://"), std::string::npos) << e.what();
    }
    config.base_url = "http://jodo.example:8080/base";
    EXPECT_THROW(jodo::PocoHttpTransport{config}, JodoError);
    config.base_url = "http://127.0.0.1:1";
    EXPECT_NO_THROW(jodo::PocoHttpTransport{config});  // loopback: allowed (and not dialled)
}

// Issue 9 item 1: the decision is made on the parsed address, not on how the
// host name starts: a DNS name beginning with "127." may resolve anywhere.
TEST(PlainHttp, OnlyLoopbackAddressesAndLocalhostMayUsePlainHttp) {
    for (const char* host : {"127.0.0.1", "127.1.2.3", "127.255.255.254", "[::1]", "localhost"})
        EXPECT_TRUE(jodo::is_loopback_host(Poco::URI(std::string("http://") + host).getHost()))
            << host;
    for (const char* host : {"127.attacker.example", "127.0.0.1.attacker.example", "127.0.0.1x",
                             "localhost.evil", "evil-localhost", "128.0.0.1", "10.0.0.1", "[::2]",
                             "[::ffff:10.0.0.1]", "0.0.0.0", "[::]"})
        EXPECT_FALSE(jodo::is_loopback_host(Poco::URI(std::string("http://") + host).getHost()))
            << host;

    jodo::JodoConfig config;
    config.api_key = "k";
    config.api_secret = "s";
    for (const char* url : {"http://127.attacker.example", "http://127.0.0.1.nip.io:8089/v1",
                            "http://localhost.attacker.example"}) {
        config.base_url = url;
        try {
            jodo::PocoHttpTransport transport(config);
            ADD_FAILURE() << "plain http accepted for " << url;
        } catch (const JodoError& e) {
            EXPECT_EQ(e.kind(), ErrorKind::config) << url;
            EXPECT_NE(std::string(e.what()).find("https://"), std::string::npos) << e.what();
        }
    }
    config.base_url = "http://[::1]:1";
    EXPECT_NO_THROW(jodo::PocoHttpTransport{config});
}

}  // namespace
}  // namespace faults_test
