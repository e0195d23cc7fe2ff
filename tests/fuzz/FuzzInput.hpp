// Splitting one libFuzzer input into the pieces a target needs, so every byte
// of the input stays reachable by the fuzzer's mutations.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace fuzz {

class FuzzInput {
  public:
    FuzzInput(const std::uint8_t* data, std::size_t size)
        : text_(reinterpret_cast<const char*>(data), size) {}

    std::uint8_t byte() {
        if (at_ >= text_.size())
            return 0;
        return static_cast<std::uint8_t>(text_[at_++]);
    }
    // Up to the next '\n' (not included); the rest when there is none.
    std::string line() {
        const auto end = text_.find('\n', at_);
        const std::string out = text_.substr(at_, end == std::string::npos ? end : end - at_);
        at_ = end == std::string::npos ? text_.size() : end + 1;
        return out;
    }
    std::string rest() {
        const std::string out = text_.substr(at_);
        at_ = text_.size();
        return out;
    }
    const std::string& all() const { return text_; }

  private:
    std::string text_;
    std::size_t at_ = 0;
};

}  // namespace fuzz
