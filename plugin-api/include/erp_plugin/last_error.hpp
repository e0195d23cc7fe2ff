// Why the factory failed: an optional third entry point, a plain C function,
// so that a host can tell an administrator more than "no plugin".
//
//   const char* erp_plugin_last_error(void);
//
// It returns the reason the last call of erp_plugin_create on the calling
// thread returned null (the factory's exception text), or "" after a call that
// succeeded. The text is UTF-8, at most ERP_PLUGIN_LAST_ERROR_CAPACITY - 1
// bytes (never cut inside a character), owned by the plugin (thread-local
// static storage): valid until the same thread calls the factory again or the
// library is unloaded. A host copies it at once.
//
// Added in interface 1.1. A plugin built against older headers does not have
// it: a host looks the symbol up and does without it when it is absent (this is
// how every optional C entry point works; virtual functions added by a minor are
// called only when the stamp's minor says the plugin has them).
//
// ERP_PLUGIN_DEFINE (export.hpp) defines it; a plugin writes nothing more.
#pragma once

#include <cstddef>

#include <boost/config.hpp>

#define ERP_PLUGIN_LAST_ERROR_SYMBOL "erp_plugin_last_error"
#define ERP_PLUGIN_LAST_ERROR_CAPACITY 1024

extern "C" {
typedef const char* (*ErpPluginLastErrorFn)(void);
}

namespace erp_plugin {

// Copies `text` into `out` (size bytes, NUL-terminated), cut at a UTF-8
// character boundary when it does not fit. Used by the plugin's side; no
// storage of its own, so nothing here makes a library unloadable.
inline void copy_utf8_bounded(char* out, std::size_t size, const char* text) noexcept {
    if (out == nullptr || size == 0)
        return;
    std::size_t n = 0;
    while (text != nullptr && text[n] != '\0' && n < size - 1)
        ++n;
    if (text != nullptr && text[n] != '\0') {
        // Cut: step back over continuation bytes (10xxxxxx) to the start of the
        // character that did not fit, and leave that character out.
        while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80)
            --n;
    }
    for (std::size_t i = 0; i < n; ++i)
        out[i] = text[i];
    out[n] = '\0';
}

}  // namespace erp_plugin

// The storage and the exported function, in the plugin's own translation unit.
// Trivially destructible thread-local storage: no thread-exit destructor, which
// would keep the library from being unloaded.
#define ERP_PLUGIN_DEFINE_LAST_ERROR()                                                  \
    namespace erp_plugin_entry {                                                        \
    static thread_local char last_error_text[ERP_PLUGIN_LAST_ERROR_CAPACITY];           \
    static void record_last_error(const char* text) noexcept {                          \
        ::erp_plugin::copy_utf8_bounded(last_error_text, sizeof last_error_text, text); \
    }                                                                                   \
    }                                                                                   \
    extern "C" BOOST_SYMBOL_EXPORT const char* erp_plugin_last_error() {                \
        return erp_plugin_entry::last_error_text;                                       \
    }
