#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include <Poco/Net/HTTPRequestHandlerFactory.h>

namespace host_sim {

// An HTTP/1.1 server that no flood of idle, slow or many connections can
// starve. One poller thread owns every connection while it is idle, while
// its request is arriving and while its answer goes out: it watches them all
// with Poco::Net::PollSet, reads what each brings into a bounded buffer of
// its own (RequestAssembler), and enforces the deadlines itself. Only a whole
// request goes to a worker thread, with the body in memory, and the handler's
// answer comes back to the poller as bytes; so a worker never waits on a
// peer, only on the handler's own work (a plugin, a database). Kept-alive
// connections go back to the poller after each answer.
//
// What a connection may cost (the numbers are in the .cpp, beside the
// constants):
// - connections: at most 4096 open (fewer when the process may open fewer
//   descriptors); at the bound, a new connection replaces the one that has
//   waited longest for its request;
// - request bytes: a header of 32 KiB and a body of 1 MiB at most per
//   connection; the first 16 KiB of each are its own, anything beyond comes
//   from a 64 MiB pool that all connections share, and while that is spent
//   big bodies wait in the kernel (TCP flow control holds their senders back)
//   while small requests are still read;
// - time: 10 s for a whole request (however slowly it trickles in), 3 s of
//   silence in the middle of one, 3 s idle between requests, 10 s for the
//   peer to take an answer;
// - workers: 128 threads at most, started as requests need them.
class PollingHttpServer {
  public:
    struct Stats {
        std::uint64_t open = 0;      // connections open now
        std::uint64_t accepted = 0;  // since start()
        std::uint64_t cut = 0;       // closed for running out of time mid-request
        std::uint64_t evicted = 0;   // closed to make room for a new connection
        std::uint64_t refused = 0;   // answered 400/431 by the server itself
        std::uint64_t max_open = 0;  // the bound on open connections
        std::uint64_t pooled = 0;    // bytes drawn from the shared pool now
    };

    PollingHttpServer(Poco::Net::HTTPRequestHandlerFactory::Ptr handlers, std::string host,
                      std::uint16_t port);
    ~PollingHttpServer();
    PollingHttpServer(const PollingHttpServer&) = delete;
    PollingHttpServer& operator=(const PollingHttpServer&) = delete;

    void start();
    // Stops accepting and reading; requests already with a worker finish
    // (their handlers are not interrupted), then every connection closes.
    void stop();
    std::uint16_t port() const;
    Stats stats() const;

  private:
    class Impl;
    std::unique_ptr<Impl> impl_;
};

// Raises this process's soft limit on open descriptors (often 1024) as far as
// the bound on connections needs, within the hard limit; for a program whose
// job is to serve (host-sim serve), before start(). Returns the soft limit.
std::uint64_t raise_descriptor_limit_for_http();

}  // namespace host_sim
