// Where the benchmark's database files live, and the process's peak memory.
#pragma once

#include <filesystem>
#include <string>

namespace bench {

// `requested`, or <build dir>/bench-work when empty; created, emptied of a
// previous run's SQLite files. Throws std::runtime_error when it is on tmpfs
// (or ramfs): figures measured there say nothing about a real disk.
std::filesystem::path disk_workdir(const std::string& requested);

// The file system type of `path` as statfs names it ("ext4", "tmpfs", ...).
std::string file_system_of(const std::filesystem::path& path);

// VmHWM (peak) and VmRSS (now) from /proc/self/status, in KiB (0 when
// unreadable).
long peak_rss_kib();
long rss_kib();
// Resets VmHWM to the current RSS (/proc/self/clear_refs "5"); false when
// the kernel refuses.
bool reset_peak_rss();

}  // namespace bench
