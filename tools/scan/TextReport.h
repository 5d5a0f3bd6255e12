//===- TextReport.h - --format=text: clang-style diagnostics --------------===//
//
// Clang-style diagnostics for people: location, level, message and check, the source line
// with a caret, then the notes. Defined in TextReport.cpp.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_TOOLS_SCAN_TEXTREPORT_H
#define PIXMAPCACHE_TOOLS_SCAN_TEXTREPORT_H

#include "Report.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

namespace pixmapcache::scan {

/// Paths are shown relative to `SourceRoot`.
void writeText(const Report &R, llvm::StringRef SourceRoot, llvm::raw_ostream &OS);

} // namespace pixmapcache::scan

#endif
