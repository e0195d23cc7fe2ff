// The module's one action table (jodo/plugin/PluginActions.cpp): every action
// it lists is dispatched, on the record type it is listed for, and nothing
// else is.
#include <gtest/gtest.h>

#include "support/ErpDatabases.hpp"
#include "support/LifecycleHarness.hpp"

using acceptance::LifecycleHarness;
using erp_plugin::StatusCode;

TEST(ActionTable, EveryListedActionRunsAndNoOtherDoes) {
    acceptance::ErpDatabase db("sqlite");
    ACCEPTANCE_REQUIRE_DATABASE(db);
    LifecycleHarness h(db.connection_string());
    ASSERT_EQ(h.plugin_start_error(), "");
    erp_plugin::Plugin* plugin = h.host().find("jodo");
    ASSERT_NE(plugin, nullptr);
    const std::string invoice = h.add_invoice(LifecycleHarness::sample("INV-ACT"));

    const auto listed = plugin->actions();
    ASSERT_GE(listed.size(), 13u);
    for (const auto& a : listed) {
        ASSERT_TRUE(a.record_type == "invoice" || a.record_type == "student" ||
                    a.record_type == "batch")
            << a.name;
        const auto result = a.record_type == "invoice"   ? h.action(a.name, invoice)
                            : a.record_type == "student" ? h.student_action(a.name, "S-ACT")
                                                         : h.batch(a.name);
        EXPECT_NE(result.status.code, StatusCode::unsupported)
            << a.name << ": " << result.status.message;
        // Listed for one record type, it is not run for another.
        for (const char* type : {"invoice", "student", "batch"}) {
            if (a.record_type == type)
                continue;
            erp_plugin::ActionRequest other{a.name, type, invoice, {}};
            EXPECT_EQ(plugin->run_action(other).status.code, StatusCode::unsupported)
                << a.name << " as " << type;
        }
    }
    EXPECT_EQ(h.action("collect_everything", invoice).status.code, StatusCode::unsupported);
    EXPECT_EQ(h.batch("collect").status.code, StatusCode::unsupported);
}
