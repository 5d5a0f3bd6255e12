//===- Baseline.h - --baseline and --write-baseline -----------------------===//
//
// A baseline is the list of fingerprints of the findings that a project accepts for now:
// read for --baseline, written from a report for --write-baseline. Defined in Baseline.cpp.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_TOOLS_SCAN_BASELINE_H
#define PIXMAPCACHE_TOOLS_SCAN_BASELINE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"
#include <string>

namespace pixmapcache::scan {

struct Report;

/// The findings a project accepts for now, by fingerprint. Fingerprints hash each file's path
/// relative to a source root, so a baseline says which root it was written with.
struct Baseline {
  llvm::StringSet<> Fingerprints;
  /// Absolute; empty for a baseline of format 1, which matches against the scan's own root.
  std::string Root;
};

/// The baseline file `Path`, or an error that names the file. Its root is stored relative to
/// the file's own directory, so that it follows a checkout to another place.
llvm::Expected<Baseline> readBaseline(llvm::StringRef Path);

/// The fingerprints of all of `R`'s findings, before its baseline was applied, sorted, with
/// `SourceRoot`, which they hash paths against, relative to the directory of `Path`, where the
/// baseline is written.
void writeBaseline(const Report &R, llvm::StringRef Path, llvm::StringRef SourceRoot,
                   llvm::raw_ostream &OS);

} // namespace pixmapcache::scan

#endif
