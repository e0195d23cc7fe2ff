// `host-sim check --config FILE`: what an administrator runs before going
// live. One line per check, ok or failed with what to change; exit 1 when
// anything failed. Nothing is collected and nothing a payer sees changes.
#include <ostream>

#include <Poco/DigestEngine.h>
#include <Poco/HMACEngine.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/SHA2Engine.h>
#include <Poco/UUIDGenerator.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include "host_sim/cli/HostCommands.hpp"
#include "host_sim/host/DeclaredSettings.hpp"
#include "host_sim/host/PluginHost.hpp"
#include "host_sim/host/SimHostServices.hpp"
#include "host_sim/loader/PluginLoader.hpp"

namespace host_sim {

namespace {
class Sha256 : public Poco::SHA2Engine {
  public:
    enum { BLOCK_SIZE = 64, DIGEST_SIZE = 32 };
    Sha256() : Poco::SHA2Engine(SHA_256) {}
};

void line(std::ostream& out, bool ok, const std::string& name, const std::string& detail) {
    out << (ok ? "ok      " : "FAILED  ") << name << ": " << detail << "\n";
}

// A signed event no Jodo order has, sent over HTTP to the endpoint of the
// running `host-sim serve` on 127.0.0.1:[host] http_port, as Jodo's would
// arrive (behind a proxy, this is where the proxy sends it): it must be
// verified and stored (answer 200); the module ignores it. Nothing listening
// is a failure: Jodo's deliveries would be lost too.
bool webhook_self_test(int http_port, const std::string& secret, const std::string& path,
                       std::ostream& out) {
    if (http_port <= 0) {
        line(out, false, "webhook_endpoint",
             "[host] http_port is not set, so Jodo's webhooks have no fixed address here");
        return false;
    }
    const std::string where = "127.0.0.1:" + std::to_string(http_port);
    const std::string body = R"({"event_id":"connector-check-)" +
                             Poco::UUIDGenerator::defaultGenerator().createRandom().toString() +
                             R"(","event":"connector.check","version":"1.0","payload":{}})";
    Poco::HMACEngine<Sha256> hmac(secret);
    hmac.update(body);
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(http_port));
    session.setTimeout(Poco::Timespan(5, 0));
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, path, "HTTP/1.1");
    request.setContentType("application/json");
    request.setContentLength(std::streamsize(body.size()));
    request.set("X-Jodo-Signature", Poco::DigestEngine::digestToHex(hmac.digest()));
    try {
        session.sendRequest(request) << body;
        Poco::Net::HTTPResponse response;
        session.receiveResponse(response);
        const bool ok = response.getStatus() == Poco::Net::HTTPResponse::HTTP_OK;
        line(out, ok, "webhook_endpoint",
             ok ? "a signed test event to http://" + where + path +
                      " was verified and stored by the running server (not applied)"
                : "a signed test event to http://" + where + path + " was answered " +
                      std::to_string(int(response.getStatus())) +
                      ": check jodo.webhook.secret and jodo.webhook.path of the running server");
        return ok;
    } catch (const Poco::Net::ConnectionRefusedException&) {
        line(out, false, "webhook_endpoint",
             "nothing is listening on " + where +
                 ": start the server (host-sim serve, or systemctl start erp-host), then check "
                 "again");
        return false;
    } catch (const std::exception& e) {
        line(out, false, "webhook_endpoint",
             "no answer from " + where + ": " + std::string(e.what()));
        return false;
    }
}
}  // namespace

int command_check(const HostConfig& config, std::ostream& out) {
    auto settings = read_settings_file(config.file.string());
    // A check changes no database: the module only verifies its tables, and
    // fails to start (the line below says where) when they are missing.
    settings["jodo.database.migrate"] = "no";
    int failed = 0;
    SimHostServices services(
        config.database, settings,
        std::make_shared<spdlog::logger>("check", std::make_shared<spdlog::sinks::null_sink_mt>()));
    PluginHost host(services);
    host.set_setting_places(read_setting_places(config.file.string()));
    const LoadReport report = host.load_directory(config.plugins);
    for (const auto& r : report.refused) {
        line(out, false, "plugin " + r.file.filename().string(), r.reason);
        ++failed;
    }
    erp_plugin::Plugin* plugin = host.find("jodo");
    if (!plugin) {
        line(out, false, "jodo", "the Jodo module did not start; fix the line above first");
        return 1;
    }
    line(out, true, "settings", "every jodo.* setting is known and well-formed");
    erp_plugin::ActionRequest request;
    request.action = "check";
    request.record_type = "batch";
    const auto result = plugin->run_action(request);
    // Outputs come in pairs: check.<name> = ok | failed, check.<name>.detail.
    for (const auto& [name, value] : result.outputs) {
        if (name.rfind("check.", 0) != 0 || name.find(".detail") != std::string::npos)
            continue;
        const std::string* detail = erp_plugin::find_field(result.outputs, name + ".detail");
        line(out, value == "ok", name.substr(6), detail ? *detail : std::string());
    }
    if (!result.status.ok())
        ++failed;
    const auto secret = settings.find("jodo.webhook.secret");
    if (secret != settings.end() && !secret->second.empty()) {
        const auto path = settings.find("jodo.webhook.path");
        failed += webhook_self_test(config.http_port, secret->second,
                                    path == settings.end() ? "/webhooks/jodo" : path->second, out)
                      ? 0
                      : 1;
    }
    out << (failed == 0 ? "ready: every check passed\n" : "not ready: fix the FAILED lines\n");
    return failed == 0 ? 0 : 1;
}

}  // namespace host_sim
