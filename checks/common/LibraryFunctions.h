//===- LibraryFunctions.h - recognise C, C++ and Qt library functions -----===//
#ifndef PIXMAPCACHE_CHECKS_COMMON_LIBRARYFUNCTIONS_H
#define PIXMAPCACHE_CHECKS_COMMON_LIBRARYFUNCTIONS_H

#include "llvm/ADT/StringRef.h"

namespace clang {
class CXXOperatorCallExpr;
class FunctionDecl;
namespace tidy::pixmapcache {

/// The name of a function declared at global scope or in namespace std (`realloc`,
/// `std::min`, `qMax`), or "" for any other function: the checks know a handful of library
/// functions by name and must not mistake a user's `mylib::realloc` for one.
llvm::StringRef libraryName(const FunctionDecl *Callee);

/// Whether `Call` is `stream >> value` with a member operator of QDataStream, QTextStream or
/// std::istream, or a free one at global scope or in std that takes such a stream first:
/// taken to give `value` a new value and to keep no reference to it.
bool isStreamExtraction(const CXXOperatorCallExpr *Call);

} // namespace tidy::pixmapcache
} // namespace clang

#endif
