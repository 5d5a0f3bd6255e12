//===- ResultCache.h - unit results kept between scans --------------------===//
//
// A unit's result (findings, fixes, thread facts) depends on its compile commands, the
// configuration of our checks for it, the scanner itself, and what it reads from the file
// system. The key covers the first three; the entry records the fourth (UnitInputs) with the
// size, modification time and content hash of every file, and a hit needs all of them as
// they were. A hit gives the very UnitResult the unit's child process would send, so the
// report is the same byte for byte. Anything wrong with an entry (truncated, corrupt, written
// by another version) is a miss. Entries are written to a temporary file and renamed, so
// parallel scans sharing the directory never see half an entry.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_TOOLS_SCAN_RESULTCACHE_H
#define PIXMAPCACHE_TOOLS_SCAN_RESULTCACHE_H

#include "Scan.h"
#include "UnitInputs.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy {
struct ClangTidyOptions;
}
namespace clang::tooling {
class CompilationDatabase;
}

namespace pixmapcache::scan {

/// The default cache directory: $XDG_CACHE_HOME/pixmapcache-scan, or ~/.cache/pixmapcache-scan.
std::string defaultCacheDirectory();

/// "500M", "2G", "1048576": a size in bytes, or nothing when the text is none.
std::optional<uint64_t> parseCacheSize(llvm::StringRef Text);

class ResultCache {
public:
  /// The cache in `Directory` (created when missing), bounded by `MaxBytes`; the error says
  /// why it cannot be used.
  static llvm::Expected<ResultCache> open(llvm::StringRef Directory, uint64_t MaxBytes);

  /// What the result of `File` depends on besides the files it reads: the scanner's build,
  /// the source's content, the unit's commands in `Database`, its configuration `Effective`,
  /// and `ScanWide` (the flags that apply to every unit and are not in the configuration).
  static std::string keyOf(const clang::tooling::CompilationDatabase &Database,
                           llvm::StringRef File, const clang::tidy::ClangTidyOptions &Effective,
                           llvm::StringRef ScanWide);

  /// The result stored under `Key`, if everything it read is still as it was.
  std::optional<UnitResult> lookup(llvm::StringRef Key) const;

  /// Stores `Result` under `Key` with what the unit read, unless one of those files changed
  /// after `ScanStartedNs` (nanoseconds since the epoch): the result may not match them then.
  /// Best effort: a cache that cannot be written costs a later miss, never the scan.
  void store(llvm::StringRef Key, const UnitResult &Result, const UnitInputs &Inputs,
             int64_t ScanStartedNs) const;

  /// The files the entry under `Key` says its unit read; nothing without a readable entry.
  std::optional<std::vector<std::string>> inputFiles(llvm::StringRef Key) const;

  struct Usage {
    uint64_t Entries = 0;
    uint64_t Bytes = 0;
  };
  Usage usage() const;
  /// Deletes the entries used least recently until the cache fits its bound.
  void trim() const;
  /// Deletes every entry.
  llvm::Error clear() const;

  const std::string &directory() const { return Directory; }

private:
  ResultCache(std::string Directory, uint64_t MaxBytes)
      : Directory(std::move(Directory)), MaxBytes(MaxBytes) {}
  std::string entryPath(llvm::StringRef Key) const;

  std::string Directory; ///< holds the entries of this cache format only
  uint64_t MaxBytes;
};

} // namespace pixmapcache::scan

#endif
