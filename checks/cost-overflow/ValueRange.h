//===- ValueRange.h - integer value ranges from types, constants and guards ===//
//
// Whether an integer product can overflow depends on the values that reach it: `quint8 *
// quint8` cannot overflow `int`, `w * h * 4` cannot either after `if (w > 8192 || h > 8192)
// return;`. This analysis gives every integer expression an interval from its type, integer
// constants, simple arithmetic, and the guards of the same function that dominate the point
// of use in the control-flow graph (a comparison with a constant, a product compared with a
// constant, `qMulOverflow`/`__builtin_mul_overflow`/`ckd_mul` that reported no overflow).
// Guards count only for values that cannot change between the guard and the use: local
// variables and parameters, fields of `this` and of such variables, and const accessors
// without arguments called on such variables or on `this`. A variable that the function
// modifies counts when no write of it lies between the guard and the use (on a path that does
// not pass the guard again) and its address never escapes; a class's `operator=` and a read
// from a stream (`stream >> width`) are writes, not escapes.
// A local variable, or a field of one, that is assigned on every path to the use also gets the
// union of the values assigned (`channels = hasAlpha ? 4 : 3;`, or 3 in one branch and 4 in the
// other), unless something else may change it on the way: an increment, a compound
// assignment, its address or a non-const reference taken. A parameter that is never modified,
// of a function that only its unit can call (CallSites.h), gets the union of the values its
// callers pass, each bounded in its caller the same way, up to a few calls deep.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_CHECKS_COSTOVERFLOW_VALUERANGE_H
#define PIXMAPCACHE_CHECKS_COSTOVERFLOW_VALUERANGE_H

#include "clang/AST/Type.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include <memory>
#include <optional>
#include <vector>

namespace clang {
class ASTContext;
class Decl;
class Expr;
class FunctionDecl;
class ParmVarDecl;
class Stmt;
namespace tidy::pixmapcache {

class CallSites;
class FunctionGraphs;

/// A closed interval of integers. The bounds saturate far outside any 64-bit type, so a
/// saturated interval never fits a C++ integer type.
struct IntRange {
  __int128 Lo;
  __int128 Hi;

  /// All values of integer (or enumeration, or bool) type `T`; nullopt for other types.
  static std::optional<IntRange> ofType(QualType T, const ASTContext &Context);
  static IntRange point(__int128 V) { return {V, V}; }

  bool fitsIn(QualType T, const ASTContext &Context) const;
  /// The common part; `*this` unchanged when the two do not overlap (contradictory facts
  /// come from dead code, where any answer is fine).
  IntRange intersect(IntRange Other) const;
  IntRange unite(IntRange Other) const;
};

IntRange multiply(IntRange A, IntRange B);

/// A value that a guard can bound and that keeps its value until the use (see above).
struct ValueSubject {
  const Decl *Object = nullptr; ///< the variable, or null for `this`
  const Decl *Member = nullptr; ///< the field or accessor, or null for the variable itself
  bool operator==(const ValueSubject &Other) const {
    return Object == Other.Object && Member == Other.Member;
  }
};

/// What is known at a point: the product of `Factors` (usually one) lies in `Range`, by a
/// dominating guard or by the assignments that reach the point.
struct GuardBound {
  llvm::SmallVector<ValueSubject, 2> Factors;
  IntRange Range;
};

class LocalParents;

class ValueRanges {
public:
  /// `Parents` keeps the context's parent map, which clang's ExprMutationAnalyzer asks,
  /// small (LocalParents::contextCovering); `Calls` finds the callers of unit-local functions.
  ValueRanges(ASTContext &Context, LocalParents &Parents, CallSites &Calls);
  ~ValueRanges();

  /// The subject `E` designates (through parentheses and casts), if any.
  static std::optional<ValueSubject> subjectOf(const Expr *E);

  /// Whether `Var` keeps its value throughout `Function`: it is never assigned, incremented,
  /// or passed by non-const reference or pointer.
  bool isUnchanged(const FunctionDecl *Function, const Decl *Var);

  /// What is known at `At` in `Function`: the bounds that dominating guards put on
  /// unchanging values, those that the assignments reaching `At` put on the `Operands`
  /// that are local variables or fields of local variables, and those that the callers put
  /// on the `Operands` that are parameters (see above).
  std::vector<GuardBound> boundsAt(const FunctionDecl *Function, const Stmt *At,
                                   llvm::ArrayRef<const Expr *> Operands) {
    return boundsAt(Function, At, Operands, 0);
  }

  /// The interval of `E` given `Bounds`. `NonNegative` tells which values the caller takes
  /// to be non-negative (sizes); it sees the expressions without parentheses and casts.
  IntRange rangeOf(const Expr *E, llvm::ArrayRef<GuardBound> Bounds,
                   llvm::function_ref<bool(const Expr *)> NonNegative) const;

  /// Whether evaluating `Operands[0] * Operands[1] * ...` left to right in `T` may overflow
  /// in some step, given `Bounds`.
  bool productMayOverflow(llvm::ArrayRef<const Expr *> Operands, QualType T,
                          llvm::ArrayRef<GuardBound> Bounds,
                          llvm::function_ref<bool(const Expr *)> NonNegative) const;

  struct FunctionInfo;

private:
  FunctionInfo *infoFor(const FunctionDecl *Function);
  /// `CallDepth`: how many calls up from the first question this one is.
  std::vector<GuardBound> boundsAt(const FunctionDecl *Function, const Stmt *At,
                                   llvm::ArrayRef<const Expr *> Operands, unsigned CallDepth);
  std::optional<IntRange> passedRange(const ParmVarDecl *Parameter, unsigned CallDepth);
  std::vector<GuardBound> guardBoundsAt(FunctionInfo &Info, const Stmt *At,
                                       llvm::ArrayRef<const Expr *> Operands);
  std::optional<IntRange> assignedRange(FunctionInfo &Info, const Stmt *At,
                                        const ValueSubject &Subject);

  ASTContext &Context;
  LocalParents &Parents;
  std::unique_ptr<FunctionGraphs> Graphs;
  CallSites &Calls;
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<FunctionInfo>> Functions;
  /// passedRange's answers for the first question's parameters (CallDepth 0), which do not
  /// depend on where the question came from.
  llvm::DenseMap<const ParmVarDecl *, std::optional<IntRange>> PassedRanges;
  /// The parameters whose callers are being looked at: a recursive call gives no bound.
  llvm::SmallPtrSet<const ParmVarDecl *, 4> PassedInProgress;
};

} // namespace tidy::pixmapcache
} // namespace clang

#endif
