//===- Fixes.h - --export-fixes and --fix ---------------------------------===//
//
// The fixes of a report's findings: collected per file without overlaps, exported as
// clang-apply-replacements YAML, or applied to the sources. Defined in Fixes.cpp.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_TOOLS_SCAN_FIXES_H
#define PIXMAPCACHE_TOOLS_SCAN_FIXES_H

#include "Report.h"

#include "clang/Tooling/Core/Replacement.h"
#include "llvm/Support/raw_ostream.h"
#include <map>
#include <string>

namespace pixmapcache::scan {

/// The fixes of one file, and the content they were computed against.
struct FileFixes {
  clang::tooling::Replacements Replacements;
  std::string ScannedHash; ///< contentHash of the file as the scan read it
};

/// By the absolute path of the file they change.
using FixesByFile = std::map<std::string, FileFixes>;

/// The fixes of the reported findings, per file, without the ones that overlap an earlier one
/// or were computed against another version of a file (each skipped fix gets a warning on
/// stderr).
FixesByFile collectFixes(const Report &R);

/// The findings of `R` whose fixes are `Kept` (by collectFixes), as clang-tidy's
/// --export-fixes writes them: a `Diagnostics:` list, each with its message, notes and
/// replacements, which clang-apply-replacements reads.
void exportFixes(const Report &R, const FixesByFile &Kept, llvm::raw_ostream &OS);

/// Applies the fixes to the sources, each file written whole or not at all, through symbolic
/// links to their targets. A file is fixed only if it still has the content the fixes were
/// computed against, and is writable; it is locked while it is checked and rewritten, so that
/// two runs never both apply their fixes to it. False when some file could not be fixed (the
/// error is on stderr); the other files are fixed.
bool applyFixes(const FixesByFile &Fixes);

} // namespace pixmapcache::scan

#endif
