// The host side of the version rules in plugin-api/README.md, so that every
// C++ host refuses the same plugins with the same sentence. Only the four
// header fields of the table are read before the verdict.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "erp_plugin/erp_plugin.h"

namespace erp_plugin {

struct Compatibility {
    bool compatible = false;
    std::string reason;  // empty when compatible
};

inline std::string describe_version(std::uint32_t major, std::uint32_t minor) {
    return std::to_string(major) + "." + std::to_string(minor);
}

// The header every major keeps: struct_size, api_major, api_minor, reserved.
constexpr std::uint32_t table_header_size = 4 * sizeof(std::uint32_t);

// Interface 2.0's table ends with setting_prefixes: what every 2.x plugin has.
constexpr std::size_t table_2_0_size =
    offsetof(ErpPluginTable, setting_prefixes) + sizeof(ErpPluginTable::setting_prefixes);

inline Compatibility check_table(const ErpPluginTable* table) {
    const std::string host = describe_version(ERP_PLUGIN_API_MAJOR, ERP_PLUGIN_API_MINOR);
    if (table == nullptr)
        return {false, "its entry point returned no table"};
    if (table->struct_size < table_header_size)
        return {false, "its table is too small to be one (" + std::to_string(table->struct_size) +
                           " bytes)"};
    const std::string got = describe_version(table->api_major, table->api_minor);
    if (table->api_major > ERP_PLUGIN_API_MAJOR)
        return {false, "it was built for interface " + got +
                           ", which needs a newer host (this host has " + host + ")"};
    if (table->api_major < ERP_PLUGIN_API_MAJOR)
        return {false, "it was built for interface " + got +
                           ", an older major this host does not load (this host has " + host + ")"};
    // Same major: every 2.0 field must be there; a newer minor's extra fields
    // are read only where ERP_PLUGIN_HAS says so.
    if (table->struct_size < table_2_0_size)
        return {false, "its table has " + std::to_string(table->struct_size) +
                           " bytes, fewer than interface 2.0 defines (" +
                           std::to_string(table_2_0_size) + ")"};
    return {true, {}};
}

}  // namespace erp_plugin
