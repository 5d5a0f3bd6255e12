//===- LibraryCode.h - whether code is a library's or the user's ----------===//
//
// The checks analyse the user's code and take the libraries it uses (Qt, the standard
// library) as API whose behaviour they know. Builds pass Qt's headers in three ways: as system
// headers (CMake's imported Qt targets, -isystem), as plain include directories (qmake and many
// hand-written builds, -I), and in Qt's own build from include directories whose headers only
// include the real ones in Qt's source tree. Qt's headers are known here by the include
// directory they are found in, a Qt module's (QtGui/), so that every check gives the same
// findings in all three.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_CHECKS_COMMON_LIBRARYCODE_H
#define PIXMAPCACHE_CHECKS_COMMON_LIBRARYCODE_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclBase.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/ASTMatchers/ASTMatchersMacros.h"
#include "clang/Basic/SourceLocation.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringRef.h"

namespace clang::tidy::pixmapcache {

/// Whether `Path` is one of the headers of an installed Qt: `q*.h` in a module's include
/// directory (`QtGui/qpixmap.h`), its private or platform headers
/// (`QtGui/6.4.2/QtGui/private/qpixmap_p.h`), or a framework's (`QtGui.framework/Headers/`).
bool isInstalledQtHeader(llvm::StringRef Path);

/// Whether the file `Loc` is expanded in is a library's: a system header, a header in a Qt
/// module's include directory, or a header such a header includes first (Qt's own build).
/// Where a macro was written does not matter, only where it is expanded.
bool isInLibraryCode(const SourceManager &SM, SourceLocation Loc);

/// Whether `D` is declared in a library's code (at its location's expansion).
bool isDeclaredInLibrary(const Decl *D);

/// Matches nodes expanded in a library's code: isExpansionInSystemHeader() that also knows
/// Qt's headers on -I.
AST_POLYMORPHIC_MATCHER(isExpansionInLibraryCode,
                        AST_POLYMORPHIC_SUPPORTED_TYPES(Decl, Stmt, TypeLoc)) {
  return isInLibraryCode(Finder->getASTContext().getSourceManager(), Node.getBeginLoc());
}

} // namespace clang::tidy::pixmapcache

#endif
