//===- JsonReport.h - --format=json: the report as a JSON document --------===//
//
// The report for scripts: the unit counts and every finding with its location, fingerprint
// and notes (docs/scanner.md lists the fields). Defined in JsonReport.cpp.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_TOOLS_SCAN_JSONREPORT_H
#define PIXMAPCACHE_TOOLS_SCAN_JSONREPORT_H

#include "Report.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

namespace pixmapcache::scan {

/// Paths are relative to `SourceRoot`.
void writeJson(const Report &R, llvm::StringRef SourceRoot, llvm::raw_ostream &OS);

} // namespace pixmapcache::scan

#endif
