#pragma once

#include <string>

namespace host_sim {

// Plays the payer's browser: opens the hosted checkout page at a redirect URL
// and submits its pay form, over real HTTP. Returns the confirmation page.
// Throws std::runtime_error when the page or the payment fails.
std::string pay_at_checkout(const std::string& redirect_url);

}  // namespace host_sim
