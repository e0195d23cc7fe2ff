// The module's actions: one table both lists them (what the host shows an
// accountant or an administrator) and dispatches them (run_action), so no
// action can be listed and not run, or run and not listed.
#include "erp_sql/NativeStatement.hpp"
#include "jodo/api/JodoClient.hpp"
#include "jodo/api/JodoError.hpp"
#include "jodo/audit/AuditLog.hpp"
#include "jodo/audit/AuditWriter.hpp"
#include "jodo/collect/CollectService.hpp"
#include "jodo/core/Clock.hpp"
#include "jodo/core/Log.hpp"
#include "jodo/erp/CollectionStore.hpp"
#include "jodo/erp/Database.hpp"
#include "jodo/erp/mapping/ErpMapping.hpp"
#include "jodo/plugin/JodoPlugin.hpp"
#include "jodo/plugin/ReadinessCheck.hpp"
#include "jodo/plugin/ScreenActions.hpp"
#include "jodo/plugin/SettlementReport.hpp"
#include "jodo/reconcile/Reconciler.hpp"
#include "jodo/students/CounterPayments.hpp"
#include "jodo/students/StudentPayments.hpp"
#include "jodo/students/StudentSync.hpp"
#include "jodo/webhooks/EventProcessor.hpp"

namespace jodo {

using erp_plugin::ActionRequest;
using erp_plugin::ActionResult;
using erp_plugin::Status;
using erp_plugin::StatusCode;

namespace {
ActionResult with_outputs(erp_plugin::Fields outputs) {
    ActionResult result;
    result.outputs = std::move(outputs);
    return result;
}
}  // namespace

const std::vector<JodoPlugin::Action>& JodoPlugin::action_table() {
    using P = JodoPlugin;
    using R = const ActionRequest&;
    static const std::vector<Action> table = {
        {"collect", "Collect with Jodo", "invoice",
         [](P& p, R r) { return p.collect_->collect(r.record_id); }},
        {"send_link", "Send Jodo payment link", "invoice",
         [](P& p, R r) { return p.collect_->send_link(r.record_id); }},
        {"cancel_link", "Cancel Jodo payment link", "invoice",
         [](P& p, R r) { return p.collect_->cancel_link(r.record_id); }},
        {"refresh", "Refresh Jodo status", "invoice",
         [](P& p, R r) { return p.collect_->refresh(r.record_id); }},
        {"release_unknown", "Release a Jodo request whose outcome is unknown", "invoice",
         [](P& p, R r) { return p.collect_->release_unknown(r.record_id); }},
        {"audit_log", "Jodo audit log", "invoice",
         [](P& p, R r) { return p.audit_log(r.record_id); }},
        {"status", "Jodo collection and its lines, as stored (no call to Jodo)", "invoice",
         [](P& p, R r) { return invoice_status(*p.store_, r.record_id); }},
        {"review_queue", "Jodo collections a person must look at", "batch",
         [](P& p, R) { return review_queue(*p.store_, *p.students_store_); }},
        {"reconcile", "Check open Jodo orders now", "batch",
         [](P& p, R) {
             const ReconcileReport r = p.reconciler_->run_once();
             return with_outputs({{"checked", std::to_string(r.checked)},
                                  {"changed", std::to_string(r.changed)},
                                  {"errors", std::to_string(r.errors)}});
         }},
        {"collect_all", "Collect every open invoice (optionally of one class or term) with Jodo",
         "batch",
         [](P& p, R r) {
             return p.collect_->collect_all(r.parameters, [&p](const erp_plugin::JobProgress& j) {
                 p.host_->report_progress(j);
             });
         }},
        {"process_webhooks", "Process received Jodo events now", "batch",
         [](P& p, R) {
             return with_outputs({{"processed", std::to_string(p.events_->process_pending(1000))}});
         }},
        // This process's Jodo client since start: every HTTP attempt, and how
        // many of them were retries of a transient failure.
        {"stats", "Jodo API calls made by this process", "batch",
         [](P& p, R) {
             const ClientStats s = p.client_->stats();
             return with_outputs({{"attempts", std::to_string(s.attempts)},
                                  {"retries", std::to_string(s.retries)}});
         }},
        {"check", "Check the configuration before going live", "batch",
         [](P& p, R) { return p.readiness_check(); }},
        // Read-only: what `check` says of webhook deliveries, for a screen.
        {"webhook_health", "Jodo webhook deliveries: last accepted, refused in the last 24 hours",
         "batch", [](P& p, R) { return p.webhook_health(); }},
        // Parameters from, to (YYYY-MM-DD), utc_offset (jodo-plugin/README.md).
        {"settlement_report", "Jodo settlements per day and UTR, to match the bank statement",
         "batch", [](P& p, R r) { return settlement_report(*p.db_, r.parameters); }},
        // Student-linked Pay (docs/erp-mapping.md, "Student-linked Pay").
        {"sync_student", "Register or update this student in Jodo", "student",
         [](P& p, R r) { return p.student_sync_->sync_student(r.record_id); }},
        {"student_status", "Jodo registration of this student, as stored", "student",
         [](P& p, R r) { return p.student_sync_->status(r.record_id); }},
        {"release_student",
         "Forget a Jodo registration whose outcome is unknown, so the next sync registers "
         "the student again",
         "student",
         [](P& p, R r) {
             ActionResult result;
             if (!p.students_store_->release(r.record_id))
                 result.status = Status::error(
                     StatusCode::invalid_input,
                     "student " + r.record_id + " has no registration whose outcome is unknown");
             return result;
         }},
        {"sync_students", "Register or update every student (optionally of one class) in Jodo",
         "batch",
         [](P& p, R r) {
             return p.student_sync_->sync_students(
                 r.parameters,
                 [&p](const erp_plugin::JobProgress& j) { p.host_->report_progress(j); });
         }},
        {"pull_student_payments", "Post the payments parents made in Jodo into the ERP", "batch",
         [](P& p, R) {
             const PullReport r = p.student_payments_->pull_all();
             ActionResult result = with_outputs({{"students", std::to_string(r.students)},
                                                 {"posted", std::to_string(r.posted)},
                                                 {"settled", std::to_string(r.settled)},
                                                 {"errors", std::to_string(r.errors)}});
             if (r.errors > 0)
                 result.status = Status::error(StatusCode::unavailable,
                                               std::to_string(r.errors) +
                                                   " student(s) could not be checked; the log "
                                                   "names them");
             return result;
         }},
        {"push_counter_payments", "Send the receipts taken at the school to Jodo", "batch",
         [](P& p, R r) {
             const CounterReport c = p.counter_payments_->push(r.parameters);
             ActionResult result = with_outputs({{"receipts", std::to_string(c.receipts)},
                                                 {"sent", std::to_string(c.sent)},
                                                 {"confirmed", std::to_string(c.confirmed)},
                                                 {"cancelled", std::to_string(c.cancelled)},
                                                 {"review", std::to_string(c.review)},
                                                 {"waiting", std::to_string(c.waiting)},
                                                 {"errors", std::to_string(c.errors)}});
             if (c.errors > 0)
                 result.status = Status::error(StatusCode::unavailable,
                                               std::to_string(c.errors) +
                                                   " receipt(s) could not be sent or cancelled; "
                                                   "run it again later");
             return result;
         }},
    };
    return table;
}

std::vector<erp_plugin::ActionInfo> JodoPlugin::actions() const noexcept {
    std::vector<erp_plugin::ActionInfo> listed;
    try {
        for (const auto& a : action_table())
            listed.push_back({a.name, a.label, a.record_type});
    } catch (...) {
        listed.clear();
    }
    return listed;
}

// The administrator's check before going live: per check an output
// check.<name> = ok | failed and check.<name>.detail; an error status when
// any failed.
ActionResult JodoPlugin::readiness_check() {
    ActionResult result;
    int failed = 0;
    const WebhookHealth health = recent_webhook_health();
    for (const auto& line :
         run_readiness_check(*db_, *mapping_, *client_, webhook_security_, base_url_, health)) {
        result.outputs.emplace_back("check." + line.name, line.ok ? "ok" : "failed");
        result.outputs.emplace_back("check." + line.name + ".detail", line.detail);
        failed += line.ok ? 0 : 1;
    }
    if (failed > 0)
        result.status =
            Status::error(StatusCode::config, std::to_string(failed) + " check(s) failed");
    return result;
}

// What the endpoint answered Jodo in the last day, as the audit log has it
// (what was queued until now is written first).
WebhookHealth JodoPlugin::recent_webhook_health() {
    audit_->flush();
    const std::int64_t now = host_->now_unix_millis();
    return audit_log_->webhook_health(Clock([now] { return now; }).iso(now - 24LL * 3600 * 1000));
}

// The same judgement as check's webhook_deliveries line, with each refusal
// reason apart, for a host's screen: ok (yes | no), summary (check's
// sentence), last_accepted_at (ISO UTC, "" = none), refused (total in 24 h),
// reasons, reason.N.{code,count,last_at,what,advice}, most frequent first.
ActionResult JodoPlugin::webhook_health() {
    const WebhookHealth health = recent_webhook_health();
    const CheckLine line = webhook_deliveries_line(health);
    int total = 0;
    erp_plugin::Fields reasons;
    int n = 0;
    for (const auto& r : health.refused) {
        total += r.count;
        const std::string prefix = "reason." + std::to_string(++n) + ".";
        std::string what;
        const std::string advice = refusal_advice(r.reason, &what);
        reasons.emplace_back(prefix + "code", r.reason);
        reasons.emplace_back(prefix + "count", std::to_string(r.count));
        reasons.emplace_back(prefix + "last_at", r.last_at);
        reasons.emplace_back(prefix + "what", what);
        reasons.emplace_back(prefix + "advice", advice);
    }
    ActionResult result = with_outputs({{"ok", line.ok ? "yes" : "no"},
                                        {"summary", line.detail},
                                        {"last_accepted_at", health.last_accepted_at},
                                        {"refused", std::to_string(total)},
                                        {"reasons", std::to_string(n)}});
    result.outputs.insert(result.outputs.end(), reasons.begin(), reasons.end());
    return result;
}

// The invoice's audit rows, newest first; what was recorded until now is
// written first, so the answer includes the action the accountant just ran.
ActionResult JodoPlugin::audit_log(const std::string& invoice_id) {
    constexpr int kMaxRows = 200;
    audit_->flush();
    return with_outputs(
        {{"audit", audit_rows_json(audit_log_->for_invoice(invoice_id, kMaxRows))}});
}

ActionResult JodoPlugin::run_action(const ActionRequest& request) noexcept {
    ActionResult result;
    try {
        if (!collect_) {
            result.status = Status::error(StatusCode::config, "the Jodo plugin is not started");
            return result;
        }
        if (request.record_type != "batch" && request.record_type != "invoice" &&
            request.record_type != "student") {
            result.status =
                Status::error(StatusCode::unsupported,
                              "record type " + request.record_type + " has no Jodo actions");
            return result;
        }
        if (request.record_type != "batch" && request.record_id.empty()) {
            result.status = Status::error(
                StatusCode::invalid_input,
                "record_id (the " + request.record_type +
                    (request.record_type == "invoice" ? " number" : " id") + ") is missing");
            return result;
        }
        for (const auto& a : action_table())
            if (request.action == a.name && request.record_type == a.record_type)
                return a.run(*this, request);
        result.status =
            Status::error(StatusCode::unsupported,
                          "unknown " + request.record_type + " action \"" + request.action + "\"");
    } catch (const ErpMappingError& e) {
        Log(host_).error("action " + request.action + " on " + request.record_id + ": " + e.what());
        result.status = Status::error(StatusCode::config, e.what());
    } catch (const erp_sql::NativeError& e) {
        Log(host_).error("action " + request.action + " on " + request.record_id + ": " + e.what());
        result.status =
            Status::error(StatusCode::unavailable, std::string("the ERP database: ") + e.what());
    } catch (const JodoError& e) {
        Log(host_).warn("action " + request.action + " on " + request.record_id + ": " + e.what());
        result.status = Status::error(StatusCode::unavailable, e.advice());
    } catch (const Poco::Exception& e) {
        Log(host_).error("action " + request.action + " on " + request.record_id + ": " +
                         e.displayText());
        result.status = Status::error(StatusCode::unavailable,
                                      "the ERP database is not available: " + e.displayText());
    } catch (const std::exception& e) {
        Log(host_).error("action " + request.action + " on " + request.record_id + ": " + e.what());
        result.status = Status::error(StatusCode::internal, e.what());
    } catch (...) {
        result.status = Status::error(StatusCode::internal, "unexpected failure");
    }
    return result;
}

}  // namespace jodo
