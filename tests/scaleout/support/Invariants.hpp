#pragma once

#include <string>
#include <vector>

#include "support/ScaleRig.hpp"

namespace scaleout {

// What must hold for every invoice of the rig once a crash has been followed
// by a restart and reconciliation (each broken rule is one line naming the
// invoice):
//  - at most one active collection;
//  - no collection left in 'creating'; an 'unknown' one says why;
//  - Jodo holds at most one order for the invoice, and at most one payable
//    (unpaid) order, unless a collection of the invoice carries a review flag;
//  - every order Jodo reports paid is recorded as paid/settled on the
//    collection holding its order id (or that collection is flagged), and
//    every order id we recorded exists at Jodo.
std::vector<std::string> invariant_violations(ScaleRig& rig);

std::string joined(const std::vector<std::string>& lines);

}  // namespace scaleout
