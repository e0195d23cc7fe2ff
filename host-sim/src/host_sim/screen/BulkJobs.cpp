#include "host_sim/screen/BulkJobs.hpp"

#include <random>
#include <sstream>

#include <Poco/JSON/Object.h>

namespace host_sim::screen {

BulkJobs::BulkJobs(PluginPtr plugin) : plugin_(std::move(plugin)) {}

BulkJobs::~BulkJobs() {
    wait_all();
}

std::string BulkJobs::start(const erp_plugin::Fields& filters, std::vector<std::string> invoices) {
    BulkJob job;
    job.invoices = std::move(invoices);
    {
        std::lock_guard<std::mutex> lock(mutex_);
        // Unguessable, so one page cannot read another's job by counting.
        static thread_local std::mt19937_64 random{std::random_device{}()};
        job.id = "screen-" + std::to_string(++next_) + "-" + std::to_string(random() % 1000000);
    }
    for (const auto& [name, value] : filters)
        if (!value.empty())
            job.filters.emplace_back(name, value);
    job.progress.action = "collect_all";
    job.progress.job = job.id;
    erp_plugin::ActionRequest request;
    request.action = "collect_all";
    request.record_type = "batch";
    request.parameters = job.filters;
    request.parameters.emplace_back("job", job.id);
    const std::string id = job.id;
    std::lock_guard<std::mutex> lock(mutex_);
    // Threads of finished jobs have left the lock for good (finished is set
    // under it): join them here, so a long-running server keeps none.
    for (auto it = threads_.begin(); it != threads_.end();) {
        if (jobs_[it->first].finished) {
            it->second.join();
            it = threads_.erase(it);
        } else {
            ++it;
        }
    }
    jobs_[id] = job;
    threads_.emplace_back(id, std::thread([this, request, id] {
                              const erp_plugin::ActionResult result = plugin_->run_action(request);
                              std::lock_guard<std::mutex> lock(mutex_);
                              BulkJob& done = jobs_[id];
                              done.finished = true;
                              done.ok = result.status.ok();
                              done.message = result.status.message;
                              done.code = result.status.code;
                              done.outputs = result.outputs;
                          }));
    return id;
}

void BulkJobs::on_progress(const erp_plugin::JobProgress& progress) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = jobs_.find(progress.job);
    if (it != jobs_.end())
        it->second.progress = progress;
}

std::optional<BulkJob> BulkJobs::get(const std::string& id) const {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = jobs_.find(id);
    if (it == jobs_.end())
        return std::nullopt;
    return it->second;
}

void BulkJobs::wait_all() {
    std::vector<std::pair<std::string, std::thread>> threads;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        threads.swap(threads_);
    }
    for (auto& [id, thread] : threads)
        thread.join();
}

std::string bulk_job_json(const BulkJob& job) {
    Poco::JSON::Object out(Poco::JSON_PRESERVE_KEY_ORDER);
    out.set("job", job.id);
    out.set("done", job.progress.done);
    out.set("total", job.progress.total);
    out.set("finished", job.finished);
    out.set("ok", job.ok);
    out.set("message", job.message);
    Poco::JSON::Object::Ptr counts = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    // The final result's counts once it is there, the running ones before.
    const auto& source = job.finished ? job.outputs : job.progress.counts;
    for (const auto& [key, value] : source)
        counts->set(key, value);
    out.set("counts", counts);
    std::ostringstream text;
    out.stringify(text);
    return text.str();
}

}  // namespace host_sim::screen
