// Bulk collections started from the invoice screen: each runs the plugin's
// collect_all on a thread of its own, with a "job" parameter so its progress
// reports (interface 1.2, HostServices::report_progress) are told apart, and
// is polled by the page as JSON.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "erp_plugin/plugin.hpp"
#include "erp_plugin/progress.hpp"
#include "host_sim/loader/PluginLoader.hpp"

namespace host_sim::screen {

struct BulkJob {
    std::string id;
    erp_plugin::Fields filters;
    erp_plugin::JobProgress progress;
    bool finished = false;  // run_action returned
    bool ok = false;
    std::string message;  // the error, when not ok
    erp_plugin::StatusCode code = erp_plugin::StatusCode::ok;
    erp_plugin::Fields outputs;  // the final result's
    // The open invoices the screen read when it started the job: collect_all
    // reports counts only, so what it did to each is read back from these.
    std::vector<std::string> invoices;
};

class BulkJobs {
  public:
    explicit BulkJobs(PluginPtr plugin);
    ~BulkJobs();  // waits for running jobs
    BulkJobs(const BulkJobs&) = delete;
    BulkJobs& operator=(const BulkJobs&) = delete;

    // Starts collect_all with these filters (empty values left out); the job id.
    std::string start(const erp_plugin::Fields& filters, std::vector<std::string> invoices = {});
    // A progress report from the plugin (any thread); ignored for other jobs.
    void on_progress(const erp_plugin::JobProgress& progress);
    std::optional<BulkJob> get(const std::string& id) const;
    void wait_all();

  private:
    PluginPtr plugin_;
    mutable std::mutex mutex_;
    std::map<std::string, BulkJob> jobs_;
    std::vector<std::pair<std::string, std::thread>> threads_;  // job id, its thread
    std::uint64_t next_ = 0;
};

// {"job","done","total","finished","ok","message","counts":{...}} for the page's poll.
std::string bulk_job_json(const BulkJob& job);

}  // namespace host_sim::screen
