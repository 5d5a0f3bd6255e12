//===- Baseline.h - --baseline and --write-baseline -----------------------===//
//
// A baseline is the list of fingerprints of the findings that a project accepts for now:
// read for --baseline, written from a report for --write-baseline. Defined in Baseline.cpp.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_TOOLS_SCAN_BASELINE_H
#define PIXMAPCACHE_TOOLS_SCAN_BASELINE_H

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"
#include <string>
#include <vector>

namespace pixmapcache::scan {

struct Report;

/// A finding as a baseline keeps it.
struct BaselineEntry {
  std::string Fingerprint; ///< `base:occurrence`
  std::string Context;     ///< Finding::Context; empty in a baseline of format 1
};

/// The findings a project accepts for now. Fingerprints hash each file's path relative to a
/// source root, so a baseline says which root it was written with.
struct Baseline {
  /// By fingerprint base (the fingerprint without its occurrence number): the contexts of its
  /// findings, one per occurrence. Identical findings are told apart by their contexts first,
  /// then by their order.
  llvm::StringMap<std::vector<std::string>> Occurrences;
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
