#pragma once

#include <string>
#include <vector>

#include "host_sim/erp/ReferenceErp.hpp"

namespace scaleout {

class ScaleRig;

// The school the student chaos run works on: the reference ERP's sample
// students plus generated ones (families of three siblings, fee structures
// with paise, an open invoice for every third student so that payments made
// in Jodo are allocated to bills as well as taken as advances) and counter
// receipts, written straight into the ERP's tables as the school's staff would.
class StudentSchool {
  public:
    StudentSchool(ScaleRig& rig, int generated_students);

    const std::vector<std::string>& generated() const { return generated_; }
    // Receipts CR-G-<first>..CR-G-<first + count - 1>, for generated students
    // in turn (receipt n for student n - 1 modulo their number).
    std::vector<std::string> add_receipts(int first, int count);
    void cancel_receipt(const std::string& receipt_id);
    // The school raises a fee (a sync then sends Update Fee).
    void set_fee(const std::string& student_id, const std::string& component,
                 const std::string& amount);
    // Students whose jodo_students row is 'registered', with their Jodo id.
    std::vector<std::pair<std::string, std::string>> registered();

  private:
    ScaleRig& rig_;
    host_sim::ReferenceErp erp_;
    std::vector<std::string> generated_;
};

}  // namespace scaleout
