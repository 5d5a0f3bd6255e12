//===- Paths.h - file names as the scanner keeps and shows them -----------===//
//
// Files are kept absolute and normalised, and shown (and fingerprinted) relative to the
// source root. Defined in Paths.cpp.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_TOOLS_SCAN_PATHS_H
#define PIXMAPCACHE_TOOLS_SCAN_PATHS_H

#include "llvm/ADT/StringRef.h"
#include <string>

namespace pixmapcache::scan {

/// `Path` made absolute against the current directory, without `.` and `..`.
std::string absolutePath(llvm::StringRef Path);

/// `File` relative to `SourceRoot` when it is under it, else as it is.
std::string displayPath(llvm::StringRef File, llvm::StringRef SourceRoot);

/// The absolute `Target` as a path relative to the absolute directory `From` (`..` where it
/// must go up; `.` for `From` itself).
std::string relativePath(llvm::StringRef Target, llvm::StringRef From);

} // namespace pixmapcache::scan

#endif
