//===- VariableReferences.h - every reference to a local variable ----------===//
//
// ValueOrigins and ValueRanges both look at each place a function names a variable, to find
// what is written into it.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_CHECKS_COSTOVERFLOW_VARIABLEREFERENCES_H
#define PIXMAPCACHE_CHECKS_COSTOVERFLOW_VARIABLEREFERENCES_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::pixmapcache {

/// The references to `Var` (a canonical declaration) in `Body`.
inline llvm::SmallVector<const DeclRefExpr *, 8> referencesTo(const VarDecl *Var,
                                                              const Stmt *Body) {
  llvm::SmallVector<const DeclRefExpr *, 8> Found;
  llvm::SmallVector<const Stmt *, 64> Work{Body};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    for (const Stmt *Child : S->children())
      if (Child)
        Work.push_back(Child);
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S);
        Ref && Ref->getDecl()->getCanonicalDecl() == Var)
      Found.push_back(Ref);
  }
  return Found;
}

} // namespace clang::tidy::pixmapcache

#endif
