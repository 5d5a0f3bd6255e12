//===- LocalParents.h - parents of nodes in user code ------------------------===//
//
// ASTContext::getParents (and every ancestor matcher: hasParent, hasAncestor, forCallable,
// isInTemplateInstantiation, and those inside clang's ExprMutationAnalyzer) builds, on its
// first use in a translation unit, the parent map of the context's traversal scope. In
// clang-tidy that scope is the whole unit, all of Qt's headers included, and the map was
// most of what the checks cost per unit in time and memory (docs/benchmarks.md). The checks
// only ever ask about nodes in user code, so while they run, the scope is the declarations
// outside system headers, as clangd limits it to the main file and pixmapcache-scan to user
// code.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_CHECKS_UTILS_LOCALPARENTS_H
#define PIXMAPCACHE_CHECKS_UTILS_LOCALPARENTS_H

#include "clang/AST/ParentMapContext.h"

#include <memory>
#include <vector>

namespace clang {
class FunctionDecl;
namespace tidy::pixmapcache {

/// The top-level declarations of the unit that are not in system headers.
std::vector<Decl *> userCodeDecls(ASTContext &Context);

class LocalParents {
public:
  /// The one instance for the unit that `Context` holds, shared by the checks on this
  /// thread. Each check must drop its reference at the end of the unit
  /// (onEndOfTranslationUnit): the last one gives the context its whole scope back, before
  /// the consumers after the matchers (the static analyzer) see it.
  static std::shared_ptr<LocalParents> forUnit(ASTContext &Context);

  explicit LocalParents(ASTContext &Context);
  ~LocalParents();
  LocalParents(const LocalParents &) = delete;
  LocalParents &operator=(const LocalParents &) = delete;

  /// What ASTContext::getParents says of `Node`, a node in user code. The checks ask through
  /// the instance they hold, never the context directly: a query made before the instance
  /// limited the scope would build the map of the whole unit.
  DynTypedNodeList of(const DynTypedNode &Node);
  template <typename NodeT> DynTypedNodeList of(const NodeT &Node) {
    return of(DynTypedNode::create(Node));
  }

  /// The function whose body holds `Node`, as the forCallable matcher finds it: a lambda's
  /// call operator inside a lambda; null at namespace scope, in blocks and in Objective-C
  /// methods.
  const FunctionDecl *enclosingCallable(const DynTypedNode &Node);
  template <typename NodeT> const FunctionDecl *enclosingCallable(const NodeT &Node) {
    return enclosingCallable(DynTypedNode::create(Node));
  }

  /// Whether `Node` lies in a template instantiation, as the isInTemplateInstantiation
  /// matcher decides.
  bool isInTemplateInstantiation(const DynTypedNode &Node);
  template <typename NodeT> bool isInTemplateInstantiation(const NodeT &Node) {
    return isInTemplateInstantiation(DynTypedNode::create(Node));
  }

private:
  ASTContext &Context;
  /// Whether the scope was the whole unit and is to be given back.
  bool ScopeLimitedHere = false;
};

} // namespace tidy::pixmapcache
} // namespace clang

#endif
