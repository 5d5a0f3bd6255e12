//===- CallSites.h - every call of a function that only its unit can call -===//
//
// A function with internal linkage (`static`, or in an unnamed namespace) can only be named
// in its own unit, after its first declaration. When each of those names is the callee of a
// direct call, the calls' arguments are all the values its parameters can ever have:
// ValueRanges bounds a parameter by them (`helper(pix, xap, xapoints[x] >> 16)` gives `Cxy`
// at most 32767 inside `helper`).
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_CHECKS_UTILS_CALLSITES_H
#define PIXMAPCACHE_CHECKS_UTILS_CALLSITES_H

#include "llvm/ADT/DenseMap.h"

#include <optional>
#include <vector>

namespace clang {
class ASTContext;
class CallExpr;
class FunctionDecl;
namespace tidy::pixmapcache {

class CallSites {
public:
  explicit CallSites(ASTContext &Context) : Context(Context) {}

  /// Every call of `Function` in the unit, or null when it may have calls that cannot be
  /// seen: it is not a free, non-template function with internal linkage outside system
  /// headers, it is marked `used` (the assembler may call it), or its name is used other
  /// than as a callee (its address is taken).
  const std::vector<const CallExpr *> *allCallsOf(const FunctionDecl *Function);

private:
  std::optional<std::vector<const CallExpr *>> findCalls(const FunctionDecl *Function);

  ASTContext &Context;
  llvm::DenseMap<const FunctionDecl *, std::optional<std::vector<const CallExpr *>>> Known;
};

} // namespace tidy::pixmapcache
} // namespace clang

#endif
