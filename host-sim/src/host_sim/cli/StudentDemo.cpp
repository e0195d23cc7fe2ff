#include "host_sim/cli/StudentDemo.hpp"

#include <chrono>
#include <ostream>
#include <thread>

#include "erp_sql/NativeStatement.hpp"
#include "host_sim/cli/DemoSteps.hpp"

namespace host_sim {

namespace {
const char* kPlugin = "jodo";

erp_plugin::ActionResult batch(PluginHost& host, const std::string& action) {
    erp_plugin::ActionRequest request;
    request.action = action;
    request.record_type = "batch";
    return host.find(kPlugin)->run_action(request);
}

std::string output(const erp_plugin::ActionResult& result, const std::string& key) {
    const std::string* value = erp_plugin::find_field(result.outputs, key);
    return value ? *value : std::string();
}

std::string scalar(ReferenceErp& erp, const std::string& sql, const std::string& param) {
    const auto rows =
        erp_sql::NativeStatement(erp.session(), sql).run({erp_sql::text_param(param)});
    if (rows.rows.empty() || !rows.rows[0][0])
        return "";
    return *rows.rows[0][0];
}
}  // namespace

bool run_student_demo(PluginHost& host, jodo::sandbox::JodoSandbox& sandbox, ReferenceErp& erp,
                      int first, std::ostream& out) {
    demo_step(out, first,
              "The school's students are registered with Jodo, with their fee structures "
              "(sync_students)");
    const auto synced = batch(host, "sync_students");
    if (!show_result(out, synced))
        return false;
    const auto before = sandbox.api_request_count();
    const auto again = batch(host, "sync_students");
    out << "    run again: " << output(again, "unchanged") << " unchanged, "
        << sandbox.api_request_count() - before << " requests sent to Jodo\n";

    const std::string student = "S-P-103";
    demo_step(out, first + 1,
              "A parent pays Kabir Mehta's fees in Jodo's app; payment.debited reaches the ERP");
    const std::string jodo_id =
        scalar(erp, "SELECT jodo_student_id FROM erp_students WHERE student_id = ?", student);
    if (jodo_id.empty()) {
        out << "    " << student << " was not registered\n";
        return false;
    }
    const std::string payment = sandbox.pay_student(std::stoll(jodo_id));
    sandbox.wait_for_webhooks(5000);
    std::string posted;
    for (int i = 0; i < 100 && posted != "1"; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        posted =
            scalar(erp, "SELECT COUNT(*) FROM erp_student_payments WHERE payment_id = ?", payment);
    }
    out << "    Jodo payment " << payment << ": ERP receipts for it: " << posted << ", amount "
        << scalar(erp, "SELECT amount FROM erp_student_payments WHERE payment_id = ?", payment)
        << ", of it not matched to an open bill (for review): "
        << scalar(erp, "SELECT advance_amount FROM erp_student_payments WHERE payment_id = ?",
                  payment)
        << "\n";
    const auto pulled = batch(host, "pull_student_payments");
    out << "    pull_student_payments afterwards: " << output(pulled, "posted")
        << " posted (it was already there)\n";

    demo_step(out, first + 2,
              "The receipts taken at the school counter are sent to Jodo (push_counter_payments)");
    const auto pushed = batch(host, "push_counter_payments");
    if (!show_result(out, pushed))
        return false;
    const bool complete = output(synced, "registered") == output(synced, "students") &&
                          output(again, "registered") == "0" && posted == "1" &&
                          output(pulled, "posted") == "0" && output(pushed, "sent") != "0";
    return complete;
}

}  // namespace host_sim
