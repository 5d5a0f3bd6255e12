//===- JUnitReport.h - --format=junit: JUnit XML for CI test dashboards ---===//
//
// The report as CI systems show test results (GitLab, Jenkins, Azure Pipelines, GitHub
// actions that read JUnit): every finding a failed test case, a clean scan one passed test
// case. Defined in JUnitReport.cpp.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_TOOLS_SCAN_JUNITREPORT_H
#define PIXMAPCACHE_TOOLS_SCAN_JUNITREPORT_H

#include "Report.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

namespace pixmapcache::scan {

/// Paths are relative to `SourceRoot`.
void writeJUnit(const Report &R, llvm::StringRef SourceRoot, llvm::raw_ostream &OS);

} // namespace pixmapcache::scan

#endif
