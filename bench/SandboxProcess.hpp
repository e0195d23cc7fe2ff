// The Jodo sandbox in a process of its own (the built jodo-sandbox), for a
// figure that measures the connector's memory: the in-process sandbox keeps
// every order it is asked to make, which would count as the connector's.
#pragma once

#include <filesystem>
#include <memory>
#include <thread>

#include <Poco/Pipe.h>

#include "JodoLoad.hpp"

namespace Poco {
class ProcessHandle;
}

namespace bench {

class SandboxProcess {
  public:
    // Starts `program` on a free port of 127.0.0.1 with `latency_ms` on every
    // API request; throws when it does not say where it listens.
    SandboxProcess(const std::filesystem::path& program, int latency_ms);
    ~SandboxProcess();  // stops it (SIGTERM) and waits
    SandboxProcess(const SandboxProcess&) = delete;
    SandboxProcess& operator=(const SandboxProcess&) = delete;

    const JodoEndpoint& endpoint() const { return endpoint_; }

  private:
    std::unique_ptr<Poco::ProcessHandle> handle_;
    Poco::Pipe output_;
    std::thread drain_;  // reads what it prints after the first line, until it exits
    JodoEndpoint endpoint_;
};

}  // namespace bench
