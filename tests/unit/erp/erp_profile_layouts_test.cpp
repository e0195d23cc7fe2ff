// Each shipped profile reads the layout the ERP's database shows: Education's
// Fees before and after the 2023-11 rename, Sales Invoices billed by
// Education v15 or by ERPNext alone, Odoo with and without res_partner.mobile.
#include <gtest/gtest.h>

#include "jodo/erp/mapping/ErpProfiles.hpp"

namespace {
using jodo::ListedErpSchema;

ListedErpSchema listed(std::map<std::string, std::set<std::string>> tables) {
    return ListedErpSchema(std::move(tables));
}

jodo::ErpProfile profile(const std::string& name, const ListedErpSchema& schema) {
    return jodo::erp_profile(name, erp_sql::Dialect::sqlite, schema);
}

bool reads(const jodo::ErpProfile& p, const std::string& statement, const std::string& text) {
    return p.statements.at(statement).find(text) != std::string::npos;
}
}  // namespace

TEST(ErpProfileLayouts, FeesReadTheContactEmailSinceTheRenameAndTheStudentEmailBefore) {
    const auto since = profile("erpnext-fees", listed({{"tabFees", {"contact_email"}}}));
    EXPECT_TRUE(reads(since, "invoice", "f.contact_email"));
    EXPECT_FALSE(reads(since, "invoice", "student_email,"));
    EXPECT_NE(since.layout.find("since 2023-11"), std::string::npos) << since.layout;

    const auto before = profile("erpnext-fees", listed({{"tabFees", {"student_email"}}}));
    EXPECT_TRUE(reads(before, "invoice", "f.student_email"));
    EXPECT_FALSE(reads(before, "invoice", "contact_email"));
    EXPECT_NE(before.layout.find("before 2023-11"), std::string::npos) << before.layout;
}

TEST(ErpProfileLayouts, FeeComponentsWithADiscountSendTheirTotal) {
    const auto v15 =
        profile("erpnext-fees", listed({{"tabFees", {"contact_email"}},
                                        {"tabFee Component", {"amount", "discount", "total"}}}));
    EXPECT_TRUE(reads(v15, "lines", "WHEN discount > 0 THEN total"));
    const auto older = profile(
        "erpnext-fees", listed({{"tabFees", {"contact_email"}}, {"tabFee Component", {"amount"}}}));
    EXPECT_FALSE(reads(older, "lines", "total"));
}

TEST(ErpProfileLayouts, EducationSalesInvoicesArePaidByTheGuardianForTheStudent) {
    const auto education = profile(
        "erpnext-sales-invoice", listed({{"tabSales Invoice", {"name", "student", "fee_schedule"}},
                                         {"tabProgram Enrollment", {"student", "program"}}}));
    EXPECT_TRUE(reads(education, "invoice", "g.guardian_name"));
    EXPECT_TRUE(reads(education, "invoice", "COALESCE(si.student, si.customer) AS student_id"));
    EXPECT_TRUE(reads(education, "invoice", "\"tabProgram Enrollment\""));
    EXPECT_TRUE(reads(education, "open_invoices", ":program"));
    EXPECT_NE(education.layout.find("Education v15"), std::string::npos);

    const auto plain = profile("erpnext-sales-invoice", listed({{"tabSales Invoice", {"name"}}}));
    EXPECT_FALSE(reads(plain, "invoice", "tabStudent"));
    EXPECT_TRUE(reads(plain, "invoice", "si.customer AS student_id"));
    EXPECT_TRUE(reads(plain, "open_invoices", ":customer_group"));
    // Both post the same way.
    EXPECT_EQ(education.statements.at("on_paid"), plain.statements.at("on_paid"));
}

TEST(ErpProfileLayouts, OdooReadsTheMobileOnlyWhereTheColumnExists) {
    const auto odoo18 = profile("odoo", listed({{"res_partner", {"id", "phone", "mobile"}}}));
    EXPECT_TRUE(reads(odoo18, "invoice", "COALESCE(p.mobile, p.phone) AS phone"));
    const auto odoo19 = profile("odoo", listed({{"res_partner", {"id", "phone"}}}));
    EXPECT_TRUE(reads(odoo19, "invoice", "p.phone AS phone"));
    EXPECT_FALSE(reads(odoo19, "invoice", "mobile"));
    EXPECT_NE(odoo19.layout.find("Odoo 19"), std::string::npos) << odoo19.layout;
}

TEST(ErpProfileLayouts, SchemaNamesAreComparedWithoutCase) {
    const ListedErpSchema schema = listed({{"tabFees", {"Contact_Email"}}});
    EXPECT_TRUE(schema.has_column("tabFees", "contact_email"));
    EXPECT_TRUE(schema.has_column("tabFees", "CONTACT_EMAIL"));
    EXPECT_FALSE(schema.has_column("tabFees", "student_email"));
    EXPECT_FALSE(schema.has_table("tabStudent"));
}

// The reference profile's student statements name host-sim's erp_students and
// its neighbours: only a database that has them gets them (a site that set its
// own statements over the default profile for other tables still starts).
TEST(ErpProfileLayouts, ReferenceHasStudentStatementsOnlyWhereTheStudentsTablesAre) {
    const auto with = profile(
        "reference", listed({{"erp_invoices", {"invoice_id"}}, {"erp_students", {"student_id"}}}));
    for (const char* name :
         {"students", "student", "student_fees", "student_open_bills", "counter_payments",
          "counter_payment_lines", "cancelled_counter_payments", "on_student_registered",
          "on_student_payment", "on_student_payment_line", "on_student_payment_settled",
          "on_counter_payment"})
        EXPECT_EQ(with.statements.count(name), 1u) << name;
    EXPECT_TRUE(reads(with, "student", "erp_families"));
    EXPECT_TRUE(reads(with, "invoice", "erp_invoices"));

    const auto without = profile("reference", listed({{"fee_bills", {"bill_no"}}}));
    EXPECT_EQ(without.statements.count("student"), 0u);
    EXPECT_EQ(without.statements.count("on_student_payment"), 0u);
    EXPECT_TRUE(reads(without, "invoice", "erp_invoices"));
}
