#include "jodo/core/Log.hpp"

namespace jodo {

std::string mask_phone(const std::string& phone) {
    if (phone.size() <= 4)
        return std::string(phone.size(), '*');
    return phone.substr(0, 2) + std::string(phone.size() - 4, '*') + phone.substr(phone.size() - 2);
}

std::string mask_email(const std::string& email) {
    const auto at = email.find('@');
    if (at == std::string::npos || at == 0)
        return std::string(email.size(), '*');
    return email.substr(0, 1) + "***" + email.substr(at);
}

}  // namespace jodo
