#include "jodo/api/outbound_text.hpp"

#include <gtest/gtest.h>

using jodo::outbound_text;

TEST(OutboundText, ValidTextPassesAsItIs) {
    EXPECT_EQ(outbound_text("Meera Rao"), "Meera Rao");
    EXPECT_EQ(outbound_text("\xE0\xA4\xB5\xE0\xA4\xBF"), "\xE0\xA4\xB5\xE0\xA4\xBF");  // Devanagari
    EXPECT_EQ(outbound_text("\xF0\x9F\x8E\x93"), "\xF0\x9F\x8E\x93");                  // U+1F393
    EXPECT_EQ(outbound_text(""), "");
}

TEST(OutboundText, BytesThatAreNotUtf8AreRefusedSayingWhere) {
    std::string reason;
    EXPECT_FALSE(outbound_text("Asha R\xe3o", &reason));
    EXPECT_EQ(reason, "is not valid UTF-8 (0xE3 at byte 7)");
    EXPECT_FALSE(outbound_text("\xC0\xAF", &reason));          // overlong '/'
    EXPECT_FALSE(outbound_text("\xED\xA0\x80", &reason));      // a surrogate
    EXPECT_FALSE(outbound_text("\xF4\x90\x80\x80", &reason));  // past U+10FFFF
    EXPECT_FALSE(outbound_text("abc\xE2\x80", &reason));       // cut short
    EXPECT_EQ(reason, "is not valid UTF-8 (0xE2 at byte 4)");
    EXPECT_FALSE(outbound_text("\x80", &reason));  // a stray continuation byte
}

TEST(OutboundText, NulIsRefused) {
    std::string reason;
    EXPECT_FALSE(outbound_text(std::string("Asha\0Rao", 8), &reason));
    EXPECT_EQ(reason, "contains a NUL character (at byte 5)");
}

TEST(OutboundText, ControlsAndBidiFormattingAreRemovedAndBreaksBecomeSpaces) {
    EXPECT_EQ(outbound_text("Asha\xE2\x80\xAE Rao"), "Asha Rao");  // U+202E
    EXPECT_EQ(outbound_text("\xE2\x81\xA6x\xE2\x81\xA9"), "x");    // U+2066..9
    EXPECT_EQ(outbound_text("\xE2\x80\x8Fy\xD8\x9C"), "y");        // U+200F, U+061C
    EXPECT_EQ(outbound_text("a\x07\x1B\x7F"
                            "b\xC2\x85"
                            "c"),
              "abc");  // C0, DEL, C1
    EXPECT_EQ(outbound_text("Term\tfees\r\nTerm 2"), "Term fees  Term 2");
    // A zero-width joiner is part of how some scripts are written: kept.
    EXPECT_EQ(outbound_text("\xE0\xA4\x95\xE2\x80\x8D"), "\xE0\xA4\x95\xE2\x80\x8D");
}
