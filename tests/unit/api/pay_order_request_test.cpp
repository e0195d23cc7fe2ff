#include "jodo/api/PayOrderRequest.hpp"

#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include "jodo/api/json_fields.hpp"

TEST(PayOrderRequest, SerialisesEveryFieldWithExactAmounts) {
    jodo::PayOrderRequest r;
    r.name = "Anita";
    r.phone = "9876543210";
    r.email = "a@example.com";
    r.identifier = "INV-1";
    r.academic_year_start = 2026;
    r.details = {{"TUITION_FEE", 4250000}, {"TRANSPORT_FEE", 620050}};
    r.notes = {{"erp_invoice_id", "INV-1"}};
    r.callback_url = "http://127.0.0.1/cb";
    EXPECT_EQ(r.total(), 4870050);
    auto obj = jodo::json::parse_object(r.to_json(), "request");
    EXPECT_EQ(obj->getValue<std::string>("phone"), "9876543210");
    EXPECT_EQ(obj->getValue<int>("academic_year_start"), 2026);
    auto details = obj->getArray("details");
    ASSERT_EQ(details->size(), 2u);
    EXPECT_EQ(jodo::amount_from_json(details->getObject(0)->get("amount"), "a"), 4250000);
    EXPECT_EQ(jodo::amount_from_json(details->getObject(1)->get("amount"), "a"), 620050);
    EXPECT_NE(r.to_json().find("6200.5"), std::string::npos);
    EXPECT_EQ(obj->getArray("notes")->getObject(0)->getValue<std::string>("value"), "INV-1");
    EXPECT_FALSE(obj->has("expires_at"));
}
