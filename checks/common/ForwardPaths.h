//===- ForwardPaths.h - walk a CFG's paths forward from one statement -----===//
//
// The flow questions our checks ask ("is this pointer used before it is checked?", "is this
// object used after the cache may have deleted it?") follow the paths leaving one statement
// while a small per-path state evolves. This walker visits each basic block at most once per
// distinct state, so the cost stays linear in the size of the function times the (few)
// states a client uses.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_CHECKS_COMMON_FORWARDPATHS_H
#define PIXMAPCACHE_CHECKS_COMMON_FORWARDPATHS_H

#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"

#include <cstdint>
#include <optional>
#include <utility>

namespace clang::tidy::pixmapcache {

/// A statement's place in a CFG.
struct ElementPosition {
  const CFGBlock *Block = nullptr;
  unsigned Index = 0;
};

/// Walks the paths of `Graph` forward from element `FirstIndex` of `Start`, in state
/// `Initial`. The client provides:
///   bool visit(const Stmt *S, State &S);       // false ends this path
///   std::optional<State> enter(const CFGBlock *From, unsigned SuccessorIndex,
///                              const State &S); // nullopt prunes this edge
///   void reachedExit(const State &S);
///   std::uintptr_t key(const State &S);        // equal keys: equal states
template <typename State, typename Client>
void walkForwardPaths(const CFG &Graph, const CFGBlock *Start, unsigned FirstIndex, State Initial,
                      Client &Walker) {
  struct Item {
    const CFGBlock *Block;
    unsigned Index;
    State Current;
  };
  llvm::SmallVector<Item, 16> Work{{Start, FirstIndex, std::move(Initial)}};
  llvm::DenseSet<std::pair<const CFGBlock *, std::uintptr_t>> Entered;
  while (!Work.empty()) {
    Item At = Work.pop_back_val();
    if (At.Block == &Graph.getExit()) {
      Walker.reachedExit(At.Current);
      continue;
    }
    bool Continues = true;
    for (unsigned I = At.Index, E = At.Block->size(); Continues && I < E; ++I)
      if (std::optional<CFGStmt> Element = (*At.Block)[I].template getAs<CFGStmt>())
        Continues = Walker.visit(Element->getStmt(), At.Current);
    if (!Continues)
      continue;
    unsigned Index = 0;
    for (const CFGBlock::AdjacentBlock &Succ : At.Block->succs()) {
      if (const CFGBlock *Next = Succ.getReachableBlock())
        if (std::optional<State> NextState = Walker.enter(At.Block, Index, At.Current))
          if (Entered.insert({Next, Walker.key(*NextState)}).second)
            Work.push_back({Next, 0, std::move(*NextState)});
      ++Index;
    }
  }
}

} // namespace clang::tidy::pixmapcache

#endif
