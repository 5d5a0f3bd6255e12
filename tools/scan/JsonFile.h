//===- JsonFile.h - reading the scanner's JSON inputs ---------------------===//
//
// Baselines and shard files are JSON: both are read here, with errors that say which kind of
// file could not be read. Defined in JsonFile.cpp.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_TOOLS_SCAN_JSONFILE_H
#define PIXMAPCACHE_TOOLS_SCAN_JSONFILE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

namespace pixmapcache::scan {

/// The JSON document in `Path`, or an error naming it as a `What` ("baseline", "shard"):
/// "cannot read What 'Path': ..." or "What 'Path' is not JSON: ...".
llvm::Expected<llvm::json::Value> readJsonFile(llvm::StringRef What, llvm::StringRef Path);

} // namespace pixmapcache::scan

#endif
