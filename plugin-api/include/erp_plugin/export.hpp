// For plugin authors: one macro exports the plugin's only entry point,
// erp_plugin_entry (erp_plugin.h), around a C++ factory.
//
//   erp_plugin::Plugin* create_my_plugin() { return new MyPlugin(); }
//   ERP_PLUGIN_DEFINE(create_my_plugin)
//
// Build the plugin with -fvisibility=hidden: the entry point is then its only
// export. A factory that cannot create the plugin throws; the exception's text
// (at most 1023 bytes of UTF-8) is what the host is told. No Boost is needed.
#pragma once

#include "erp_plugin/erp_plugin.h"
#include "erp_plugin/plugin.hpp"
#include "erp_plugin/plugin_adapter.hpp"

#define ERP_PLUGIN_DEFINE(factory)                                                            \
    extern "C" ERP_PLUGIN_EXPORT ErpPluginTable* erp_plugin_entry(const ErpHostTable* host) { \
        return ::erp_plugin::plugin_side::make_table(host, [] { return factory(); });         \
    }
