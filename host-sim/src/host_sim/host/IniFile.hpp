// host-sim's configuration file, read line by line so that every mistake can
// be pointed at: "host.ini:7: ...".
//
//   ; or # starts a comment line      [section]      key = value
//
// Keys and values are trimmed; a value may be empty; a later line for the same
// key wins. Anything else (a line without "=", "[section" without "]", an
// empty key, a key before the first section) is refused.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace host_sim {

// A configuration mistake; what() starts with the file and line when there is one.
class ConfigError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct IniEntry {
    std::string section;
    std::string name;
    std::string value;
    int line = 0;
    // The setting as hosts and plugins see it: "section.name".
    std::string key() const { return section + "." + name; }
};

// Throws ConfigError: "cannot read FILE: No such file or directory", or
// "FILE:LINE: ..." for a line that is not a comment, a section or a key.
std::vector<IniEntry> read_ini_file(const std::filesystem::path& file);

// "FILE:LINE: ", the prefix of a message about that line.
std::string config_place(const std::filesystem::path& file, int line);

}  // namespace host_sim
