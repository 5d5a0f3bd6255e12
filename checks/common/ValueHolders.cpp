//===- ValueHolders.cpp ---------------------------------------------------===//
#include "ValueHolders.h"
#include "ExprEquivalence.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::pixmapcache {

void ValueHolders::add(const Expr *LValue) {
  LValue = LValue->IgnoreParenCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(LValue))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl())) {
      add(Var);
      return;
    }
  LValues.push_back(LValue);
}

void ValueHolders::add(const VarDecl *Var) { Vars.insert(Var->getCanonicalDecl()); }

bool ValueHolders::holdsVar(const VarDecl *Var) const {
  return Vars.contains(Var->getCanonicalDecl());
}

bool ValueHolders::followDeclarations(const DeclStmt *Decls) {
  for (const Decl *D : Decls->decls()) {
    const auto *Var = dyn_cast<VarDecl>(D);
    if (!Var)
      continue;
    if (holdsVar(Var))
      return false;
    if (Var->getType()->isPointerType() && Var->getInit() && isHeldBy(Var->getInit()))
      add(Var);
  }
  return true;
}

bool ValueHolders::isHeldBy(const Expr *E) const {
  E = valueSource(E);
  if (!E)
    return false;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
      return holdsVar(Var);
  return llvm::any_of(LValues, [E](const Expr *Held) { return isSameLValue(Held, E); });
}

bool ValueHolders::isAddressedBy(const Expr *E) const {
  E = E->IgnoreParenCasts();
  while (const auto *Arith = dyn_cast<BinaryOperator>(E)) {
    if (!Arith->isAdditiveOp())
      break;
    E = (Arith->getLHS()->getType()->isPointerType() ? Arith->getLHS() : Arith->getRHS())
            ->IgnoreParenCasts();
  }
  return isHeldBy(E);
}

} // namespace clang::tidy::pixmapcache
