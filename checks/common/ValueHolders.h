//===- ValueHolders.h - where a followed pointer value is kept ------------===//
#ifndef PIXMAPCACHE_CHECKS_COMMON_VALUEHOLDERS_H
#define PIXMAPCACHE_CHECKS_COMMON_VALUEHOLDERS_H

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"

namespace clang {
class DeclStmt;
class Expr;
class VarDecl;
namespace tidy::pixmapcache {

/// The variables and lvalues that hold one followed pointer value: where it was stored,
/// plus the local copies made of it.
class ValueHolders {
public:
  /// Adds the variable or lvalue `LValue` (a member, element, `*p`) as a holder.
  void add(const Expr *LValue);
  void add(const VarDecl *Var);
  bool holdsVar(const VarDecl *Var) const;

  /// Follows a declaration statement on a path: a pointer variable initialised from the
  /// value becomes a holder. False when it declares a holder anew: a loop came round, and the
  /// variable no longer holds the followed value.
  bool followDeclarations(const DeclStmt *Decls);

  /// Whether `E` reads the followed value (through casts and assignments).
  bool isHeldBy(const Expr *E) const;

  /// Like isHeldBy, and also through pointer arithmetic (`*(p + 1)` dereferences `p`).
  bool isAddressedBy(const Expr *E) const;

private:
  llvm::SmallPtrSet<const VarDecl *, 4> Vars;
  llvm::SmallVector<const Expr *, 2> LValues;
};

} // namespace tidy::pixmapcache
} // namespace clang

#endif
