//===- ContentHash.cpp - the content hashes of files and texts ------------===//
//
// xxh3-128 of a text or of a file's bytes, read as binary so that no line ending is
// translated.
//
//===----------------------------------------------------------------------===//
#include "ContentHash.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/xxhash.h"
#include <optional>
#include <string>

namespace pixmapcache::scan {

std::string contentHash(llvm::StringRef Data) {
  const llvm::XXH128_hash_t Hash = llvm::xxh3_128bits(llvm::arrayRefFromStringRef(Data));
  return llvm::utohexstr(Hash.high64, /*LowerCase=*/true, 16) +
         llvm::utohexstr(Hash.low64, /*LowerCase=*/true, 16);
}

std::optional<std::string> fileContentHash(llvm::StringRef Path) {
  auto Buffer =
      llvm::MemoryBuffer::getFile(Path, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return std::nullopt;
  return contentHash((*Buffer)->getBuffer());
}

} // namespace pixmapcache::scan
