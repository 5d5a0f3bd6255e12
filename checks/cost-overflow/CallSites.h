//===- CallSites.h - every call of a function that only its unit can call -===//
//
// A function with internal linkage (`static`, or in an unnamed namespace), or an inline one
// that only the main file declares, can only be named in its own unit, after its first
// declaration. When each of those names is the callee of a
// direct call, the calls' arguments are all the values its parameters can ever have:
// ValueRanges bounds a parameter by them (`helper(pix, xap, xapoints[x] >> 16)` gives `Cxy`
// at most 32767 inside `helper`).
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_CHECKS_COSTOVERFLOW_CALLSITES_H
#define PIXMAPCACHE_CHECKS_COSTOVERFLOW_CALLSITES_H

#include <cstddef>
#include <map>
#include <vector>

namespace clang {
class ASTContext;
class CallExpr;
class Decl;
class FunctionDecl;
namespace tidy::pixmapcache {

/// Whether only its own unit can call `Function`: it has internal linkage, or it is inline
/// and declared only in the main file (a unit that calls an inline function must define it).
bool onlyUnitCanName(const FunctionDecl *Function, const ASTContext &Context);

class CallSites {
public:
  explicit CallSites(ASTContext &Context) : Context(Context) {}

  /// Every call of `Function` in the unit, or null when it may have calls that cannot be
  /// seen: it is not a free, non-template function that only the unit can name, outside
  /// system headers, it is marked `used` (the assembler may call it), or its name is used other
  /// than as a callee (its address is taken, or a call clang could not build names it).
  /// Valid as long as this object.
  const std::vector<const CallExpr *> *allCallsOf(const FunctionDecl *Function);

  struct Uses {
    std::vector<const CallExpr *> Calls;
    bool Unknown = false; ///< some use is not a call that can be seen
  };

private:
  ASTContext &Context;
  /// The unit's declarations, in translation order; filled on the first question.
  std::vector<Decl *> Decls;
  /// Decls[Traversed, end) have been looked at, for the uses of every such function: a
  /// function is only named from its first declaration on, so each question about an
  /// earlier function traverses only the declarations before those already seen.
  std::size_t Traversed = 0;
  std::map<const FunctionDecl *, Uses> Found; ///< by canonical declaration; stable addresses
};

} // namespace tidy::pixmapcache
} // namespace clang

#endif
