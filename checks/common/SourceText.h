//===- SourceText.h - the code as the user wrote it, for fix-its and notes -===//
#ifndef PIXMAPCACHE_CHECKS_COMMON_SOURCETEXT_H
#define PIXMAPCACHE_CHECKS_COMMON_SOURCETEXT_H

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/StringRef.h"
#include <string>

namespace clang {
class ASTContext;
class Expr;
namespace tidy::pixmapcache {

/// Whether a fix-it may rewrite `Range`: both ends are in a file as written, not in a macro.
bool isPlainFileRange(SourceRange Range);

/// The text of the tokens from `Range`'s first to its last; empty where it cannot be read.
llvm::StringRef tokenText(SourceRange Range, const ASTContext &Context);

/// The text from `Begin` up to, not including, `End`; empty where it cannot be read.
llvm::StringRef textBetween(SourceLocation Begin, SourceLocation End, const ASTContext &Context);

/// The location just past the token that starts at `Loc`.
SourceLocation afterToken(SourceLocation Loc, const ASTContext &Context);

/// `'Text'`: how diagnostics quote a name or a piece of code.
std::string quoted(llvm::StringRef Text);

/// `E` as written, quoted, when it is short enough to read inside a note (one line, at most
/// 40 characters); otherwise `Fallback` ("the pointer").
std::string noteSpelling(const Expr *E, const ASTContext &Context, llvm::StringRef Fallback);

} // namespace tidy::pixmapcache
} // namespace clang

#endif
