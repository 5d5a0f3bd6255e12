//===- JsonFile.cpp - reading the scanner's JSON inputs -------------------===//
//
// Reads a baseline or a shard file and parses it, with the error messages the command line
// reports for either.
//
//===----------------------------------------------------------------------===//
#include "JsonFile.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

namespace pixmapcache::scan {

llvm::Expected<llvm::json::Value> readJsonFile(llvm::StringRef What, llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer)
    return llvm::createStringError("cannot read " + What + " '" + Path +
                                   "': " + Buffer.getError().message());
  auto Doc = llvm::json::parse((*Buffer)->getBuffer());
  if (!Doc)
    return llvm::createStringError(What + " '" + Path +
                                   "' is not JSON: " + llvm::toString(Doc.takeError()));
  return Doc;
}

} // namespace pixmapcache::scan
