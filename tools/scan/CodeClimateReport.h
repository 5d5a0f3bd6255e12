//===- CodeClimateReport.h - --format=codeclimate: GitLab Code Quality ----===//
//
// The report as GitLab's Code Quality widget reads it (a subset of the Code Climate spec):
// a JSON array with one issue per finding. Defined in CodeClimateReport.cpp.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_TOOLS_SCAN_CODECLIMATEREPORT_H
#define PIXMAPCACHE_TOOLS_SCAN_CODECLIMATEREPORT_H

#include "Report.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

namespace pixmapcache::scan {

/// Paths are relative to `SourceRoot`, which should be the repository's root.
void writeCodeClimate(const Report &R, llvm::StringRef SourceRoot, llvm::raw_ostream &OS);

} // namespace pixmapcache::scan

#endif
