// Text from the ERP reaches Jodo only as valid, visible UTF-8: bytes that are
// not UTF-8 are refused naming the ERP column and the invoice, controls and
// bidi overrides are removed (docs/jodo-choices.md), and a payer's email and
// phone are checked for their shape before anything is sent.
#include <gtest/gtest.h>

#include <memory>

#include "support/ErpDatabases.hpp"
#include "support/ErpFixtures.hpp"
#include "support/LifecycleHarness.hpp"

using acceptance::ErpDatabase;
using acceptance::LifecycleHarness;
using acceptance::output;

namespace {
class OutboundText : public testing::TestWithParam<std::string> {};
}  // namespace

// A UTF-8 PostgreSQL or MariaDB refuses such bytes; an SQLite ERP, or a
// legacy PostgreSQL one on SQL_ASCII, hands them over as they are.
class OutboundBytes : public testing::TestWithParam<std::string> {};

TEST_P(OutboundBytes, InvalidUtf8InAPayerNameIsRefusedNamingTheColumnAndTheInvoice) {
    const auto owned = GetParam() == "sqlite"
                           ? std::make_unique<ErpDatabase>("sqlite")
                           : std::make_unique<ErpDatabase>("postgresql", ErpDatabase::SqlAscii{});
    ErpDatabase& db = *owned;
    ACCEPTANCE_REQUIRE_DATABASE(db);
    LifecycleHarness h(db.connection_string());
    ASSERT_EQ(h.plugin_start_error(), "");
    const std::string id = h.add_invoice(LifecycleHarness::sample("INV-LATIN1"));
    // "Asha Rão" as a Latin-1 program wrote it: 0xE3 alone, not UTF-8.
    const std::string latin1 =
        GetParam() == "sqlite" ? "CAST(X'417368612052E36F' AS TEXT)" : "E'Asha R\\xe3o'";
    acceptance::run_sql(db.connection_string(),
                        "UPDATE erp_payers SET name = " + latin1 +
                            " WHERE payer_id = (SELECT payer_id FROM erp_invoices WHERE "
                            "invoice_id = '" +
                            id + "')");
    auto result = h.collect(id);
    EXPECT_EQ(result.status.code, erp_plugin::StatusCode::invalid_input);
    EXPECT_NE(result.status.message.find(id), std::string::npos) << result.status.message;
    if (GetParam() == "sqlite") {
        EXPECT_NE(result.status.message.find("jodo.erp.invoice column payer_name"),
                  std::string::npos)
            << result.status.message;
        EXPECT_NE(result.status.message.find("not valid UTF-8 (0xE3 at byte 7)"), std::string::npos)
            << result.status.message;
    } else {
        // PostgreSQL itself refuses to send such bytes to a UTF-8 client: its
        // error names the statement and the bytes, not the column.
        EXPECT_NE(result.status.message.find("jodo.erp.invoice"), std::string::npos)
            << result.status.message;
        EXPECT_NE(result.status.message.find("0xe3 0x6f"), std::string::npos)
            << result.status.message;
    }
    EXPECT_EQ(h.sandbox().api_request_count(), 0u);
    auto stored = h.collections(id);
    ASSERT_EQ(stored.size(), 1u);
    EXPECT_EQ(stored[0].status, "rejected");
    EXPECT_NE(stored[0].error_reason.find("jodo.erp.invoice"), std::string::npos);
}

TEST_P(OutboundText, ControlsAndBidiOverridesAreRemovedBeforeJodoSeesTheName) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    LifecycleHarness h(db.connection_string());
    ASSERT_EQ(h.plugin_start_error(), "");
    auto invoice = LifecycleHarness::sample("INV-BIDI");
    // A right-to-left override would show "Asha Rao" reversed after it; the
    // bell and the escape show as nothing at all.
    invoice.payer_name = "Asha\xE2\x80\xAE Rao\x07\x1B";
    invoice.description = "Term\tfees";
    const std::string id = h.add_invoice(invoice);
    auto result = h.collect(id);
    ASSERT_TRUE(result.status.ok()) << result.status.message;
    auto sent = h.sandbox().find(output(result, "order_id"));
    ASSERT_TRUE(sent);
    EXPECT_EQ(sent->name, "Asha Rao");
}

TEST_P(OutboundText, AnOverlongOrMisshapenEmailAndANonMobilePhoneAreRefused) {
    ErpDatabase db(GetParam());
    ACCEPTANCE_REQUIRE_DATABASE(db);
    LifecycleHarness h(db.connection_string());
    ASSERT_EQ(h.plugin_start_error(), "");
    // An ERP whose email column is wider than any address can be.
    const std::string dialect = acceptance::dialect_of(db.connection_string());
    if (dialect == "postgresql")
        acceptance::run_sql(db.connection_string(),
                            "ALTER TABLE erp_payers ALTER COLUMN email TYPE VARCHAR(400)");
    else if (dialect == "mariadb")
        acceptance::run_sql(db.connection_string(),
                            "ALTER TABLE erp_payers MODIFY email VARCHAR(400)");
    auto long_email = LifecycleHarness::sample("INV-LONGMAIL");
    long_email.email = std::string(64, 'a') + "@" + std::string(187, 'b') + ".in";  // 255
    auto no_domain = LifecycleHarness::sample("INV-NODOT");
    no_domain.email = "anita@example";
    auto landline = LifecycleHarness::sample("INV-LANDLINE");
    landline.phone = "011 2345 6789";
    const std::pair<host_sim::SampleInvoice, std::string> cases[] = {
        {long_email, "payer.email is longer than 254 characters"},
        {no_domain, "payer.email is not an email address"},
        {landline, "payer.phone is not an Indian mobile number"},
    };
    for (const auto& [invoice, reason] : cases) {
        const std::string id = h.add_invoice(invoice);
        auto result = h.collect(id);
        EXPECT_EQ(result.status.code, erp_plugin::StatusCode::invalid_input) << id;
        EXPECT_NE(result.status.message.find(reason), std::string::npos) << result.status.message;
    }
    EXPECT_EQ(h.sandbox().api_request_count(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Databases, OutboundBytes, testing::Values("sqlite", "postgresql"));
INSTANTIATE_TEST_SUITE_P(Databases, OutboundText,
                         testing::Values("sqlite", "postgresql", "mariadb"));
