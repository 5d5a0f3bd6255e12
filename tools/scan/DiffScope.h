//===- DiffScope.h - what a change touched, for --diff -------------------===//
//
// `--diff=REV` (git's changes since REV) and `--diff-file=PATCH` (a unified diff) report only
// the findings a change is responsible for: by default those on changed lines, with
// `--diff-report=all` every finding of the units the change affects (whose source changed,
// or which read a changed file). The other units' results still come from the result cache,
// so the cross-TU pass sees the whole program.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_TOOLS_SCAN_DIFFSCOPE_H
#define PIXMAPCACHE_TOOLS_SCAN_DIFFSCOPE_H

#include "Scan.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"
#include <utility>
#include <vector>

namespace pixmapcache::scan {

/// The lines a change added or modified, by absolute path of the file after the change.
struct ChangedLines {
  llvm::StringMap<std::vector<std::pair<unsigned, unsigned>>> ByFile; ///< first, last (1-based)

  bool touches(llvm::StringRef File) const { return ByFile.count(File) != 0; }
  bool covers(const Position &P) const;
};

/// Parses a unified diff (`git diff`, `diff -u`); its paths, without a leading `a/` or `b/`,
/// are relative to `Root`.
llvm::Expected<ChangedLines> parseUnifiedDiff(llvm::StringRef Patch, llvm::StringRef Root);

/// The changes of the git work tree that holds `Directory` since `Revision`.
llvm::Expected<ChangedLines> gitChangesSince(llvm::StringRef Revision, llvm::StringRef Directory);

/// Which findings a diff-limited report keeps.
struct DiffScope {
  ChangedLines Changed;
  /// --diff-report=all: every finding of the affected units; else those on changed lines.
  bool WholeUnits = false;
  /// The units the change affects, for WholeUnits.
  llvm::StringSet<> AffectedUnits;

  /// Removes the findings outside the scope from `Units` (a unit's own findings) and from
  /// `CrossUnit` (findings of the whole program); returns how many it removed.
  unsigned narrow(std::vector<UnitResult> &Units, std::vector<Finding> &CrossUnit) const;
};

} // namespace pixmapcache::scan

#endif
