#include "Disk.hpp"

#include <sys/statfs.h>

#include <fstream>
#include <stdexcept>

#include <boost/dll/runtime_symbol_info.hpp>

namespace bench {

namespace {
constexpr long kTmpfsMagic = 0x01021994;
constexpr long kRamfsMagic = 0x858458f6;
constexpr long kExt4Magic = 0xEF53;
constexpr long kXfsMagic = 0x58465342;
constexpr long kBtrfsMagic = 0x9123683E;
constexpr long kOverlayMagic = 0x794c7630;
}  // namespace

std::string file_system_of(const std::filesystem::path& path) {
    struct statfs info {};
    if (::statfs(path.c_str(), &info) != 0)
        return "unknown";
    switch (static_cast<long>(info.f_type)) {
        case kTmpfsMagic:
            return "tmpfs";
        case kRamfsMagic:
            return "ramfs";
        case kExt4Magic:
            return "ext4";
        case kXfsMagic:
            return "xfs";
        case kBtrfsMagic:
            return "btrfs";
        case kOverlayMagic:
            return "overlay";
        default:
            return "fs-0x" + [&] {
                char hex[32];
                std::snprintf(hex, sizeof hex, "%lx", static_cast<long>(info.f_type));
                return std::string(hex);
            }();
    }
}

std::filesystem::path disk_workdir(const std::string& requested) {
    const std::filesystem::path dir =
        requested.empty() ? std::filesystem::path(boost::dll::program_location().string())
                                    .parent_path()
                                    .parent_path() /
                                "bench-work"
                          : std::filesystem::path(requested);
    // Checked where it would be made, so that a refused one is not left behind.
    std::filesystem::path existing = std::filesystem::absolute(dir);
    while (!std::filesystem::exists(existing) && existing.has_parent_path() &&
           existing != existing.parent_path())
        existing = existing.parent_path();
    const std::string type = file_system_of(existing);
    if (type == "tmpfs" || type == "ramfs")
        throw std::runtime_error(dir.string() + " is on " + type +
                                 ": database figures must come from a real disk; give --workdir "
                                 "a directory on one");
    std::filesystem::create_directories(dir);
    for (const auto& entry : std::filesystem::directory_iterator(dir))
        if (entry.path().extension() == ".db" || entry.path().extension() == ".db-journal")
            std::filesystem::remove(entry.path());
    return std::filesystem::absolute(dir);
}

namespace {
long status_kib(const std::string& field) {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind(field, 0) == 0)
            return std::stol(line.substr(field.size()));
    return 0;
}
}  // namespace

long peak_rss_kib() {
    return status_kib("VmHWM:");
}

long rss_kib() {
    return status_kib("VmRSS:");
}

bool reset_peak_rss() {
    std::ofstream clear("/proc/self/clear_refs");
    clear << "5";
    clear.flush();
    return static_cast<bool>(clear);
}

}  // namespace bench
