//===- JsonFile.h - reading the scanner's JSON inputs ---------------------===//
//
// Baselines and shard files are JSON: both are read here, with errors that say which kind of
// file could not be read, and with bounds that a hostile or damaged file cannot pass.
// Defined in JsonFile.cpp.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_TOOLS_SCAN_JSONFILE_H
#define PIXMAPCACHE_TOOLS_SCAN_JSONFILE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include <cstdint>

namespace pixmapcache::scan {

/// What a JSON input may be: the parser recurses once per level of nesting, and holds the
/// whole document in memory at many times its size.
struct JsonFileKind {
  llvm::StringLiteral Name; ///< "baseline", "shard": how the errors name the file
  uint64_t MaxBytes;
  unsigned MaxDepth; ///< levels of `[` and `{`; the scanner's own files need fewer than ten
};

inline constexpr JsonFileKind BaselineJson{"baseline", uint64_t(64) << 20, 64};
inline constexpr JsonFileKind ShardJson{"shard", uint64_t(2) << 30, 64};

/// The JSON document in `Path`, or an error naming it as a file of `Kind`: "cannot read
/// baseline 'Path': ...", "baseline 'Path' is not JSON: ...", or one that says which bound
/// it passes.
llvm::Expected<llvm::json::Value> readJsonFile(const JsonFileKind &Kind, llvm::StringRef Path);

} // namespace pixmapcache::scan

#endif
