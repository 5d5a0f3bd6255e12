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
#include <string>
#include <vector>

namespace pixmapcache::scan {

/// Which part of which scan a shard file holds: `merge` needs every part of one scan, once.
struct ShardOrigin {
  unsigned Index = 0; ///< 1-based, as in --shard=I/N
  unsigned Count = 0;
  std::string Scan; ///< the same in every shard of one scan: a hash of all its units
};

struct ShardFile {
  ShardOrigin Origin;
  std::vector<UnitResult> Units;
};

/// The unit results, thread facts included, as JSON: what a unit's process sends back and
/// the result cache keeps.
void writeUnitsJson(llvm::raw_ostream &OS, llvm::ArrayRef<UnitResult> Units);
llvm::Expected<std::vector<UnitResult>> unitsFromJson(const llvm::json::Value &Document);

/// Shard files: the unit results of one shard, and which shard of which scan it is.
void writeShardJson(llvm::raw_ostream &OS, const ShardFile &Shard);
llvm::Expected<ShardFile> shardFromJson(const llvm::json::Value &Document);

} // namespace pixmapcache::scan

#endif
