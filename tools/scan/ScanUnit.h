//===- ScanUnit.h - one translation unit through clang-tidy ---------------===//
//
// Runs the pixmapcache-* checks on one translation unit, as clang-tidy would, and records its
// thread facts for the cross-TU pass. Defined in ScanUnit.cpp.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_TOOLS_SCAN_SCANUNIT_H
#define PIXMAPCACHE_TOOLS_SCAN_SCANUNIT_H

#include "Scan.h"
#include "TidyOptions.h"
#include "UnitInputs.h"

#include "llvm/ADT/StringRef.h"
#include <string>

namespace clang::tooling {
class CompilationDatabase;
}

namespace pixmapcache::scan {

/// Runs the checks on one translation unit (every command the database has for `File`), and
/// records in `Inputs`, when given, what the unit read. Thread-safe: every call has its own
/// clang-tidy context and file system.
UnitResult scanUnit(const clang::tooling::CompilationDatabase &Database, llvm::StringRef File,
                    const ScanOptions &Options, UnitInputs *Inputs = nullptr);

} // namespace pixmapcache::scan

#endif
