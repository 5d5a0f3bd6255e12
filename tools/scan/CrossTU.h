//===- CrossTU.h - the off-thread analysis over the whole program ---------===//
//
// The off-thread findings that no single unit shows: uses reached from a thread entry point
// only through calls that cross translation units. Defined in CrossTU.cpp.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_TOOLS_SCAN_CROSSTU_H
#define PIXMAPCACHE_TOOLS_SCAN_CROSSTU_H

#include "Scan.h"
#include "off-thread-access/ThreadCallGraph.h"

#include "llvm/ADT/ArrayRef.h"
#include <vector>

namespace pixmapcache::scan {

/// Off-thread findings that only the whole program shows: GUI-only uses reached from a
/// thread entry point through calls that cross translation units. Linear in the summaries.
/// `Overrides` says whether a virtual call may also run overrides defined in other units.
std::vector<Finding> crossUnitFindings(llvm::ArrayRef<UnitResult> Units,
                                       clang::tidy::pixmapcache::OverrideScope Overrides);

} // namespace pixmapcache::scan

#endif
