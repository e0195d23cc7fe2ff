// The ABI stamp: the first and only thing a host reads from a plugin before it
// touches any C++ type. It is returned by a plain C function so that a host can
// read it even from a plugin built by a toolchain it cannot otherwise talk to.
#pragma once

#include <cstddef>
#include <cstdint>

#define ERP_PLUGIN_API_MAJOR 1
#define ERP_PLUGIN_API_MINOR 2

// "ERPP": lets a host tell a stamp from whatever else an unrelated library
// might export under the same name.
#define ERP_PLUGIN_STAMP_MAGIC 0x45525050u

#define ERP_PLUGIN_STAMP_SYMBOL "erp_plugin_abi_stamp"
#define ERP_PLUGIN_FACTORY_ALIAS "erp_plugin_create"

#define ERP_PLUGIN_STR_(x) #x
#define ERP_PLUGIN_STR(x) ERP_PLUGIN_STR_(x)

#if defined(__clang__)
#define ERP_PLUGIN_COMPILER "clang-" ERP_PLUGIN_STR(__clang_major__)
#elif defined(__GNUC__)
#define ERP_PLUGIN_COMPILER "gcc-" ERP_PLUGIN_STR(__GNUC__)
#else
#define ERP_PLUGIN_COMPILER "unknown-compiler"
#endif

#if defined(_GLIBCXX_RELEASE)
#define ERP_PLUGIN_STDLIB "libstdc++-" ERP_PLUGIN_STR(_GLIBCXX_RELEASE)
#elif defined(_LIBCPP_VERSION)
#define ERP_PLUGIN_STDLIB "libc++-" ERP_PLUGIN_STR(_LIBCPP_VERSION)
#else
#define ERP_PLUGIN_STDLIB "unknown-stdlib"
#endif

#if defined(_GLIBCXX_USE_CXX11_ABI)
#define ERP_PLUGIN_CXX11_ABI "cxx11abi-" ERP_PLUGIN_STR(_GLIBCXX_USE_CXX11_ABI)
#else
#define ERP_PLUGIN_CXX11_ABI "cxx11abi-na"
#endif

// Everything that decides whether std::string, std::vector and vtables laid out
// by one side can be used by the other.
#define ERP_PLUGIN_TOOLCHAIN ERP_PLUGIN_COMPILER ";" ERP_PLUGIN_STDLIB ";" ERP_PLUGIN_CXX11_ABI

extern "C" {

struct ErpPluginAbiStamp {
    std::uint32_t magic;       // ERP_PLUGIN_STAMP_MAGIC
    std::uint32_t stamp_size;  // sizeof(ErpPluginAbiStamp) as the plugin saw it
    std::uint32_t api_major;   // ERP_PLUGIN_API_MAJOR the plugin was built against
    std::uint32_t api_minor;   // ERP_PLUGIN_API_MINOR the plugin was built against
    char toolchain[96];        // ERP_PLUGIN_TOOLCHAIN, NUL-terminated
};

// Signature of the stamp entry point every plugin exports under
// ERP_PLUGIN_STAMP_SYMBOL. The returned pointer is to static storage inside the
// plugin: valid while the library is loaded, never freed by the host.
typedef const ErpPluginAbiStamp* (*ErpPluginAbiStampFn)(void);
}

namespace erp_plugin {

// The stamp this translation unit would produce: a host compares a plugin's
// stamp against its own.
inline ErpPluginAbiStamp current_abi_stamp() noexcept {
    ErpPluginAbiStamp stamp{ERP_PLUGIN_STAMP_MAGIC,
                            sizeof(ErpPluginAbiStamp),
                            ERP_PLUGIN_API_MAJOR,
                            ERP_PLUGIN_API_MINOR,
                            {}};
    const char toolchain[] = ERP_PLUGIN_TOOLCHAIN;
    static_assert(sizeof(toolchain) <= sizeof(stamp.toolchain), "toolchain fingerprint too long");
    for (std::size_t i = 0; i < sizeof(toolchain); ++i)
        stamp.toolchain[i] = toolchain[i];
    return stamp;
}

}  // namespace erp_plugin
