//===- Counted.h - "1 translation unit", "2 translation units" ------------===//
//
// The count and the noun of the scanner's summary lines, in the singular for one.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_TOOLS_SCAN_COUNTED_H
#define PIXMAPCACHE_TOOLS_SCAN_COUNTED_H

#include "llvm/ADT/StringRef.h"
#include <cstddef>
#include <string>

namespace pixmapcache::scan {

/// "N noun", with an "s" unless N is 1: the nouns the scanner counts are regular.
inline std::string counted(size_t N, llvm::StringRef Noun) {
  return std::to_string(N) + " " + Noun.str() + (N == 1 ? "" : "s");
}

} // namespace pixmapcache::scan

#endif
