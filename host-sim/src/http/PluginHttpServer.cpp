#include "http/PluginHttpServer.hpp"

#include <chrono>
#include <thread>

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>

namespace host_sim {

namespace {

constexpr std::streamsize kMaxBody = 1 << 20;  // a webhook is a few KiB; refuse floods

struct Route {
    std::string prefix;
    PluginPtr plugin;
};

class PluginHandler : public Poco::Net::HTTPRequestHandler {
  public:
    explicit PluginHandler(PluginPtr plugin) : plugin_(std::move(plugin)) {}

    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override {
        erp_plugin::HttpRequest in;
        in.method = request.getMethod();
        in.path = request.getURI().substr(0, request.getURI().find('?'));
        in.source_address = request.clientAddress().host().toString();
        for (const auto& [name, value] : request)
            in.headers.emplace_back(name, value);
        if (request.getContentLength() > kMaxBody) {
            response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE);
            response.send();
            return;
        }
        if (request.hasContentLength() || request.getChunkedTransferEncoding()) {
            // Chunked bodies announce no length: stop reading at the limit.
            char buffer[8192];
            std::istream& body = request.stream();
            while (body.read(buffer, sizeof(buffer)) || body.gcount() > 0) {
                in.body.append(buffer, static_cast<std::size_t>(body.gcount()));
                if (in.body.size() > static_cast<std::size_t>(kMaxBody)) {
                    response.setStatusAndReason(
                        Poco::Net::HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE);
                    response.setKeepAlive(false);
                    response.send();
                    return;
                }
            }
        }
        const erp_plugin::HttpResponse out = plugin_->handle_http(in);
        response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(out.status));
        response.setContentType(out.content_type);
        response.setContentLength(static_cast<std::streamsize>(out.body.size()));
        response.send() << out.body;
    }

  private:
    PluginPtr plugin_;
};

class NotFoundHandler : public Poco::Net::HTTPRequestHandler {
  public:
    void handleRequest(Poco::Net::HTTPServerRequest&,
                       Poco::Net::HTTPServerResponse& response) override {
        response.setStatus(Poco::Net::HTTPResponse::HTTP_NOT_FOUND);
        response.setContentType("application/json");
        const std::string body = R"({"status":"error","message":"no plugin serves this path"})";
        response.setContentLength(static_cast<std::streamsize>(body.size()));
        response.send() << body;
    }
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
  public:
    explicit Factory(std::vector<Route> routes) : routes_(std::move(routes)) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest& request) override {
        const std::string path = request.getURI().substr(0, request.getURI().find('?'));
        for (const auto& route : routes_)
            if (path == route.prefix || path.rfind(route.prefix + "/", 0) == 0)
                return new PluginHandler(route.plugin);
        return new NotFoundHandler;
    }

  private:
    std::vector<Route> routes_;
};

}  // namespace

struct PluginHttpServer::Impl {
    std::vector<Route> routes;
    std::string host;
    std::uint16_t requested_port;
    std::unique_ptr<Poco::Net::HTTPServer> server;
    std::uint16_t port = 0;
};

PluginHttpServer::PluginHttpServer(std::vector<LoadedPlugin> plugins, std::string host,
                                   std::uint16_t port)
    : impl_(std::make_unique<Impl>()) {
    impl_->host = std::move(host);
    impl_->requested_port = port;
    for (const auto& loaded : plugins)
        for (const auto& prefix : loaded.plugin->http_routes())
            impl_->routes.push_back({prefix, loaded.plugin});
}

PluginHttpServer::~PluginHttpServer() {
    stop();
}

void PluginHttpServer::start() {
    Poco::Net::ServerSocket socket;
    socket.bind(Poco::Net::SocketAddress(impl_->host, impl_->requested_port), true, false);
    socket.listen(64);
    impl_->port = socket.address().port();
    auto params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(8);
    params->setKeepAlive(true);
    impl_->server =
        std::make_unique<Poco::Net::HTTPServer>(new Factory(impl_->routes), socket, params);
    impl_->server->start();
}

void PluginHttpServer::stop() {
    if (impl_->server) {
        impl_->server->stopAll(true);
        // stopAll() does not wait for handlers already inside a plugin; the
        // host stops the plugin next, so let them finish first.
        for (int i = 0; i < 100 && impl_->server->currentConnections() > 0; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        impl_->server.reset();
    }
}

std::uint16_t PluginHttpServer::port() const {
    return impl_->port;
}

std::string PluginHttpServer::base_url() const {
    return "http://" + impl_->host + ":" + std::to_string(impl_->port);
}

}  // namespace host_sim
