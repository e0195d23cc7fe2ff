#include "host_sim/host/IniFile.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>

namespace host_sim {

namespace {

std::string trim(const std::string& text) {
    const char* const space = " \t\r\f\v";
    const auto first = text.find_first_not_of(space);
    if (first == std::string::npos)
        return {};
    return text.substr(first, text.find_last_not_of(space) - first + 1);
}

// Errors name the file as the administrator gave it, so it can be opened as is.
[[noreturn]] void refuse(const std::filesystem::path& file, int line, const std::string& what) {
    throw ConfigError(config_place(file, line) + what);
}

}  // namespace

std::string config_place(const std::filesystem::path& file, int line) {
    return file.string() + ":" + std::to_string(line) + ": ";
}

std::vector<IniEntry> read_ini_file(const std::filesystem::path& file) {
    std::ifstream in(file);
    // errno is what open(2) left: the reason the administrator can act on.
    if (!in)
        throw ConfigError("cannot read " + file.string() + ": " + std::strerror(errno));
    if (std::filesystem::is_directory(file))
        throw ConfigError("cannot read " + file.string() + ": " + std::strerror(EISDIR));
    std::vector<IniEntry> entries;
    std::string section;
    std::string raw;
    int number = 0;
    while (std::getline(in, raw)) {
        ++number;
        const std::string line = trim(raw);
        if (line.empty() || line[0] == ';' || line[0] == '#')
            continue;
        if (line[0] == '[') {
            if (line.back() != ']')
                refuse(file, number, "section header " + line + " lacks its closing ]");
            section = trim(line.substr(1, line.size() - 2));
            if (section.empty())
                refuse(file, number, "a section header needs a name: [host], [jodo], ...");
            continue;
        }
        const auto eq = line.find('=');
        if (eq == std::string::npos)
            refuse(file, number,
                   "cannot read \"" + line + "\": expected key = value, [section] or ; comment");
        IniEntry entry{section, trim(line.substr(0, eq)), trim(line.substr(eq + 1)), number};
        if (entry.name.empty())
            refuse(file, number, "\"" + line + "\" has no key before =");
        if (section.empty())
            refuse(file, number,
                   entry.name + " comes before any [section]: put it under [host] or a plugin's");
        entries.push_back(std::move(entry));
    }
    if (in.bad())
        throw ConfigError("cannot read " + file.string() + ": " + std::strerror(errno));
    return entries;
}

}  // namespace host_sim
