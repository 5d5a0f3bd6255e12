//===- Outputs.h - the outputs of a scan or merge, and its exit code ------===//
//
// What both the scan and `merge` end with: the report in the chosen format, the baseline and
// the fixes asked for, the summary line on stderr, and the exit code. Defined in Outputs.cpp.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_TOOLS_SCAN_OUTPUTS_H
#define PIXMAPCACHE_TOOLS_SCAN_OUTPUTS_H

#include "Baseline.h"
#include "CommandLine.h"
#include "DiffScope.h"
#include "Scan.h"

#include <vector>

namespace pixmapcache::scan {

/// The report in the chosen format, the side outputs, and the exit code. `Accepted` is the
/// --baseline, read before the scan. `Unscanned` units were left out by an interrupted scan:
/// the report is written, marked as incomplete, but not the baseline or the fixes, which would
/// be wrong for the units that were left out. With `Diff` (--diff), only the findings of the
/// change are reported.
int conclude(const ScanConfig &Config, std::vector<UnitResult> Units, const Baseline &Accepted,
             unsigned Unscanned = 0, const DiffScope *Diff = nullptr);

} // namespace pixmapcache::scan

#endif
