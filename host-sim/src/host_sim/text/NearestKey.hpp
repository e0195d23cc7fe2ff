// "Did you mean": the known key a mistyped one was most likely meant to be.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace host_sim {

// Edits (insert, delete, replace, swap two neighbours) turning a into b.
std::size_t edit_distance(const std::string& a, const std::string& b);

// The entry of `known` nearest to `key`, or empty when none is near enough to
// be a typo of it: naming an unrelated key would send the reader astray.
std::string nearest_key(const std::string& key, const std::vector<std::string>& known);

}  // namespace host_sim
