// The host side of the version rules in plugin-api/README.md, so that every host
// refuses the same plugins for the same reasons.
#pragma once

#include <cstring>
#include <string>

#include "erp_plugin/abi_stamp.hpp"

namespace erp_plugin {

struct Compatibility {
    bool compatible = false;
    std::string reason;  // empty when compatible
};

inline std::string describe_version(std::uint32_t major, std::uint32_t minor) {
    return std::to_string(major) + "." + std::to_string(minor);
}

inline Compatibility check_compatibility(const ErpPluginAbiStamp* found,
                                         const ErpPluginAbiStamp& host = current_abi_stamp()) {
    if (found == nullptr)
        return {false, "ABI stamp function returned null"};
    if (found->magic != ERP_PLUGIN_STAMP_MAGIC)
        return {false, "ABI stamp has a wrong magic number"};
    if (found->stamp_size != sizeof(ErpPluginAbiStamp))
        return {false, "ABI stamp has size " + std::to_string(found->stamp_size) + ", expected " +
                           std::to_string(sizeof(ErpPluginAbiStamp))};
    const std::string expected = describe_version(host.api_major, host.api_minor);
    const std::string got = describe_version(found->api_major, found->api_minor);
    if (found->api_major != host.api_major)
        return {false, "interface major version differs: host has " + expected +
                           ", plugin built for " + got};
    if (found->api_minor > host.api_minor)
        return {false,
                "plugin needs a newer host: host has " + expected + ", plugin built for " + got};
    const std::size_t n = strnlen(found->toolchain, sizeof(found->toolchain));
    if (n == sizeof(found->toolchain))
        return {false, "ABI stamp toolchain is not NUL-terminated"};
    if (std::string(found->toolchain, n) != host.toolchain)
        return {false, std::string("toolchain differs: host built with ") + host.toolchain +
                           ", plugin built with " + std::string(found->toolchain, n)};
    return {true, {}};
}

}  // namespace erp_plugin
