//===- Baseline.h - --baseline and --write-baseline -----------------------===//
//
// A baseline is the list of fingerprints of the findings that a project accepts for now:
// read for --baseline, written from a report for --write-baseline. Defined in Baseline.cpp.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_TOOLS_SCAN_BASELINE_H
#define PIXMAPCACHE_TOOLS_SCAN_BASELINE_H

#include "Report.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

namespace pixmapcache::scan {

/// The fingerprints saved in the baseline file `Path`, or an error that names the file.
llvm::Expected<llvm::StringSet<>> readBaseline(llvm::StringRef Path);

/// The fingerprints of all of `R`'s findings, before its baseline was applied, sorted.
void writeBaseline(const Report &R, llvm::raw_ostream &OS);

} // namespace pixmapcache::scan

#endif
