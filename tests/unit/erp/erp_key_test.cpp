// An ERP id the module keeps as a key is used whole or refused, never cut.
#include <gtest/gtest.h>

#include "jodo/api/wire_error.hpp"
#include "jodo/erp/ErpRow.hpp"

using namespace jodo;

TEST(ErpKey, AnIdUpToTheKeyLengthIsKeptWhole) {
    const std::string devanagari = "\xE0\xA4\x85";  // one character, three bytes
    std::string longest;
    for (std::size_t i = 0; i < kErpKeyChars; ++i)
        longest += devanagari;
    EXPECT_EQ(erp_key(longest, "where"), longest);
}

TEST(ErpKey, ALongerOrEmptyIdIsRefusedNamingWhereItCameFrom) {
    try {
        erp_key(std::string(kErpKeyChars + 1, 'r'), "jodo.erp.counter_payments column receipt_id");
        FAIL() << "a 141-character receipt id was accepted";
    } catch (const WireError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("jodo.erp.counter_payments column receipt_id"), std::string::npos);
        EXPECT_NE(what.find("141 characters"), std::string::npos) << what;
    }
    EXPECT_THROW(erp_key("", "where"), WireError);
}
