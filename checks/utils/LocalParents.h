//===- LocalParents.h - parents of nodes in user code ------------------------===//
//
// ASTContext::getParents (and every ancestor matcher: hasParent, hasAncestor, forCallable,
// isInTemplateInstantiation)
// builds, on its first use in a translation unit, the parent map of the whole traversal
// scope. In clang-tidy that is the whole unit, all of Qt's headers included, and it was most
// of what the checks cost per unit in time and memory (docs/benchmarks.md). The checks only
// ever ask about nodes in user code, so this maps only the declarations outside system
// headers, with clang's own ParentMapContext, once per unit. Where the traversal scope is
// already limited (clangd: the main file; pixmapcache-scan: user code) the context's own map
// is used.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_CHECKS_UTILS_LOCALPARENTS_H
#define PIXMAPCACHE_CHECKS_UTILS_LOCALPARENTS_H

#include "clang/AST/ParentMapContext.h"

#include <memory>

namespace clang {
class FunctionDecl;
namespace tidy::pixmapcache {

class LocalParents {
public:
  explicit LocalParents(ASTContext &Context);
  ~LocalParents();

  /// What ASTContext::getParents would say of `Node`, a node in user code.
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
  /// Null where the context's own map already leaves out the system headers.
  std::unique_ptr<ParentMapContext> UserCodeMap;
};

} // namespace tidy::pixmapcache
} // namespace clang

#endif
