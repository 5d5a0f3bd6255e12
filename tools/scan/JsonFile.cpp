//===- JsonFile.cpp - reading the scanner's JSON inputs -------------------===//
//
// Reads a baseline or a shard file and parses it, with the error messages the command line
// reports for either. The size and the nesting depth are checked before the parser runs: it
// recurses once per level (200,000 `[` overflowed the stack) and needs many times the file's
// size in memory.
//
//===----------------------------------------------------------------------===//
#include "JsonFile.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include <algorithm>
#include <cstdint>

namespace pixmapcache::scan {

namespace {

/// The deepest nesting of `[` and `{` in `Text`, outside strings; stops counting past `Limit`.
unsigned nestingDepth(llvm::StringRef Text, unsigned Limit) {
  unsigned Depth = 0, Deepest = 0;
  bool InString = false;
  for (size_t I = 0; I != Text.size() && Deepest <= Limit; ++I) {
    const char C = Text[I];
    if (InString) {
      if (C == '\\')
        ++I; // the escaped character, `\"` included
      else if (C == '"')
        InString = false;
    } else if (C == '"') {
      InString = true;
    } else if (C == '[' || C == '{') {
      Deepest = std::max(Deepest, ++Depth);
    } else if ((C == ']' || C == '}') && Depth) {
      --Depth;
    }
  }
  return Deepest;
}

} // namespace

llvm::Expected<llvm::json::Value> readJsonFile(const JsonFileKind &Kind, llvm::StringRef Path) {
  auto Fail = [&](const llvm::Twine &Why) {
    return llvm::createStringError(Kind.Name + " '" + Path + "' " + Why);
  };
  uint64_t Size = 0;
  if (!llvm::sys::fs::file_size(Path, Size) && Size > Kind.MaxBytes)
    return Fail("is " + llvm::Twine(Size >> 20) + " MiB: more than the " +
                llvm::Twine(Kind.MaxBytes >> 20) + " MiB a " + Kind.Name +
                " file may have (is it one?)");
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer)
    return llvm::createStringError("cannot read " + Kind.Name + " '" + Path +
                                   "': " + Buffer.getError().message());
  if (nestingDepth((*Buffer)->getBuffer(), Kind.MaxDepth) > Kind.MaxDepth)
    return Fail("is nested more than " + llvm::Twine(Kind.MaxDepth) +
                " levels deep: it is no file the scanner wrote");
  auto Doc = llvm::json::parse((*Buffer)->getBuffer());
  if (!Doc)
    return Fail("is not JSON: " + llvm::toString(Doc.takeError()));
  return Doc;
}

} // namespace pixmapcache::scan
