//===- LibraryCode.cpp - whether code is a library's or the user's --------===//
#include "common/LibraryCode.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclBase.h"
#include "clang/Basic/FileEntry.h"
#include "clang/Basic/SourceLocation.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Path.h"

namespace clang::tidy::pixmapcache {
namespace {

/// `QtCore`, `QtGui`, `QtWidgets`...: the name of a Qt module's include directory.
bool isQtModuleName(llvm::StringRef Name) {
  Name.consume_back(".framework");
  return Name.size() > 2 && Name.starts_with("Qt") && llvm::isUpper(Name[2]) &&
         llvm::all_of(Name, llvm::isAlnum);
}

} // namespace

bool isInstalledQtHeader(llvm::StringRef Path) {
  // The path's last components, the file's name first.
  llvm::SmallVector<llvm::StringRef, 6> Up;
  for (auto It = llvm::sys::path::rbegin(Path), End = llvm::sys::path::rend(Path);
       It != End && Up.size() != Up.capacity(); ++It)
    Up.push_back(*It);
  if (Up.size() < 2 || !Up[0].starts_with("q") || !Up[0].ends_with(".h"))
    return false;
  // QtGui/qpixmap.h
  if (isQtModuleName(Up[1]))
    return true;
  // QtGui/6.4.2/QtGui/private/qpixmap_p.h, and qpa/, rhi/...
  if (Up.size() >= 5 && isQtModuleName(Up[2]) && llvm::isDigit(Up[3].front()) &&
      isQtModuleName(Up[4]))
    return true;
  // QtGui.framework/Headers/qpixmap.h, and its 6.4.2/QtGui/private/
  return llvm::any_of(llvm::ArrayRef(Up).drop_front(2), [](llvm::StringRef Name) {
    return Name.ends_with(".framework") && isQtModuleName(Name);
  });
}

namespace {

/// isInstalledQtHeader(Path), looked at once per path and thread: the same headers come up in
/// every unit and at every node of theirs.
bool isKnownQtHeader(llvm::StringRef Path) {
  thread_local llvm::StringMap<bool> Known;
  const auto [It, Inserted] = Known.try_emplace(Path);
  if (Inserted)
    It->second = isInstalledQtHeader(Path);
  return It->second;
}

bool isQtHeader(const SourceManager &SM, FileID File) {
  const OptionalFileEntryRef Entry = SM.getFileEntryRefForID(File);
  return Entry && isKnownQtHeader(Entry->getName());
}

} // namespace

bool isInLibraryCode(const SourceManager &SM, SourceLocation Loc) {
  if (Loc.isInvalid())
    return false;
  if (SM.isInSystemHeader(Loc))
    return true;
  const FileID File = SM.getFileID(SM.getExpansionLoc(Loc));
  if (File == SM.getMainFileID())
    return false;
  if (isQtHeader(SM, File))
    return true;
  // Qt's own build finds <QtGui/qpixmap.h> in a generated include/QtGui/ whose header only
  // includes the real one from src/gui/: that one is Qt's API too. A header of Qt's that its
  // source file includes by a relative path ("qpixmap.h") stays that unit's own code.
  const SourceLocation IncludedAt = SM.getIncludeLoc(File);
  return IncludedAt.isValid() && isQtHeader(SM, SM.getFileID(IncludedAt));
}

bool isDeclaredInLibrary(const Decl *D) {
  return isInLibraryCode(D->getASTContext().getSourceManager(), D->getLocation());
}

} // namespace clang::tidy::pixmapcache
