#include "jodo/plugin/SettingsCatalog.hpp"

#include <map>

#include <gtest/gtest.h>

#include "jodo/plugin/JodoSettings.hpp"

namespace {
// A host that has exactly these settings (a test double of our own interface).
class FakeHost final : public erp_plugin::HostServices {
  public:
    explicit FakeHost(std::map<std::string, std::string> s) : settings_(std::move(s)) {}
    void log(erp_plugin::LogLevel, const std::string&) noexcept override {}
    std::string setting(const std::string& key,
                        const std::string& fallback) const noexcept override {
        auto it = settings_.find(key);
        return it == settings_.end() ? fallback : it->second;
    }
    std::int64_t now_unix_millis() const noexcept override { return 0; }
    std::string database_connection_string() const noexcept override { return {}; }
    std::vector<std::string> setting_keys(const std::string& prefix) const noexcept override {
        std::vector<std::string> keys;
        for (const auto& [k, v] : settings_)
            if (k.rfind(prefix, 0) == 0)
                keys.push_back(k);
        return keys;
    }

  private:
    std::map<std::string, std::string> settings_;
};

std::map<std::string, std::string> minimal() {
    return {{"jodo.api_key", "k"}, {"jodo.api_secret", "s"}};
}

std::string error_of(std::map<std::string, std::string> extra) {
    auto s = minimal();
    for (auto& [k, v] : extra)
        s[k] = v;
    FakeHost host(s);
    try {
        jodo::JodoSettings::from_host(host);
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return {};
}
}  // namespace

TEST(SettingsCatalog, DefaultsComeFromTheCatalog) {
    FakeHost host(minimal());
    const auto s = jodo::JodoSettings::from_host(host);
    EXPECT_EQ(s.api.base_url, "http://127.0.0.1:8089");
    EXPECT_EQ(s.api.connect_timeout_ms, 5000);
    EXPECT_EQ(s.erp.profile, "reference");
    EXPECT_EQ(s.creating_grace_s, 300);
}

TEST(SettingsCatalog, ATypoIsAnErrorNamingTheNearestKey) {
    const std::string e = error_of({{"jodo.webhook.secert", "x"}});
    EXPECT_NE(e.find("jodo.webhook.secert"), std::string::npos) << e;
    EXPECT_NE(e.find("did you mean jodo.webhook.secret"), std::string::npos) << e;
    EXPECT_NE(error_of({{"jodo.erp.on_payed", "UPDATE x SET y = 1"}}).find("jodo.erp.on_paid"),
              std::string::npos);
}

TEST(SettingsCatalog, AllowedIpsMustBeAddresses) {
    EXPECT_EQ(error_of({{"jodo.webhook.allowed_ips", "3.6.234.242, ::1"}}), "");
    const std::string e = error_of({{"jodo.webhook.allowed_ips", "3.6.234.242, jodo.in"}});
    EXPECT_NE(e.find("jodo.webhook.allowed_ips"), std::string::npos) << e;
    EXPECT_NE(e.find("jodo.in"), std::string::npos) << e;
}

TEST(SettingsCatalog, CallbackUrlMustBeHttp) {
    EXPECT_EQ(error_of({{"jodo.callback_url", "https://erp.example/return"}}), "");
    EXPECT_NE(
        error_of({{"jodo.callback_url", "ftp://erp.example/return"}}).find("jodo.callback_url"),
        std::string::npos);
    EXPECT_NE(error_of({{"jodo.callback_url", "erp.example/return"}}).find("jodo.callback_url"),
              std::string::npos);
}

TEST(SettingsCatalog, IntegersOutsideTheirRangeAreNamed) {
    const std::string e = error_of({{"jodo.retry.max_attempts", "50"}});
    EXPECT_NE(e.find("jodo.retry.max_attempts"), std::string::npos);
    EXPECT_NE(e.find("1 to 20"), std::string::npos) << e;
}

TEST(SettingsCatalog, MissingCredentialsAreNamed) {
    FakeHost host({});
    EXPECT_THROW(jodo::JodoSettings::from_host(host), std::invalid_argument);
}

TEST(SettingsCatalog, SecretsAreDeclaredSecret) {
    for (const char* key : {"jodo.api_key", "jodo.api_secret", "jodo.webhook.secret"}) {
        const auto* s = jodo::find_jodo_setting(key);
        ASSERT_NE(s, nullptr) << key;
        EXPECT_TRUE(s->secret) << key;
    }
}
