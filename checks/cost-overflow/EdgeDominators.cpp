//===- EdgeDominators.cpp - the CFG edges every path to a block passes ----===//
//
// The nodes are the blocks (by BlockID) and one node per given edge, inserted between the
// edge's block and its successor. Dominators by the iterative algorithm of Cooper, Harvey and
// Kennedy ("A Simple, Fast Dominance Algorithm"), over the reverse postorder from the entry.
//
//===----------------------------------------------------------------------===//
#include "EdgeDominators.h"

#include "clang/Analysis/CFG.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

namespace clang::tidy::pixmapcache {

EdgeDominators::EdgeDominators(const CFG &Graph, llvm::ArrayRef<CFGEdge> Edges) {
  const unsigned Blocks = Graph.getNumBlockIDs();
  const unsigned Nodes = Blocks + Edges.size();
  EdgeOfNode.assign(Nodes, None);
  llvm::DenseMap<CFGEdge, unsigned> NodeOfEdge;
  for (unsigned I = 0; I != Edges.size(); ++I) {
    NodeOfEdge[Edges[I]] = Blocks + I;
    EdgeOfNode[Blocks + I] = I;
  }
  std::vector<std::vector<int>> Succs(Nodes), Preds(Nodes);
  auto Link = [&](int From, int To) {
    Succs[From].push_back(To);
    Preds[To].push_back(From);
  };
  for (const CFGBlock *Block : Graph) {
    unsigned Index = 0;
    for (const CFGBlock::AdjacentBlock &Succ : Block->succs()) {
      if (const CFGBlock *Next = Succ.getReachableBlock()) {
        if (auto Split = NodeOfEdge.find({Block, Index}); Split != NodeOfEdge.end()) {
          Link(Block->getBlockID(), Split->second);
          Link(Split->second, Next->getBlockID());
        } else {
          Link(Block->getBlockID(), Next->getBlockID());
        }
      }
      ++Index;
    }
  }

  // Reverse postorder from the entry, by an explicit stack: functions may be very long.
  const int Entry = Graph.getEntry().getBlockID();
  std::vector<int> Order, Position(Nodes, None);
  std::vector<bool> Visited(Nodes, false);
  std::vector<std::pair<int, unsigned>> Stack{{Entry, 0}};
  Visited[Entry] = true;
  while (!Stack.empty()) {
    auto &[Node, Next] = Stack.back();
    if (Next < Succs[Node].size()) {
      const int Succ = Succs[Node][Next++];
      if (!Visited[Succ]) {
        Visited[Succ] = true;
        Stack.push_back({Succ, 0});
      }
      continue;
    }
    Order.push_back(Node);
    Stack.pop_back();
  }
  std::reverse(Order.begin(), Order.end());
  for (unsigned I = 0; I != Order.size(); ++I)
    Position[Order[I]] = I;

  Idom.assign(Nodes, None);
  Idom[Entry] = Entry;
  auto Intersect = [&](int A, int B) {
    while (A != B) {
      while (Position[A] > Position[B])
        A = Idom[A];
      while (Position[B] > Position[A])
        B = Idom[B];
    }
    return A;
  };
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (int Node : Order) {
      if (Node == Entry)
        continue;
      int New = None;
      for (int Pred : Preds[Node])
        if (Idom[Pred] != None)
          New = New == None ? Pred : Intersect(Pred, New);
      if (New != Idom[Node]) {
        Idom[Node] = New;
        Changed = true;
      }
    }
  }
}

std::optional<std::vector<unsigned>> EdgeDominators::dominating(const CFGBlock &Target) const {
  int Node = Target.getBlockID();
  if (Node >= static_cast<int>(Idom.size()) || Idom[Node] == None)
    return std::nullopt;
  std::vector<unsigned> Found;
  while (Idom[Node] != Node) {
    Node = Idom[Node];
    if (EdgeOfNode[Node] != None)
      Found.push_back(EdgeOfNode[Node]);
  }
  return Found;
}

} // namespace clang::tidy::pixmapcache
