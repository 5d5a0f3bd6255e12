//===- RefCounting.h - hand-written reference counts: updates, tests, summaries ===//
//
// Code that counts references by hand spells the same few operations many ways: `--d->ref`,
// `d->ref--`, `d->ref -= 1`, `d->ref.deref()` (QAtomicInt), `ref.fetch_sub(1)` (std::atomic),
// `ref.fetchAndSubOrdered(1)`, `__atomic_sub_fetch(&ref, 1, ...)`, and tests whether a
// decrement reached zero as `!--ref`, `--ref == 0`, `ref-- == 1`, `!ref.deref()`,
// `fetch_sub(1) == 1`. This file recognises those spellings and summarises, per function of a
// translation unit, which counters it increments and decrements, following calls into
// functions defined in the translation unit.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_CHECKS_MANUALREFCOUNT_REFCOUNTING_H
#define PIXMAPCACHE_CHECKS_MANUALREFCOUNT_REFCOUNTING_H

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>

namespace clang {
class ASTContext;
class CXXRecordDecl;
class Expr;
class FunctionDecl;
class IdentifierInfo;
class ValueDecl;
namespace tidy::pixmapcache {

/// Which counter an update or test names: its declaration (`KeyData::ref`), or in template
/// code whose member is not resolved yet, its name.
struct Counter {
  const ValueDecl *Decl = nullptr;
  const IdentifierInfo *Name = nullptr;

  /// The same declaration, or the same name where one side is unresolved.
  bool matches(const Counter &Other) const;
  std::string displayName() const;
  const void *key() const;
};

/// The counter that the lvalue `E` designates (`d->ref`, `ref`, `*count`, `block[0]`).
std::optional<Counter> counterOf(const Expr *E);

/// The pointer (or `this`) whose pointee holds the counter `CounterLValue`: `d` for
/// `d->ref` and `d->ref.value`, `this` for `ref`, `count` for `*count`; null for a variable.
const Expr *counterHolder(const Expr *CounterLValue);

enum class CountOp { Increment, Decrement };

/// What the value of an update expression says about the count.
enum class UpdateValue {
  NewValue,        ///< the count after the update (`--ref`, `ref -= 1`, `__atomic_sub_fetch`)
  OldValue,        ///< the count before it (`ref--`, `fetch_sub(1)`, `fetchAndSubOrdered(1)`)
  StillReferenced, ///< true while the count is not zero (`ref()`, `deref()` of QAtomicInt)
};

struct CounterUpdate {
  CountOp Op;
  const Expr *Counter; ///< the counter lvalue
  UpdateValue Value;
};

/// `E` as an increment or decrement by one of a counter, in any of the spellings above.
std::optional<CounterUpdate> counterUpdate(const Expr *E, const ASTContext &Context);

/// A condition that holds exactly when a decrement took a counter to zero.
struct ReleaseTest {
  const Expr *Counter;   ///< the counter lvalue
  const Expr *Decrement; ///< the decrement (for the two-statement form, the earlier statement)
};

/// Whether `Cond` being \p WhenTrue implies that a counter decrement reached zero: `!--ref`,
/// `--ref == 0`, `ref-- <= 1`, `!ref.deref()`, `fetch_sub(1) == 1` for true; `--ref`,
/// `ref.deref()`, `--ref > 0` for false; through `!`, `&&` (true), `||` (false) and local
/// variables holding such a test. \p PrecedingStatement, the statement just before the
/// condition's `if`, makes `--ref; if (ref == 0)` count as well.
std::optional<ReleaseTest> releaseTest(const Expr *Cond, bool WhenTrue,
                                       const Expr *PrecedingStatement, const ASTContext &Context);

/// How a function updates one counter, its calls into functions of the translation unit
/// followed.
struct CountSummary {
  bool Increments = false;
  bool Decrements = false;
  /// The first update in source order is a decrement.
  bool DecrementsFirst = false;
  /// Where the first decrement happens in this function (the update or the call to it).
  const Expr *FirstDecrement = nullptr;
  /// It calls a function of the handle or data class, or one taking them, whose body is not
  /// in the translation unit: that function may update the counter.
  bool CallsUnknown = false;
};

/// The counter updates and calls of every function defined outside system headers in one
/// translation unit, built once and queried by summaries.
class RefCountIndex {
public:
  explicit RefCountIndex(ASTContext &Context);
  ~RefCountIndex();

  /// How `Function` updates `C`. Calls to undefined functions count as unknown when they are
  /// members of `Related` records or take them by pointer or reference.
  CountSummary summarize(const FunctionDecl *Function, const Counter &C,
                         llvm::ArrayRef<const CXXRecordDecl *> Related);

  /// Whether any function of the translation unit increments `C`.
  bool isIncrementedAnywhere(const Counter &C) const;

  /// Whether `Function` takes a lock (QMutexLocker, std::lock_guard, `mutex.lock()`, ...), so
  /// that a plain counter it updates is protected.
  bool takesLock(const FunctionDecl *Function) const;

  struct FunctionEvents;

private:
  CountSummary summarize(const FunctionDecl *Function, const Counter &C,
                         llvm::ArrayRef<const CXXRecordDecl *> Related,
                         llvm::DenseSet<const FunctionDecl *> &Visiting);

  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<FunctionEvents>> Functions;
  llvm::SmallVector<Counter, 16> Incremented;
  // Keyed by the first related record too: what counts as an unknown call depends on it.
  std::map<std::tuple<const FunctionDecl *, const void *, const CXXRecordDecl *>, CountSummary>
      Summaries;
};

} // namespace tidy::pixmapcache
} // namespace clang

#endif
