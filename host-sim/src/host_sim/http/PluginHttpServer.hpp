#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <Poco/Net/HTTPRequestHandlerFactory.h>

#include "host_sim/http/PollingHttpServer.hpp"
#include "host_sim/loader/PluginLoader.hpp"

namespace host_sim {

// The host's HTTP endpoint for plugins (webhooks): requests whose path starts
// with a route a plugin claimed are handed to that plugin as plain data
// (method, path, headers, peer address, raw body) and its answer is sent back.
// Served by a PollingHttpServer: idle, slow and many connections cost a
// bounded buffer each, never a thread (the bounds are in its header).
class PluginHttpServer {
  public:
    using Stats = PollingHttpServer::Stats;

    explicit PluginHttpServer(std::vector<LoadedPlugin> plugins, std::string host = "127.0.0.1",
                              std::uint16_t port = 0);
    ~PluginHttpServer();
    PluginHttpServer(const PluginHttpServer&) = delete;
    PluginHttpServer& operator=(const PluginHttpServer&) = delete;

    // Before start(): paths no plugin claimed are offered to `others` first.
    void serve_others(Poco::Net::HTTPRequestHandlerFactory::Ptr others);
    void start();
    void stop();
    std::uint16_t port() const;
    std::string base_url() const;
    // Its connections now, and what the server refused or cut since start().
    Stats stats() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace host_sim
