//===- UnitProcesses.h - every translation unit in a process of its own ---===//
//
// Scans the units in forked child processes, a few at a time, so that a unit that crashes or
// hangs becomes an error of that unit only, and a stop signal ends the scan cleanly.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_TOOLS_SCAN_UNITPROCESSES_H
#define PIXMAPCACHE_TOOLS_SCAN_UNITPROCESSES_H

#include "ResultCache.h"
#include "Scan.h"
#include "ScanUnit.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <optional>
#include <string>
#include <vector>

namespace clang::tooling {
class CompilationDatabase;
}

namespace pixmapcache::scan {

/// How many units run at once for `-j Requested` (0: every core): at most four processes per
/// core, since each holds a whole translation unit in memory and more cannot run faster.
/// Sets `Capped` when that is fewer than requested.
unsigned processesAtOnce(unsigned Requested, bool &Capped);

struct ProcessLimits {
  unsigned Jobs = 1;           ///< child processes at once
  unsigned TimeoutSeconds = 0; ///< per unit; 0: none
};

/// The result cache of a scan, with each unit's key in it.
struct CachedUnits {
  const ResultCache &Cache;
  std::vector<std::string> Keys; ///< one per unit, in the order of the units
  unsigned Hits = 0;             ///< units whose result came from the cache
};

/// Scans every unit in a child process of its own (scanUnit), `Limits.Jobs` at once: a unit
/// that crashes or runs past the time limit becomes an error finding of that unit, and the
/// others are unaffected. When the system refuses a process or a pipe (a process or file
/// limit) while others run, the unit waits for one of them to end and is started then; only a
/// unit that cannot be started with none running fails. SIGINT, SIGTERM or SIGHUP stop the scan:
/// the running units are killed, `Interrupted` is set, and the units not finished are std::nullopt.
/// With `Cached`, a unit found in the cache is not scanned, and each child stores its result there.
std::vector<std::optional<UnitResult>>
scanInChildProcesses(const clang::tooling::CompilationDatabase &Database,
                     llvm::ArrayRef<std::string> Units, const ScanOptions &Options,
                     const ProcessLimits &Limits, CachedUnits *Cached,
                     llvm::function_ref<void(const UnitResult &)> UnitDone, bool &Interrupted);

} // namespace pixmapcache::scan

#endif
