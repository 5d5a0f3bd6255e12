//===- PixmapCacheClangd.cpp - clangd with the pixmapcache-* checks -------===//
//
// Stock clangd cannot load clang-tidy plugins, so this is clangd 19 itself (clangdMain from
// Debian's libclang-19-dev) linked with our check objects, plus two adjustments:
//
//  * clangd runs a clang-tidy check while typing only if it is on its compiled-in list of
//    fast checks (Diagnostics.ClangTidy.FastCheckFilter: Strict), and ours are not on it.
//    The link wraps clang::clangd::isFastTidyCheck so that our checks are known fast: they
//    are (docs/clangd.md has the measurements). Every other check keeps clangd's verdict.
//  * clangd looks for the compiler's resource headers next to its own binary
//    (../lib/clang/<major>). Where that is missing (the build tree, an install prefix without
//    clang) the resource directory of the LLVM we were built against is passed instead.
//
//===----------------------------------------------------------------------===//
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <optional>
#include <string>
#include <vector>

namespace clang::clangd {
int clangdMain(int argc, char *argv[]); // libclangdMain.a; its header is not installed
} // namespace clang::clangd

// clang::clangd::isFastTidyCheck as clangd has it, and our replacement, which the link
// (--wrap) puts in its place for every caller inside clangd.
std::optional<bool> clangdIsFastTidyCheck(llvm::StringRef Check) asm(
    "__real__ZN5clang6clangd15isFastTidyCheckEN4llvm9StringRefE");
std::optional<bool> isFastTidyCheck(llvm::StringRef Check) asm(
    "__wrap__ZN5clang6clangd15isFastTidyCheckEN4llvm9StringRefE");

std::optional<bool> isFastTidyCheck(llvm::StringRef Check) {
  if (Check.starts_with("pixmapcache-"))
    return true;
  return clangdIsFastTidyCheck(Check);
}

namespace {

bool givesResourceDir(int Argc, char **Argv) {
  for (int I = 1; I < Argc; ++I)
    if (llvm::StringRef(Argv[I]).starts_with("--resource-dir") ||
        llvm::StringRef(Argv[I]).starts_with("-resource-dir"))
      return true;
  return false;
}

/// Where stock clangd would look: <dir of the binary>/../lib/clang/<major>.
bool hasResourceDirBesideBinary(const char *Argv0) {
  std::string Executable =
      llvm::sys::fs::getMainExecutable(Argv0, reinterpret_cast<void *>(&givesResourceDir));
  llvm::SmallString<256> Dir(
      llvm::sys::path::parent_path(llvm::sys::path::parent_path(Executable)));
  llvm::sys::path::append(Dir, "lib", "clang", PIXMAPCACHE_LLVM_MAJOR);
  return llvm::sys::fs::is_directory(Dir);
}

} // namespace

int main(int argc, char **argv) {
  std::vector<char *> Args(argv, argv + argc);
  std::string ResourceDirFlag = "--resource-dir=" PIXMAPCACHE_RESOURCE_DIR;
  if (!givesResourceDir(argc, argv) && !hasResourceDirBesideBinary(argv[0]))
    Args.insert(Args.begin() + 1, ResourceDirFlag.data());
  Args.push_back(nullptr);
  return clang::clangd::clangdMain(static_cast<int>(Args.size()) - 1, Args.data());
}
