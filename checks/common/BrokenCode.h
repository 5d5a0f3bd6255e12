//===- BrokenCode.h - is this declaration half-typed? ---------------------===//
//
// clangd runs the checks on every keystroke. When a statement does not parse, clang drops it
// from the AST without a trace (`if (!p` loses the whole `if`), and an analysis of what is
// left reports things that are not in the code. Checks skip such declarations.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_CHECKS_COMMON_BROKENCODE_H
#define PIXMAPCACHE_CHECKS_COMMON_BROKENCODE_H

namespace clang {
class ASTContext;
class Decl;
namespace tidy::pixmapcache {

/// Whether `D` lies in a translation unit with errors and its own text has unbalanced
/// parentheses, brackets or braces: the AST then misses statements that the user wrote.
bool isHalfTyped(const Decl *D, const ASTContext &Context);

} // namespace tidy::pixmapcache
} // namespace clang

#endif
