// The module's only export: erp_plugin_entry, the C entry point of interface 2.0.
#include "erp_plugin/export.hpp"
#include "jodo/plugin/JodoPlugin.hpp"

namespace {
erp_plugin::Plugin* create_jodo_plugin() {
    return new jodo::JodoPlugin();
}
}  // namespace

ERP_PLUGIN_DEFINE(create_jodo_plugin)
