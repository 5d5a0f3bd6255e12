//===- Report.h - all unit results combined into one report ---------------===//
//
// finish adds the cross-TU findings to the units' own, removes the duplicates that shared
// headers cause, fingerprints every finding and applies the baseline. Defined in Report.cpp.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_TOOLS_SCAN_REPORT_H
#define PIXMAPCACHE_TOOLS_SCAN_REPORT_H

#include "Baseline.h"
#include "DiffScope.h"
#include "Scan.h"
#include "off-thread-access/ThreadCallGraph.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include <string>
#include <vector>

namespace pixmapcache::scan {

struct Report {
  std::vector<Finding> Findings; ///< sorted, deduplicated, fingerprinted, baseline applied
  unsigned Units = 0;
  unsigned FailedUnits = 0;
  unsigned Suppressed = 0;                  ///< findings in the baseline
  unsigned Unscanned = 0;                   ///< units not scanned: the scan was interrupted
  unsigned OutsideDiff = 0;                 ///< findings --diff left out
  std::vector<BaselineEntry> Baselinable; ///< before the baseline: what --write-baseline saves
};

/// Combines unit results into the report; `SourceRoot` makes fingerprints path-independent.
/// Findings are matched against `Accepted` with the root it was written with. With `Diff`,
/// only the findings of the change are kept (after the cross-TU pass, which sees every unit).
Report finish(std::vector<UnitResult> Units, llvm::StringRef SourceRoot, const Baseline &Accepted,
              clang::tidy::pixmapcache::OverrideScope Overrides, const DiffScope *Diff = nullptr);

} // namespace pixmapcache::scan

#endif
