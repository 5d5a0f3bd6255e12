//===- ContentHash.h - the content hashes of files and texts --------------===//
//
// One hash for everything the scanner compares by content: the result cache's inputs and
// the sources that fixes were computed against. Defined in ContentHash.cpp.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_TOOLS_SCAN_CONTENTHASH_H
#define PIXMAPCACHE_TOOLS_SCAN_CONTENTHASH_H

#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>

namespace pixmapcache::scan {

/// xxh3-128 of `Data`, as 32 lower-case hex digits.
std::string contentHash(llvm::StringRef Data);

/// The contentHash of the file's bytes, or nothing when it cannot be read.
std::optional<std::string> fileContentHash(llvm::StringRef Path);

} // namespace pixmapcache::scan

#endif
