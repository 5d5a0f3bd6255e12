//===- LocalParents.h - parents of nodes in user code ------------------------===//
//
// The checks walk up the AST from the nodes their matchers find: to the enclosing function,
// to where a value ends up. ASTContext::getParents answers that from a map of the context's
// whole traversal scope, which it builds on the first question: in clang-tidy all of the
// unit, Qt's headers included; where the scope is the user's code, all of that. Building it
// was most of what the checks cost per unit (docs/benchmarks.md), although they only ask
// about a few statements in a few functions.
//
// LocalParents maps one declaration at a time instead: the namespace-level declaration
// whose text holds the node asked about (a function, a class with its inline members, a
// template with its instantiations), with the same traversal as clang's map. A node of an
// instantiation that clang visits under its template's first declaration is looked up
// there; any other node that the declaration around its text does not hold is answered
// from a map of all user code. The context's own map is left alone, except by
// contextCovering. PIXMAPCACHE_VERIFY_PARENTS=1 (test/checks/local-parents.test) compares
// every answer with ASTContext::getParents.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_CHECKS_COMMON_LOCALPARENTS_H
#define PIXMAPCACHE_CHECKS_COMMON_LOCALPARENTS_H

#include "clang/AST/ASTTypeTraits.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

#include <memory>
#include <utility>
#include <vector>

namespace clang {
class ASTContext;
class FunctionDecl;
namespace tidy::pixmapcache {

/// The top-level declarations of the unit that are not in system headers.
std::vector<Decl *> userCodeDecls(ASTContext &Context);

/// The parents of a node, as ASTContext::getParents lists them. Valid as long as the
/// LocalParents that gave them.
using ParentNodes = llvm::ArrayRef<DynTypedNode>;

/// Who else asks the AST context for parents while our checks match: decides how
/// LocalParents::contextCovering keeps the context's own parent map small.
enum class ContextSharing {
  /// No check but the pixmapcache-* checks is enabled (pixmapcache-scan, or clang-tidy with
  /// only our checks): the scope can be narrowed to one declaration for a moment.
  ChecksRunAlone,
  /// Other checks share the context and its map.
  WithOtherChecks,
};

/// One per unit, shared by the checks through PerUnit<LocalParents> (common/PerUnit.h), which
/// PixmapCacheCheck holds for them until the end of the unit: the last holder gives the
/// context back its traversal scope if contextSpansUserCode changed it, before the consumers
/// after the matchers (the static analyzer) see it.
class LocalParents {
public:
  LocalParents(ASTContext &Context, ContextSharing Sharing);
  ~LocalParents();
  LocalParents(const LocalParents &) = delete;
  LocalParents &operator=(const LocalParents &) = delete;

  /// What ASTContext::getParents would say of `Node`, a node in user code.
  ParentNodes of(const DynTypedNode &Node);
  template <typename NodeT> ParentNodes of(const NodeT &Node) {
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

  /// Makes the context's own parent map, which clang's analyses ask (ExprMutationAnalyzer's
  /// matchers), cover `Function` at a low cost while the returned object lives:
  /// - where the checks run alone (ContextSharing::ChecksRunAlone), by limiting the
  ///   context's traversal scope to the declaration around `Function`, given back afterwards;
  /// - otherwise, where the scope is the whole unit (clang-tidy), by limiting it to the
  ///   user's code until the end of the unit, so that the map does not span Qt's headers.
  ///   Other checks share the context there: each change of scope drops the map they may
  ///   have built. A scope that is already limited (clangd) stays.
  class ContextScope;
  ContextScope contextCovering(const FunctionDecl &Function);

  /// The parents of the nodes of one or more declarations, as clang's map records them.
  class Map;
  /// Collects the parents as a traversal meets them, then makes a Map.
  class MapBuilder;

private:
  void contextSpansUserCode();
  /// The unit whose text holds `Node` and whose map holds it, if any.
  const Decl *unitHolding(const DynTypedNode &Node);

  /// A namespace-level declaration and where its text lies.
  struct Unit {
    FileID File;
    unsigned Begin, End;
    const Decl *D;
  };

  /// The map of the declaration whose text holds `Node` and that holds `Node` itself, or
  /// of all user code; built on first use.
  const Map &mapHolding(const DynTypedNode &Node);
  const Map &unitMap(const Decl *D);
  const Map &userCodeMap();
  void collectUnits(const Decl *D, MapBuilder &ContainerParents);

  ASTContext &Context;
  const ContextSharing Sharing;
  std::vector<Unit> Units;      ///< sorted by file and Begin
  std::vector<unsigned> MaxEnd; ///< for each unit, the largest End up to it in its file
  llvm::DenseSet<const Decl *> UnitDecls;
  llvm::DenseMap<const Decl *, std::unique_ptr<Map>> UnitMaps;
  std::unique_ptr<Map> UserCode;
  /// Parents of the namespaces and linkage specifications around the units.
  std::unique_ptr<Map> Containers;
  /// Whether contextSpansUserCode limited the scope, which is to be given back.
  bool ScopeLimitedHere = false;
};

class LocalParents::ContextScope {
public:
  ContextScope(ASTContext &Context, std::vector<Decl *> Outer)
      : Context(&Context), Outer(std::move(Outer)) {}
  ContextScope() = default;
  ContextScope(ContextScope &&Other) noexcept
      : Context(std::exchange(Other.Context, nullptr)), Outer(std::move(Other.Outer)) {}
  ContextScope &operator=(ContextScope &&) = delete;
  ~ContextScope();

private:
  ASTContext *Context = nullptr; ///< null: nothing to give back
  std::vector<Decl *> Outer;
};

} // namespace tidy::pixmapcache
} // namespace clang

#endif
