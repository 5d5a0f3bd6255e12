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
/// `Color`: in clang's colours (ANSI escapes), as clang and clang-tidy print on a terminal.
void writeText(const Report &R, llvm::StringRef SourceRoot, bool Color, llvm::raw_ostream &OS);

} // namespace pixmapcache::scan

#endif
