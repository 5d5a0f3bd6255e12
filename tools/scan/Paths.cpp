//===- Paths.cpp - file names as the scanner keeps and shows them ---------===//
//
// Absolute, normalised paths for the units and the source root; paths relative to the
// source root for the reports and the fingerprints.
//
//===----------------------------------------------------------------------===//
#include "Paths.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <string>

namespace pixmapcache::scan {

std::string absolutePath(llvm::StringRef Path) {
  llvm::SmallString<256> Abs(Path);
  llvm::sys::fs::make_absolute(Abs);
  llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
  return std::string(Abs);
}

std::string displayPath(llvm::StringRef File, llvm::StringRef SourceRoot) {
  llvm::StringRef Rest = File;
  if (!SourceRoot.empty() && Rest.consume_front(SourceRoot) &&
      (SourceRoot.ends_with("/") || Rest.consume_front("/")))
    return Rest.str();
  return File.str();
}

std::string relativePath(llvm::StringRef Target, llvm::StringRef From) {
  auto T = llvm::sys::path::begin(Target), TEnd = llvm::sys::path::end(Target);
  auto F = llvm::sys::path::begin(From), FEnd = llvm::sys::path::end(From);
  while (T != TEnd && F != FEnd && *T == *F)
    ++T, ++F;
  llvm::SmallString<256> Relative;
  for (; F != FEnd; ++F)
    llvm::sys::path::append(Relative, "..");
  for (; T != TEnd; ++T)
    llvm::sys::path::append(Relative, *T);
  return Relative.empty() ? "." : std::string(Relative);
}

} // namespace pixmapcache::scan
