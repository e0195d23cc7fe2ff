// The module's only exports: the ABI stamp and the factory.
#include "erp_plugin/export.hpp"
#include "jodo/plugin/JodoPlugin.hpp"

namespace {
erp_plugin::Plugin* create_jodo_plugin() {
    return new jodo::JodoPlugin();
}
}  // namespace

ERP_PLUGIN_DEFINE(create_jodo_plugin)
