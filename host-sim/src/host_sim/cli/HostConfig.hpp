#pragma once

#include <filesystem>
#include <string>

namespace host_sim {

// The ERP side of host-sim's INI file ([host] database, plugins, http_port,
// log_*); every other section is handed to the plugins as settings, e.g.
// [jodo] base_url -> "jodo.base_url".
struct HostConfig {
    std::string database;
    std::filesystem::path plugins;
    int http_port = 0;
    std::filesystem::path file;
    // [host] log_file (a rotating file: log_file_mb per file, log_files kept)
    // and log_level (debug, info, warn, error); empty log_file = stderr only.
    std::filesystem::path log_file;
    std::string log_level = "info";
    int log_file_mb = 10;
    int log_files = 5;
    // [host] timezone: the school's, for every time on the screens (IANA name).
    std::string timezone = "Asia/Kolkata";
    // [host] school_name: how the message with a payment link names the school.
    std::string school_name = "the school";
};

// Reads [host], and makes [host] timezone the process's (screen/IndianFormat.hpp). Throws
// ConfigError (host/IniFile.hpp) for a file that cannot be read, a line that is not INI, a key
// [host] does not have ("host.ini:7: unknown key http_prot under [host]; did you mean http_port?")
// or a value out of range, each naming the file and line.
HostConfig read_host_config(const std::filesystem::path& file,
                            const std::filesystem::path& default_plugins);

}  // namespace host_sim
