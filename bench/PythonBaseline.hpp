// The baseline of issue 10: bench/sequential_baseline.py, a sequential
// stdlib-Python script, run as a child process against the same sandbox in
// the same run.
#pragma once

#include <filesystem>
#include <string>

#include "JodoLoad.hpp"

namespace bench {

struct PythonBaseline {
    LoadResult load;
    std::string skipped;  // why it was not measured; empty when it was
    bool measured() const { return skipped.empty(); }
};

// The script beside this binary (copied there at build time).
std::filesystem::path default_python_baseline();

// Runs `script` with python3 from PATH for `seconds` (at most `max` requests).
// With `durable_db` the script commits each create's intent and outcome in
// that SQLite file (--durable-db). The API secret goes through the
// environment, never the command line. Never throws: a missing python3 or
// script, or a run that made no order, comes back as `skipped` with the reason.
PythonBaseline run_python_baseline(const std::filesystem::path& script, const JodoEndpoint& jodo,
                                   double seconds, std::size_t max,
                                   const std::filesystem::path& durable_db = {});

}  // namespace bench
