// Bulk collection through HTTP on 127.0.0.1, against the built module, a real
// database and the sandbox: a class must be picked, the preview's count and
// total (exact paise) are what is then collected, nothing starts without the
// confirmation, and the finished page lists what was done to each invoice.
#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <thread>

#include "ScreenClient.hpp"
#include "host_sim/screen/Html.hpp"
#include "host_sim/screen/IndianFormat.hpp"
#include "support/ErpDatabases.hpp"

using acceptance::ErpDatabase;
using acceptance::LifecycleHarness;
using acceptance::Page;
using acceptance::ScreenClient;
using host_sim::screen::url_component;

namespace {

class BulkScreen : public testing::TestWithParam<std::string> {
  protected:
    void SetUp() override { db_ = std::make_unique<ErpDatabase>(GetParam()); }
    std::unique_ptr<ErpDatabase> db_;
};

}  // namespace

TEST_P(BulkScreen, PreviewCountAndTotalAreWhatIsCollected) {
    ACCEPTANCE_REQUIRE_DATABASE(*db_);
    LifecycleHarness h(db_->connection_string(), "test_secret");
    const std::string grade = "Grade 7-" + GetParam() + "-" + std::to_string(std::rand());
    auto a = LifecycleHarness::sample("INV-BS-A");
    a.grade = grade;
    a.lines = {{"TUITION_FEE", "1234567.89"}, {"LAB_FEE", "0.11"}};
    auto b = LifecycleHarness::sample("INV-BS-B");
    b.grade = grade;
    b.lines = {{"TUITION_FEE", "0.10"}, {"BUS_FEE", "0.20"}};  // sums a float would miss
    auto paid = LifecycleHarness::sample("INV-BS-PAID");
    paid.grade = grade;
    paid.outstanding = "0.00";
    auto other = LifecycleHarness::sample("INV-BS-OTHER");
    other.grade = grade + "-other";
    const std::string id_a = h.add_invoice(a), id_b = h.add_invoice(b);
    const std::string id_paid = h.add_invoice(paid);
    h.add_invoice(other);
    ScreenClient screen(h, db_->connection_string());

    const Page form = screen.get("/erp/bulk");
    ASSERT_EQ(form.status, 200) << form.body;
    EXPECT_TRUE(form.has("<form id=\"bulk-form\"")) << form.body;
    EXPECT_TRUE(form.has("id=\"bulk-preview\""));
    EXPECT_FALSE(form.has("(all)"));
    EXPECT_TRUE(
        form.has("<select name=\"grade\" id=\"bulk-grade\" required><option value=\"\" "
                 "disabled selected>"))
        << "no class is chosen for the accountant";
    EXPECT_EQ(screen.get("/erp/bulk/preview").status, 400) << "a class must be picked";

    const Page preview = screen.get("/erp/bulk/preview?grade=" + url_component(grade));
    ASSERT_EQ(preview.status, 200) << preview.body;
    const std::int64_t total = 123456789 + 11 + 10 + 20;
    EXPECT_EQ(preview.element("bulk-confirm"),
              host_sim::screen::html_escape("Collect 2 open invoices of " + grade + ", " +
                                            host_sim::screen::rupees_from_paise(total) + "?"))
        << preview.body;
    EXPECT_NE(preview.body.find("₹12,34,568.30"), std::string::npos);
    ASSERT_TRUE(preview.has("id=\"bulk-confirm-button\""));

    // Without the confirmation (or with a count that is no longer true) nothing starts.
    const std::string filter = "grade=" + url_component(grade) + "&academic_year_start=";
    const Page no_yes = screen.post("/erp/bulk", filter);
    EXPECT_EQ(no_yes.status, 200);
    EXPECT_TRUE(no_yes.has("id=\"bulk-confirm-button\""));
    const Page stale =
        screen.post("/erp/bulk", filter + "&confirm=yes&count=3&paise=" + std::to_string(total));
    EXPECT_EQ(stale.status, 200);
    EXPECT_TRUE(stale.has("role=\"alert\"")) << stale.body;
    EXPECT_EQ(screen
                  .post("/erp/bulk", filter + "&confirm=yes&count=2&paise=" + std::to_string(total),
                        false)
                  .status,
              403);
    EXPECT_EQ(h.sandbox().create_count(), 0u);

    const Page started =
        screen.post("/erp/bulk", filter + "&confirm=yes&count=2&paise=" + std::to_string(total));
    ASSERT_EQ(started.status, 303) << started.body;
    const std::string job = started.location.substr(started.location.find("job="));
    std::string json;
    for (int i = 0; i < 400 && json.find("\"finished\":true") == std::string::npos; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        json = screen.get("/erp/bulk/progress?" + job).body;
    }
    ASSERT_NE(json.find("\"finished\":true"), std::string::npos) << json;
    EXPECT_EQ(h.sandbox().create_count(), 2u);
    std::int64_t collected = 0;
    for (const auto& id : {id_a, id_b}) {
        const auto status = h.action("status", id);
        const auto paise = host_sim::screen::paise_of(acceptance::output(status, "amount"));
        ASSERT_TRUE(paise) << acceptance::output(status, "amount");
        collected += *paise;
    }
    EXPECT_EQ(collected, total) << "the preview's total is what was asked of the parents";

    const Page done = screen.get("/erp/bulk?" + job);
    ASSERT_EQ(done.status, 200);
    const std::string results = [&] {
        std::smatch m;
        std::regex_search(done.body, m, std::regex("<ul id=\"bulk-results\">([\\s\\S]*?)</ul>"));
        return m.empty() ? std::string() : m[1].str();
    }();
    ASSERT_FALSE(results.empty()) << done.body;
    EXPECT_NE(results.find("2 open invoices found; 2 payment requests created."), std::string::npos)
        << results;
    EXPECT_FALSE(std::regex_search(results, std::regex("[a-z]+_[a-z]+"))) << results;
    for (const auto& id : {id_a, id_b}) {
        const std::string item =
            "<li class=\"bulk-invoice\" data-invoice=\"" + host_sim::screen::html_escape(id) +
            "\"><a href=\"" +
            host_sim::screen::html_escape("/erp/invoice?id=" + url_component(id)) + "\">";
        const auto at = results.find(item);
        ASSERT_NE(at, std::string::npos) << item << "\n" << results;
        EXPECT_NE(results.find("Waiting for the parent", at), std::string::npos) << results;
    }
    EXPECT_EQ(results.find(host_sim::screen::html_escape(id_paid)), std::string::npos)
        << "a paid invoice was not acted on";
}

INSTANTIATE_TEST_SUITE_P(Databases, BulkScreen, testing::Values("sqlite", "postgresql", "mariadb"),
                         [](const auto& info) { return info.param; });
