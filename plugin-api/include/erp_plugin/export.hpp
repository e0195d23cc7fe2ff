// For plugin authors: one macro exports the entry points (the ABI stamp, the
// factory, and erp_plugin_last_error from last_error.hpp).
//
//   erp_plugin::Plugin* create_my_plugin() noexcept { ... }
//   ERP_PLUGIN_DEFINE(create_my_plugin)
//
// Build the plugin with -fvisibility=hidden: these are then its only exports.
// A factory that cannot create the plugin throws; the exception's text is what
// erp_plugin_last_error() tells the host.
#pragma once

#include <boost/config.hpp>
#include <boost/dll/alias.hpp>

#include <exception>

#include "erp_plugin/abi_stamp.hpp"
#include "erp_plugin/last_error.hpp"
#include "erp_plugin/plugin.hpp"

#define ERP_PLUGIN_DEFINE_STAMP()                                                    \
    extern "C" BOOST_SYMBOL_EXPORT const ErpPluginAbiStamp* erp_plugin_abi_stamp() { \
        static const ErpPluginAbiStamp stamp = ::erp_plugin::current_abi_stamp();    \
        return &stamp;                                                               \
    }

// The factory is wrapped so that an exception from the plugin's constructor
// becomes a null result (and its text the last error) instead of crossing into
// the host.
#define ERP_PLUGIN_DEFINE(factory)                                                         \
    ERP_PLUGIN_DEFINE_STAMP()                                                              \
    ERP_PLUGIN_DEFINE_LAST_ERROR()                                                         \
    namespace erp_plugin_entry {                                                           \
    static ::erp_plugin::Plugin* create() {                                                \
        record_last_error("");                                                             \
        try {                                                                              \
            return factory();                                                              \
        } catch (const std::exception& e) {                                                \
            record_last_error(e.what());                                                   \
        } catch (...) {                                                                    \
            record_last_error("the factory threw something that is not a std::exception"); \
        }                                                                                  \
        return nullptr;                                                                    \
    }                                                                                      \
    }                                                                                      \
    BOOST_DLL_ALIAS(erp_plugin_entry::create, erp_plugin_create)
