#pragma once

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace testing_support {

// A documented Jodo example, copied verbatim from shared/jodo-api into
// tests/fixtures/jodo.
inline std::string jodo_fixture(const std::string& name) {
    std::ifstream in(std::string(JODO_FIXTURES) + "/" + name);
    if (!in)
        throw std::runtime_error("missing fixture " + name);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace testing_support
