// The webhook endpoint's request handling, WebhookReceiver::handle, with a real
// inbox in a SQLite database (through the SQLite3 ODBC driver, as in the
// tests). The input is "METHOD\nsource\nsignature-or-empty\nbody"; a first
// byte with bit 0 set signs the body correctly so the fuzzer gets past
// verification. Every answer must be an HTTP status with a JSON body; an
// accepted event must be in the inbox afterwards.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include <Poco/JSON/Parser.h>

#include "FuzzInput.hpp"
#include "erp_sql/OpenOdbcSession.hpp"
#include "jodo/erp/Database.hpp"
#include "jodo/webhooks/WebhookReceiver.hpp"

namespace {

struct Endpoint {
    std::unique_ptr<jodo::Database> db;
    std::unique_ptr<jodo::WebhookInbox> inbox;
    std::unique_ptr<jodo::WebhookReceiver> receiver;
};

Endpoint& endpoint() {
    static Endpoint* e = [] {
        erp_sql::register_odbc_connector();
        const auto dir = std::filesystem::temp_directory_path() /
                         ("jodo-fuzz-inbox-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir);
        auto* made = new Endpoint;
        made->db = std::make_unique<jodo::Database>(
            "Driver=SQLite3;Database=" + (dir / "inbox.db").string() + ";", 1);
        made->db->migrate_plugin_tables();
        made->inbox = std::make_unique<jodo::WebhookInbox>(*made->db);
        jodo::WebhookSecurity security;
        security.secret = "fuzz_secret";
        security.allowed_ips = {"127.0.0.1", "::1"};
        made->receiver = std::make_unique<jodo::WebhookReceiver>(
            security, *made->inbox, jodo::Clock([] { return std::int64_t{1700000000000}; }),
            jodo::Log(), nullptr);
        return made;
    }();
    return *e;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::FuzzInput in(data, size);
    const std::uint8_t mode = in.byte();
    erp_plugin::HttpRequest request;
    request.method = in.line();
    request.path = "/webhooks/jodo";
    request.source_address = in.line();
    const std::string signature = in.line();
    request.body = in.rest();
    request.headers.emplace_back(
        "X-Jodo-Signature",
        mode & 1 ? jodo::hmac_sha256_hex("fuzz_secret", request.body) : signature);
    const erp_plugin::HttpResponse response = endpoint().receiver->handle(request);
    switch (response.status) {
        case 200:
        case 400:
        case 401:
        case 403:
        case 405:
        case 503:
            break;
        default:
            std::abort();
    }
    try {
        Poco::JSON::Parser().parse(response.body).extract<Poco::JSON::Object::Ptr>();
    } catch (...) {
        std::abort();  // every answer is a JSON object
    }
    return 0;
}
