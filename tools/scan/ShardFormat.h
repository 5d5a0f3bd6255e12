//===- ShardFormat.h - unit results as JSON: shard files and child pipes --===//
//
// The JSON form of unit results, thread facts included: what --shard=I/N writes and `merge`
// reads, and what each unit's child process sends back. Defined in ShardFormat.cpp.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_TOOLS_SCAN_SHARDFORMAT_H
#define PIXMAPCACHE_TOOLS_SCAN_SHARDFORMAT_H

#include "Scan.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"
#include <vector>

namespace pixmapcache::scan {

/// Shard files: the unit results, thread facts included, as JSON.
void writeUnitsJson(llvm::raw_ostream &OS, llvm::ArrayRef<UnitResult> Units);
llvm::Expected<std::vector<UnitResult>> unitsFromJson(const llvm::json::Value &Shard);

} // namespace pixmapcache::scan

#endif
