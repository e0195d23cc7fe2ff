// The ways a sandbox operation on an order or a student can be refused. All are
// std::runtime_error so callers of the facade may catch that alone; the HTTP
// layers tell them apart to answer 404 or 409.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace jodo::sandbox {

class OrderNotFound : public std::runtime_error {
  public:
    explicit OrderNotFound(const std::string& order_id)
        : std::runtime_error("order " + order_id + " was not found") {}
};

class OrderConflict : public std::runtime_error {
  public:
    explicit OrderConflict(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace jodo::sandbox

namespace jodo::sandbox {

// A student (or one of its payments) the sandbox does not know: 404 MAE00001.
class StudentNotFound : public std::runtime_error {
  public:
    explicit StudentNotFound(const std::string& message) : std::runtime_error(message) {}
};

// A student operation the student's state forbids: 409. existing_student_id names the
// student already registered under the identifier, when that is the conflict.
class StudentConflict : public std::runtime_error {
  public:
    explicit StudentConflict(const std::string& message, std::int64_t existing_student_id = 0)
        : std::runtime_error(message), existing_student_id(existing_student_id) {}
    std::int64_t existing_student_id;
};

}  // namespace jodo::sandbox
