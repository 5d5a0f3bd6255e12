//===- FunctionGraphs.h - CFGs of function bodies, built once per TU ------===//
#ifndef PIXMAPCACHE_CHECKS_COMMON_FUNCTIONGRAPHS_H
#define PIXMAPCACHE_CHECKS_COMMON_FUNCTIONGRAPHS_H

#include "ForwardPaths.h"

#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

#include <memory>

namespace clang {
class ASTContext;
class FunctionDecl;
class VarDecl;
namespace tidy::pixmapcache {

/// A function body's CFG, with every sub-expression as an element, and where each statement
/// and local declaration sits in it.
struct FunctionGraph {
  std::unique_ptr<CFG> Graph;
  llvm::DenseSet<const CFGBlock *> Reachable; ///< from the entry
  llvm::DenseMap<const Stmt *, ElementPosition> StmtPositions;
  llvm::DenseMap<const VarDecl *, ElementPosition> DeclPositions;

  /// Whether `S` runs on some path from the entry (false for dead code).
  bool isReachable(const Stmt *S) const {
    return Reachable.contains(StmtPositions.lookup(S).Block);
  }
};

/// Builds each function's graph once. Functions without a body, invalid ones, and half-typed
/// ones (see BrokenCode.h) get none: there is nothing trustworthy to analyse.
class FunctionGraphs {
public:
  explicit FunctionGraphs(ASTContext &Context) : Context(Context) {}

  const FunctionGraph *get(const FunctionDecl *Function);

private:
  ASTContext &Context;
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<FunctionGraph>> Graphs;
};

} // namespace tidy::pixmapcache
} // namespace clang

#endif
