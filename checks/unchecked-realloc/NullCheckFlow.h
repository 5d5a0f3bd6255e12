//===- NullCheckFlow.h - follow a maybe-null pointer to its first unchecked use ===//
//
// Allocation results (`realloc`) and similar pointers must be compared with null before they
// are used. This analysis follows such a pointer through the control-flow graph of one
// function: branches on the pointer's null-ness, early returns, `throw`, `[[noreturn]]` calls
// and checking helpers end the dangerous paths; dereferences, indexing, member access and
// memory functions reached before that are unchecked uses. Every basic block is visited at
// most once per question, and CFGs and callee summaries are memoised, so the cost stays
// linear in the size of the function.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_CHECKS_UNCHECKEDREALLOC_NULLCHECKFLOW_H
#define PIXMAPCACHE_CHECKS_UNCHECKEDREALLOC_NULLCHECKFLOW_H

#include "llvm/ADT/DenseMap.h"
#include <memory>
#include <optional>
#include <utility>

namespace clang {
class ASTContext;
class BinaryOperator;
class Expr;
class FunctionDecl;
class Stmt;
class VarDecl;
namespace tidy::pixmapcache {

class FunctionGraphs;

enum class UncheckedUseKind {
  Dereference,            ///< `*p`
  Subscript,              ///< `p[i]`
  MemberAccess,           ///< `p->m`
  MemoryFunctionArgument, ///< `memcpy(p, ...)`
  OwnerOverwrite,         ///< stored into the pointer it was reallocated from
};

struct UncheckedUse {
  UncheckedUseKind Kind;
  const Expr *Use;                              ///< where the pointer is used
  const Expr *Pointer;                          ///< the pointer as written at the use
  const FunctionDecl *MemoryFunction = nullptr; ///< for MemoryFunctionArgument
};

/// What following a stored pointer found.
struct PointerFlow {
  std::optional<UncheckedUse> FirstUse; ///< the earliest unchecked use in source order
  /// Every path on which the pointer may be null ends the program (a [[noreturn]] call that
  /// cannot throw, such as abort()) before anything else happens to it. Not set when a path
  /// throws: a caught exception lets the program go on.
  bool EveryNullPathAborts = false;
};

/// How a function treats one of its pointer parameters, read from its body.
struct PointerParamSummary {
  bool ReturnsParam = false; ///< every `return` returns the parameter itself
  bool ChecksParam = false;  ///< the function never returns normally while it is null
};

class NullCheckFlow {
public:
  /// \p AssertIsCheck: whether `assert`/`Q_ASSERT` (when they expand to a check at all, that
  /// is without NDEBUG/QT_NO_DEBUG) count as null checks.
  NullCheckFlow(ASTContext &Context, bool AssertIsCheck);
  ~NullCheckFlow();

  /// Whether `S` runs on some path from the entry of `Function` (false for dead code, and
  /// for bodies too broken to analyse).
  bool isReachable(const FunctionDecl *Function, const Stmt *S);

  /// Follows the pointer that `Assign` stores into its left-hand side through `Function`.
  /// \p Owner, if not null, is the lvalue the pointer was reallocated from: storing the
  /// unchecked value into it is a use.
  PointerFlow followAssignment(const FunctionDecl *Function, const BinaryOperator *Assign,
                               const Expr *Owner);
  /// The same for the pointer that initialises `Var`.
  PointerFlow followInitialization(const FunctionDecl *Function, const VarDecl *Var,
                                   const Expr *Owner);

  /// Whether the current value of `Pointer` is copied into another variable before `Before`
  /// in `Function` (so that a later overwrite of `Pointer` does not lose it).
  bool isCopiedBefore(const FunctionDecl *Function, const Expr *Pointer, const Expr *Before);

  PointerParamSummary summarize(const FunctionDecl *Callee, unsigned Param);

  /// Functions that read or write through their pointer arguments (memcpy, strlen, ...).
  static bool isMemoryFunction(const FunctionDecl *Function);

private:
  ASTContext &Context;
  const bool AssertIsCheck;
  std::unique_ptr<FunctionGraphs> Graphs;
  llvm::DenseMap<std::pair<const FunctionDecl *, unsigned>, PointerParamSummary> Summaries;

  friend class PathWalker;
};

} // namespace tidy::pixmapcache
} // namespace clang

#endif
