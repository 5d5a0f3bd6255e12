//===- ExprEquivalence.cpp ------------------------------------------------===//
#include "ExprEquivalence.h"

#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/OperationKinds.h"

namespace clang::tidy::pixmapcache {

static bool isSameIndex(const Expr *A, const Expr *B) {
  A = A->IgnoreParenImpCasts();
  B = B->IgnoreParenImpCasts();
  if (const auto *LitA = dyn_cast<IntegerLiteral>(A))
    if (const auto *LitB = dyn_cast<IntegerLiteral>(B))
      return LitA->getValue() == LitB->getValue();
  return isSameLValue(A, B);
}

bool isSameLValue(const Expr *A, const Expr *B) {
  if (!A || !B)
    return false;
  A = A->IgnoreParenCasts();
  B = B->IgnoreParenCasts();

  if (const auto *RefA = dyn_cast<DeclRefExpr>(A)) {
    const auto *RefB = dyn_cast<DeclRefExpr>(B);
    return RefB && RefA->getDecl()->getCanonicalDecl() == RefB->getDecl()->getCanonicalDecl();
  }
  if (const auto *MemA = dyn_cast<MemberExpr>(A)) {
    const auto *MemB = dyn_cast<MemberExpr>(B);
    if (!MemB ||
        MemA->getMemberDecl()->getCanonicalDecl() != MemB->getMemberDecl()->getCanonicalDecl() ||
        MemA->isArrow() != MemB->isArrow())
      return false;
    const Expr *BaseA = MemA->getBase()->IgnoreParenImpCasts();
    const Expr *BaseB = MemB->getBase()->IgnoreParenImpCasts();
    if (isa<CXXThisExpr>(BaseA) && isa<CXXThisExpr>(BaseB))
      return true;
    return isSameLValue(BaseA, BaseB);
  }
  if (const auto *SubA = dyn_cast<ArraySubscriptExpr>(A)) {
    const auto *SubB = dyn_cast<ArraySubscriptExpr>(B);
    return SubB && isSameLValue(SubA->getBase(), SubB->getBase()) &&
           isSameIndex(SubA->getIdx(), SubB->getIdx());
  }
  if (const auto *UnA = dyn_cast<UnaryOperator>(A)) {
    const auto *UnB = dyn_cast<UnaryOperator>(B);
    return UnB && UnA->getOpcode() == UO_Deref && UnB->getOpcode() == UO_Deref &&
           isSameLValue(UnA->getSubExpr(), UnB->getSubExpr());
  }
  return false;
}

const Expr *valueSource(const Expr *E) {
  while (E) {
    E = E->IgnoreParenCasts();
    const auto *Assign = dyn_cast<BinaryOperator>(E);
    if (!Assign || Assign->getOpcode() != BO_Assign)
      return E;
    E = Assign->getLHS();
  }
  return E;
}

} // namespace clang::tidy::pixmapcache
