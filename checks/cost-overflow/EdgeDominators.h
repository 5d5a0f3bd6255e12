//===- EdgeDominators.h - the CFG edges every path to a block passes ------===//
//
// A guard `if (w <= 4096)` bounds `w` where every path from the function's entry passes its
// edge. Asking that by a walk of the graph for each guard and each product is cubic in a long
// function of guarded products; the dominator tree of the graph, with each guard edge split
// by a node of its own, answers it for every block at once. Defined in EdgeDominators.cpp.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_CHECKS_COSTOVERFLOW_EDGEDOMINATORS_H
#define PIXMAPCACHE_CHECKS_COSTOVERFLOW_EDGEDOMINATORS_H

#include "clang/Analysis/CFG.h"
#include "llvm/ADT/ArrayRef.h"
#include <optional>
#include <utility>
#include <vector>

namespace clang::tidy::pixmapcache {

/// An edge of a CFG: a block and the index of one of its successors.
using CFGEdge = std::pair<const CFGBlock *, unsigned>;

class EdgeDominators {
public:
  /// Over the successors that are reachable blocks (CFGBlock::AdjacentBlock), from the entry.
  EdgeDominators(const CFG &Graph, llvm::ArrayRef<CFGEdge> Edges);

  /// The indices into the constructor's `Edges` of those that every path from the entry to
  /// `Target` passes, innermost first; std::nullopt where no path reaches `Target`, which every
  /// edge dominates.
  std::optional<std::vector<unsigned>> dominating(const CFGBlock &Target) const;

private:
  static constexpr int None = -1;
  std::vector<int> Idom;       ///< by node: its immediate dominator; None where unreachable
  std::vector<int> EdgeOfNode; ///< by node: the index of the edge it splits, or None
};

} // namespace clang::tidy::pixmapcache

#endif
