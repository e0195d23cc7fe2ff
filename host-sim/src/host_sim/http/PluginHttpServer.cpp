#include "host_sim/http/PluginHttpServer.hpp"

#include "host_sim/http/PluginRequestHandler.hpp"
#include "host_sim/http/PollingHttpServer.hpp"

namespace host_sim {

struct PluginHttpServer::Impl {
    std::vector<PluginRoute> routes;
    std::string host;
    std::uint16_t requested_port;
    std::uint16_t port = 0;  // once started (kept after stop())
    Poco::Net::HTTPRequestHandlerFactory::Ptr others;
    // The connections, their limits and deadlines: PollingHttpServer.
    std::unique_ptr<PollingHttpServer> server;
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

void PluginHttpServer::serve_others(Poco::Net::HTTPRequestHandlerFactory::Ptr others) {
    impl_->others = std::move(others);
}

void PluginHttpServer::start() {
    if (impl_->server)
        return;
    impl_->server =
        std::make_unique<PollingHttpServer>(new PluginRequestHandlers(impl_->routes, impl_->others),
                                            impl_->host, impl_->requested_port);
    impl_->server->start();
    impl_->port = impl_->server->port();
}

void PluginHttpServer::stop() {
    if (!impl_->server)
        return;
    // Handlers already inside a plugin finish first: the host stops the
    // plugin next.
    impl_->server->stop();
    impl_->server.reset();
    impl_->others = nullptr;
}

std::uint16_t PluginHttpServer::port() const {
    return impl_->port;
}

std::string PluginHttpServer::base_url() const {
    return "http://" + impl_->host + ":" + std::to_string(port());
}

PluginHttpServer::Stats PluginHttpServer::stats() const {
    return impl_->server ? impl_->server->stats() : Stats{};
}

}  // namespace host_sim
