#include "host_sim/cli/ProgressBar.hpp"

#include <algorithm>

namespace host_sim {

std::string render_progress_line(const erp_plugin::JobProgress& progress, int width) {
    const int filled = progress.total == 0
                           ? 0
                           : int(std::min<std::uint64_t>(progress.done, progress.total) *
                                 std::uint64_t(width) / progress.total);
    std::string line = "[" + std::string(std::size_t(filled), '#') +
                       std::string(std::size_t(width - filled), '.') + "] " +
                       std::to_string(progress.done) + "/" +
                       (progress.total ? std::to_string(progress.total) : std::string("?"));
    for (const auto& [name, value] : progress.counts)
        if (value != "0")
            line += "  " + name + " " + value;
    return line;
}

void TerminalProgressBar::draw(const erp_plugin::JobProgress& progress) {
    if (!enabled_)
        return;
    // Padding clears what a longer previous line left behind.
    out_ << '\r' << render_progress_line(progress) << "   ";
    if (progress.finished)
        out_ << '\n';
    out_.flush();
}

}  // namespace host_sim
