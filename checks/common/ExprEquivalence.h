//===- ExprEquivalence.h - do two expressions name the same object? -------===//
#ifndef PIXMAPCACHE_CHECKS_COMMON_EXPREQUIVALENCE_H
#define PIXMAPCACHE_CHECKS_COMMON_EXPREQUIVALENCE_H

namespace clang {
class Expr;
namespace tidy::pixmapcache {

/// Whether `A` and `B` designate the same object when evaluated at the same point: the same
/// variable, the same member of the same object (`keyArray` and `this->keyArray` agree), the
/// same element at an equal constant or the same variable index, the same `*p`. Parentheses
/// and casts are looked through. Anything that could differ between two evaluations (calls,
/// increments) makes the answer false.
bool isSameLValue(const Expr *A, const Expr *B);

/// `E` without parentheses and casts, and for an assignment its left-hand side (the value of
/// `(t = realloc(p, n))` is `t`): what a condition or a use really looks at.
const Expr *valueSource(const Expr *E);

} // namespace tidy::pixmapcache
} // namespace clang

#endif
