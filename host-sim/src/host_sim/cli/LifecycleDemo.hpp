#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>

namespace host_sim {

struct DemoOptions {
    std::filesystem::path workdir = "demo-run";
    std::filesystem::path plugin_dir;  // default: ../plugins next to the executable
    std::string connection_string;     // default: SQLite file in workdir
};

// The main job: one invoice from the invoice screen's "Collect" through payment
// and settlement, with every state read back from the ERP database. Returns
// the process exit code.
int run_lifecycle_demo(const DemoOptions& options, std::ostream& out);

std::string sqlite_connection_string(const std::filesystem::path& database_file);

}  // namespace host_sim
