// A plugin written with ERP_PLUGIN_DEFINE whose factory cannot create it: the
// host must learn why (the table's failure text).
#include <stdexcept>
#include <string>

#include "erp_plugin/export.hpp"

namespace {

erp_plugin::Plugin* create_failing() {
#ifdef FAILING_FACTORY_LONG_UTF8
    // Longer than the last-error storage, with the cut inside a two-byte
    // character: the host must get whole characters only.
    std::string text = "xy";
    for (int i = 0; i < 1000; ++i)
        text += "\xC3\xA9";  // é
    throw std::runtime_error(text);
#else
    throw std::runtime_error("licence file /etc/erp/licence.key is missing");
#endif
}

}  // namespace

ERP_PLUGIN_DEFINE(create_failing)
