#include "jodo/api/RemoteOrder.hpp"

#include <gtest/gtest.h>

#include "jodo/api/wire_error.hpp"
#include "support/Fixtures.hpp"

using jodo::parse_created_order;
using jodo::parse_remote_order_response;
using testing_support::jodo_fixture;

TEST(RemoteOrder, DocumentedCreatePayOrderResponseWithoutStatus) {
    auto created = parse_created_order(jodo_fixture("create_pay_order_response.json"));
    EXPECT_EQ(created.order_id, "order_123456789");
    EXPECT_EQ(created.redirect_url,
              "https://pay.jodo.in/p/<order_xxx>/<transaction_id>?callback_url=xxx");
}

TEST(RemoteOrder, DocumentedCreatePaymentLinkResponseWithStatus) {
    auto created = parse_created_order(jodo_fixture("create_payment_link_response.json"));
    EXPECT_EQ(created.order_id, "order_123456789");
    EXPECT_EQ(created.redirect_url, "https://pay.jodo.in/p/xxx/xxx");
}

TEST(RemoteOrder, DocumentedUnpaidOrder) {
    auto order = parse_remote_order_response(jodo_fixture("get_pay_order_unpaid.json"));
    EXPECT_EQ(order.id, "order_12345");
    EXPECT_EQ(order.status, "unpaid");
    EXPECT_EQ(order.paid_at, "");
    ASSERT_EQ(order.lines.size(), 1u);
    EXPECT_EQ(order.lines[0].amount, 100000);
    EXPECT_EQ(order.lines[0].settlement_utr, "");
    ASSERT_EQ(order.notes.size(), 1u);
    EXPECT_EQ(order.notes[0].second, "123");
    EXPECT_FALSE(order.fully_settled());
}

TEST(RemoteOrder, DocumentedPaidThenSettledOrder) {
    auto paid = parse_remote_order_response(jodo_fixture("get_pay_order_paid.json"));
    EXPECT_EQ(paid.status, "paid");
    EXPECT_EQ(paid.paid_at, "2022-03-01T10:05:45Z");
    EXPECT_FALSE(paid.fully_settled());
    auto settled = parse_remote_order_response(jodo_fixture("get_pay_order_settled.json"));
    EXPECT_TRUE(settled.fully_settled());
    EXPECT_EQ(settled.lines[0].settlement_utr, "settl_1234");
    EXPECT_EQ(settled.lines[0].settled_at, "2022-03-02T10:05:45Z");
}

TEST(RemoteOrder, DocumentedReferenceOrderWithIntegerAmount) {
    auto order = parse_remote_order_response(jodo_fixture("get_pay_order_reference.json"));
    EXPECT_EQ(order.transaction_id, "trans_568aaf1f9a65");
    EXPECT_EQ(order.total(), 100000);
    EXPECT_EQ(order.notes[0].first, "erp_reference_id");
}

TEST(RemoteOrder, DocumentedPaymentLink) {
    auto link = parse_remote_order_response(jodo_fixture("get_payment_link_paid.json"));
    EXPECT_EQ(link.status, "paid");
    EXPECT_TRUE(link.fully_settled());
}

TEST(RemoteOrder, ToleratesStringAmountsStringYearsAndUnknownFields) {
    auto order =
        parse_remote_order_response(R"({"data":{"id":"o1","status":"paid","brand_new_field":{"x":1},
        "academic_year_start":"2022","details":[{"component_type":"A","amount":"1.0","extra":true},
        {"component_type":"B","amount":2}]}})");
    EXPECT_EQ(order.total(), 300);
}

TEST(RemoteOrder, UnparseableAnswersNameTheField) {
    try {
        parse_remote_order_response(
            R"({"status":"success","data":{"id":"o","status":"paid","details":[{"amount":"x"}]}})");
        FAIL();
    } catch (const jodo::WireError& e) {
        EXPECT_EQ(e.field(), "data.details[0].amount");
    }
    EXPECT_THROW(parse_remote_order_response("<html>gateway</html>"), jodo::WireError);
    EXPECT_THROW(parse_remote_order_response(R"({"status":"success"})"), jodo::WireError);
    EXPECT_THROW(parse_remote_order_response(R"({"status":"error","data":{"status":"paid"}})"),
                 jodo::WireError);
    EXPECT_THROW(parse_created_order(R"({"data":{"redirect_url":"u"}})"), jodo::WireError);
}
