#include "PythonBaseline.hpp"

#include <cstdlib>
#include <regex>
#include <sstream>

#include <Poco/Exception.h>
#include <Poco/Path.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>
#include <boost/dll/runtime_symbol_info.hpp>

namespace bench {

namespace {

PythonBaseline skipped(std::string why) {
    PythonBaseline result;
    result.skipped = std::move(why);
    return result;
}

std::string decimal(double value) {
    std::ostringstream out;
    out << value;
    return out.str();
}

}  // namespace

std::filesystem::path default_python_baseline() {
    return std::filesystem::path(boost::dll::program_location().string()).parent_path() /
           "sequential_baseline.py";
}

PythonBaseline run_python_baseline(const std::filesystem::path& script, const JodoEndpoint& jodo,
                                   double seconds, std::size_t max,
                                   const std::filesystem::path& durable_db) {
    std::error_code missing;
    if (!std::filesystem::is_regular_file(script, missing))
        return skipped("no script " + script.string());
    const char* path_list = std::getenv("PATH");
    Poco::Path python;
    if (!path_list || !Poco::Path::find(path_list, "python3", python))
        return skipped("no python3 on PATH");

    Poco::Process::Args args{script.string(),  "--base-url", jodo.base_url,
                             "--api-key",      jodo.api_key, "--seconds",
                             decimal(seconds), "--max",      std::to_string(max)};
    if (!durable_db.empty()) {
        args.push_back("--durable-db");
        args.push_back(durable_db.string());
    }
    Poco::Process::Env env{{"JODO_BENCH_API_SECRET", jodo.api_secret}};
    std::string out;
    int rc = -1;
    try {
        Poco::Pipe out_pipe;
        // stderr is inherited: the script's own complaints reach the console.
        Poco::ProcessHandle child =
            Poco::Process::launch(python.toString(), args, nullptr, &out_pipe, nullptr, env);
        Poco::PipeInputStream from_child(out_pipe);
        Poco::StreamCopier::copyToString(from_child, out);
        rc = child.wait();
    } catch (const Poco::Exception& e) {
        return skipped("python3 could not be run: " + e.displayText());
    }
    if (rc != 0)
        return skipped("the script exited with " + std::to_string(rc));

    static const std::regex line(R"(creates=(\d+) failures=(\d+) seconds=([0-9.]+))");
    std::smatch found;
    if (!std::regex_search(out, found, line))
        return skipped("the script printed no creates=N failures=F seconds=S line");
    PythonBaseline result;
    result.load.creates = std::stoul(found[1]);
    result.load.failures = std::stoul(found[2]);
    result.load.seconds = std::stod(found[3]);
    if (result.load.creates == 0 || result.load.seconds <= 0)
        return skipped("the script made no order (" + std::to_string(result.load.failures) +
                       " failures)");
    return result;
}

}  // namespace bench
