//===- FunctionGraphs.cpp -------------------------------------------------===//
#include "FunctionGraphs.h"
#include "BrokenCode.h"
#include "ForwardPaths.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/SmallVector.h"

#include <memory>
#include <utility>

namespace clang::tidy::pixmapcache {

const FunctionGraph *FunctionGraphs::get(const FunctionDecl *Function) {
  auto [It, Inserted] = Graphs.try_emplace(Function);
  if (!Inserted)
    return It->second.get();

  // Half-typed code (clangd runs us on every keystroke) may have no usable body.
  Stmt *Body = Function->getBody();
  if (!Body || Function->isInvalidDecl() || isHalfTyped(Function, Context))
    return nullptr;
  CFG::BuildOptions Options;
  Options.setAllAlwaysAdd();
  std::unique_ptr<CFG> Graph = CFG::buildCFG(Function, Body, &Context, Options);
  if (!Graph)
    return nullptr;

  auto Result = std::make_unique<FunctionGraph>();
  llvm::SmallVector<const CFGBlock *, 32> Work{&Graph->getEntry()};
  Result->Reachable.insert(&Graph->getEntry());
  while (!Work.empty()) {
    const CFGBlock *Block = Work.pop_back_val();
    for (const CFGBlock::AdjacentBlock &Succ : Block->succs())
      if (const CFGBlock *Next = Succ.getReachableBlock())
        if (Result->Reachable.insert(Next).second)
          Work.push_back(Next);
  }
  for (const CFGBlock *Block : *Graph) {
    for (unsigned I = 0, E = Block->size(); I < E; ++I) {
      auto Element = (*Block)[I].getAs<CFGStmt>();
      if (!Element)
        continue;
      const Stmt *S = Element->getStmt();
      Result->StmtPositions.try_emplace(S, ElementPosition{Block, I});
      if (const auto *Decls = dyn_cast<DeclStmt>(S))
        for (const Decl *D : Decls->decls())
          if (const auto *Var = dyn_cast<VarDecl>(D))
            Result->DeclPositions.try_emplace(Var, ElementPosition{Block, I});
    }
  }
  Result->Graph = std::move(Graph);
  It->second = std::move(Result);
  return It->second.get();
}

} // namespace clang::tidy::pixmapcache
