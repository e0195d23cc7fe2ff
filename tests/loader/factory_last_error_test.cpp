// A factory that fails says why (the table's failure text, plugin-api/README.md),
// whatever it throws.
#include <filesystem>

#include <gtest/gtest.h>

#include "host_sim/loader/PluginLoader.hpp"

namespace fs = std::filesystem;
using host_sim::load_plugin;

namespace {

fs::path test_plugin(const std::string& name) {
    return fs::path(TEST_PLUGIN_DIR) / ("lib" + name + ".so");
}

bool valid_utf8(const std::string& text) {
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        const std::size_t length = c < 0x80         ? 1
                                   : (c >> 5) == 6  ? 2
                                   : (c >> 4) == 14 ? 3
                                   : (c >> 3) == 30 ? 4
                                                    : 0;
        if (length == 0 || i + length > text.size())
            return false;
        for (std::size_t k = 1; k < length; ++k)
            if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80)
                return false;
        i += length;
    }
    return true;
}

}  // namespace

TEST(FactoryLastError, TheHostIsToldWhyTheFactoryFailed) {
    auto one = load_plugin(test_plugin("failing_factory"));
    EXPECT_EQ(one.plugin, nullptr);
    EXPECT_EQ(one.refusal,
              "factory returned no plugin: licence file /etc/erp/licence.key is missing");
}

TEST(FactoryLastError, ALongReasonIsCutBetweenCharacters) {
    auto one = load_plugin(test_plugin("failing_factory_long_utf8"));
    EXPECT_EQ(one.plugin, nullptr);
    const std::string prefix = "factory returned no plugin: ";
    ASSERT_EQ(one.refusal.rfind(prefix, 0), 0u) << one.refusal;
    const std::string reason = one.refusal.substr(prefix.size());
    EXPECT_TRUE(valid_utf8(reason));
    // 1023 bytes fit; the 1023rd would be the first half of an é.
    EXPECT_EQ(reason.size(), 1022u);
    EXPECT_EQ(reason.substr(0, 4), "xy\xC3\xA9");
}

// A factory that throws something else is refused too, and the good one loads.
TEST(FactoryLastError, AFactoryThrowingANonStdExceptionIsRefused) {
    auto good = load_plugin(test_plugin("good_plugin"));
    EXPECT_NE(good.plugin, nullptr) << good.refusal;
    auto thrower = load_plugin(test_plugin("factory_throws_int"));
    EXPECT_EQ(thrower.plugin, nullptr);
    EXPECT_EQ(thrower.refusal,
              "factory returned no plugin: it threw something that is not a std::exception");
}
