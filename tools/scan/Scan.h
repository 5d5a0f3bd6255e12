//===- Scan.h - pixmapcache-scan: findings and unit results ---------------===//
//
// The scanner's data model. A scan runs every translation unit on its own (ScanUnit.h), which
// yields a UnitResult: its findings, already located (file, line, column) so that they
// outlive the unit's SourceManager, and the thread facts of the off-thread analysis. The
// results of all units, of one run or of many shards, are then combined once (Report.h).
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_TOOLS_SCAN_SCAN_H
#define PIXMAPCACHE_TOOLS_SCAN_SCAN_H

#include "off-thread-access/ThreadCallGraph.h"

#include "clang/Tooling/Core/Replacement.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>
#include <vector>

namespace pixmapcache::scan {

struct Position {
  std::string File; ///< absolute, normalised; empty when the diagnostic has no location
  unsigned Offset = 0;
  unsigned Line = 0;   ///< 1-based; 0 without a location
  unsigned Column = 0; ///< 1-based, in bytes like clang
};

struct Note {
  std::string Message;
  Position Where;
};

/// A file as the fixes of a finding found it: --fix applies them to this content only, since
/// their offsets mean nothing in another version of the file.
struct SourceVersion {
  std::string File; ///< absolute, as the fixes name it
  std::string Hash; ///< contentHash (ContentHash.h) of the file when the unit was scanned
};

/// Ordered by severity: --fail-on=LEVEL fails on findings at LEVEL or above.
enum class Level { Warning, Error };

/// The level as the reports and the shard files spell it.
inline const char *levelName(Level L) { return L == Level::Error ? "error" : "warning"; }

struct Finding {
  std::string Check; ///< pixmapcache-..., or clang-diagnostic-error for a compile error
  Level Severity = Level::Warning;
  std::string Message;
  Position Where;
  std::vector<Note> Notes;
  /// The finding's source line with runs of white space collapsed: what the fingerprint
  /// hashes instead of the line number, so that the fingerprint survives code moving.
  std::string LineText;
  /// A hash of the nearest lines above and below that are not blank: what tells identical
  /// findings (same check, file, line text and message) apart in a baseline. Empty where
  /// unknown.
  std::string Context;
  std::vector<clang::tooling::Replacement> Fixes;
  /// One for each file that `Fixes` change.
  std::vector<SourceVersion> FixedSources;
  /// Set by finish (Report.h): stable across line moves, unique within the report.
  std::string Fingerprint;
};

/// The thread facts of one translation unit, with its sites already located.
struct UnitThreads {
  clang::tidy::pixmapcache::ThreadSummary Summary;
  std::vector<Position> Sites;
  /// How the unit's options (ReportEveryUse) report the uses of a function it defines.
  clang::tidy::pixmapcache::UseGrouping Grouping =
      clang::tidy::pixmapcache::UseGrouping::PerFunction;
  /// Whether the unit's WarningsAsErrors names pixmapcache-off-thread-access.
  bool FindingsAreErrors = false;
};

struct UnitResult {
  std::string File;
  std::vector<Finding> Findings;
  /// The compiler could not build the unit; its errors are among the findings.
  bool Failed = false;
  /// Present when pixmapcache-off-thread-access is enabled for the unit.
  std::optional<UnitThreads> Threads;
};

/// The "checks" of the errors that stand for a unit whose scan did not deliver a result:
/// like compile errors, they are never baselined and are tool notifications in SARIF.
inline constexpr llvm::StringLiteral ScanCrashCheck = "pixmapcache-scan-crash";
inline constexpr llvm::StringLiteral ScanTimeoutCheck = "pixmapcache-scan-timeout";
inline constexpr llvm::StringLiteral ScanFailureCheck = "pixmapcache-scan-failure";

/// Compile errors and scanner faults: the unit's results are incomplete, not a code finding.
inline bool isIncompleteScan(const Finding &F) {
  return llvm::StringRef(F.Check).starts_with("clang-diagnostic-") ||
         llvm::StringRef(F.Check).starts_with("pixmapcache-scan-");
}

} // namespace pixmapcache::scan

#endif
