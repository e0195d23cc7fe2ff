// For plugin authors: one macro exports both entry points.
//
//   erp_plugin::Plugin* create_my_plugin() noexcept { ... }
//   ERP_PLUGIN_DEFINE(create_my_plugin)
//
// Build the plugin with -fvisibility=hidden: these are then its only exports.
#pragma once

#include <boost/config.hpp>
#include <boost/dll/alias.hpp>

#include "erp_plugin/abi_stamp.hpp"
#include "erp_plugin/plugin.hpp"

#define ERP_PLUGIN_DEFINE_STAMP()                                                    \
    extern "C" BOOST_SYMBOL_EXPORT const ErpPluginAbiStamp* erp_plugin_abi_stamp() { \
        static const ErpPluginAbiStamp stamp = ::erp_plugin::current_abi_stamp();    \
        return &stamp;                                                               \
    }

// The factory is wrapped so that an exception from the plugin's constructor
// becomes a null result instead of crossing into the host.
#define ERP_PLUGIN_DEFINE(factory)          \
    ERP_PLUGIN_DEFINE_STAMP()               \
    namespace erp_plugin_entry {            \
    static ::erp_plugin::Plugin* create() { \
        try {                               \
            return factory();               \
        } catch (...) {                     \
            return nullptr;                 \
        }                                   \
    }                                       \
    }                                       \
    BOOST_DLL_ALIAS(erp_plugin_entry::create, erp_plugin_create)
