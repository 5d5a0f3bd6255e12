//===- SarifReport.h - --format=sarif: SARIF 2.1.0 for code scanning ------===//
//
// The report as GitHub code scanning takes it: rules from the check pages, results with
// fingerprints, incomplete units as tool notifications. Defined in SarifReport.cpp.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_TOOLS_SCAN_SARIFREPORT_H
#define PIXMAPCACHE_TOOLS_SCAN_SARIFREPORT_H

#include "Report.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

namespace pixmapcache::scan {

/// Locations under `SourceRoot` are relative to it, %SRCROOT% in SARIF.
void writeSarif(const Report &R, llvm::StringRef SourceRoot, llvm::raw_ostream &OS);

} // namespace pixmapcache::scan

#endif
