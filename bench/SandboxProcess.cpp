#include "SandboxProcess.hpp"

#include <memory>
#include <stdexcept>
#include <string>

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>

namespace bench {

namespace {
// Keys of this throw-away sandbox only; nothing real.
const char* kKey = "bench_key";
const char* kSecret = "bench_secret";
const std::string kListening = "Jodo sandbox listening on ";
}  // namespace

SandboxProcess::SandboxProcess(const std::filesystem::path& program, int latency_ms) {
    const Poco::Process::Args args{"--port",   "0",     "--key",        kKey,
                                   "--secret", kSecret, "--latency-ms", std::to_string(latency_ms)};
    handle_ = std::make_unique<Poco::ProcessHandle>(
        Poco::Process::launch(program.string(), args, nullptr, &output_, nullptr));
    auto from_child = std::make_shared<Poco::PipeInputStream>(output_);
    std::string line;
    while (std::getline(*from_child, line)) {
        if (line.rfind(kListening, 0) == 0) {
            endpoint_ = {line.substr(kListening.size()), kKey, kSecret};
            break;
        }
    }
    if (endpoint_.base_url.rfind("http://127.0.0.1:", 0) != 0) {
        Poco::Process::kill(*handle_);
        handle_->wait();
        throw std::runtime_error(program.string() + " did not say where it listens");
    }
    drain_ = std::thread([from_child] {
        std::string ignored;
        while (std::getline(*from_child, ignored)) {
        }
    });
}

SandboxProcess::~SandboxProcess() {
    try {
        Poco::Process::requestTermination(handle_->id());
        handle_->wait();
    } catch (...) {
        // Already gone.
    }
    if (drain_.joinable())
        drain_.join();
}

}  // namespace bench
