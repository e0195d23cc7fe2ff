#include "jodo/api/bounded_text.hpp"

#include <gtest/gtest.h>

TEST(BoundedText, CountsCharactersNotBytes) {
    const std::string devanagari = "\xE0\xA4\x85\xE0\xA4\xA8\xE0\xA4\xBF";  // 3 characters
    EXPECT_EQ(jodo::utf8_length(devanagari), 3u);
    EXPECT_EQ(jodo::bounded_text(devanagari, 2), devanagari.substr(0, 6));
    EXPECT_EQ(jodo::bounded_text(devanagari, 10), devanagari);
}

TEST(BoundedText, NeverCutsInsideACharacter) {
    const std::string emoji =
        "ab\xF0\x9F\x98\x80"
        "cd";
    EXPECT_EQ(jodo::bounded_text(emoji, 3), "ab\xF0\x9F\x98\x80");
    EXPECT_EQ(jodo::bounded_text(emoji, 2), "ab");
}

TEST(BoundedText, InvalidBytesDoNotReadPastTheEnd) {
    const std::string truncated = "a\xE0\xA4";  // a character missing its last byte
    EXPECT_EQ(jodo::bounded_text(truncated, 5), truncated);
    EXPECT_EQ(jodo::utf8_length(truncated), 2u);
    EXPECT_EQ(jodo::utf8_length("\x80\x80"), 2u);
}
