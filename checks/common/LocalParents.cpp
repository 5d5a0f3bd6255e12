//===- LocalParents.cpp - parents of nodes in user code ----------------------===//
#include "LocalParents.h"
#include "common/LibraryCode.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ASTTypeTraits.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclBase.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclObjC.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/NestedNameSpecifier.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/TypeLoc.h"
#include "clang/Basic/SourceLocation.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Basic/Specifiers.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/ErrorHandling.h"

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <optional>
#include <tuple>
#include <utility>
#include <vector>

namespace clang::tidy::pixmapcache {

/// Built once and never changed: the answers point into it. One entry per node, sorted, so
/// that the map of a small function is as small as its nodes (a DenseMap has at least 64
/// buckets, about 6 KB, and a unit of 350,000 small functions kept gigabytes of them).
class LocalParents::Map {
public:
  ParentNodes parentsOf(const DynTypedNode &Node) const {
    const Entry *E = find(Node);
    return E ? ParentNodes(E->Parents) : ParentNodes();
  }
  bool holds(const DynTypedNode &Node) const { return find(Node); }

private:
  friend class MapBuilder;

  struct Entry {
    DynTypedNode Node;
    llvm::SmallVector<DynTypedNode, 1> Parents;
  };

  const Entry *find(const DynTypedNode &Node) const {
    auto It = llvm::partition_point(Entries, [&](const Entry &E) { return E.Node < Node; });
    return It != Entries.end() && !(Node < It->Node) ? &*It : nullptr;
  }

  std::vector<Entry> Entries; ///< sorted by node
};

class LocalParents::MapBuilder {
public:
  /// Records `Parent` for `Child`.
  void add(const DynTypedNode &Child, const DynTypedNode &Parent) {
    Met.push_back({Child, Parent, static_cast<unsigned>(Met.size())});
  }
  /// For a declaration the map starts at: its parent outside the map, if any.
  void addLexicalParent(const Decl &D) {
    if (const auto *Outer = dyn_cast_or_null<Decl>(D.getLexicalDeclContext()))
      add(DynTypedNode::create(D), DynTypedNode::create(*Outer));
    else
      Met.push_back({DynTypedNode::create(D), std::nullopt, static_cast<unsigned>(Met.size())});
  }

  /// The map, with each node's parents as clang's map records them: in the order they were
  /// met, a parent with pointer identity once, any other each time.
  std::unique_ptr<Map> build() && {
    // By node, and for a node in the order its parents were met.
    llvm::sort(Met, [](const Meeting &A, const Meeting &B) {
      return A.Child < B.Child || (!(B.Child < A.Child) && A.Order < B.Order);
    });
    auto Made = std::make_unique<Map>();
    for (const Meeting &M : Met) {
      if (Made->Entries.empty() || Made->Entries.back().Node < M.Child)
        Made->Entries.push_back({M.Child, {}});
      llvm::SmallVector<DynTypedNode, 1> &Parents = Made->Entries.back().Parents;
      if (M.Parent && (!M.Parent->getMemoizationData() || !llvm::is_contained(Parents, *M.Parent)))
        Parents.push_back(*M.Parent);
    }
    Met.clear();
    Met.shrink_to_fit();
    return Made;
  }

private:
  struct Meeting {
    DynTypedNode Child;
    std::optional<DynTypedNode> Parent;
    unsigned Order; ///< how many were met before it
  };
  std::vector<Meeting> Met;
};

namespace {

/// The traversal of clang's ParentMapContext::ParentMap (clang/lib/AST/ParentMapContext.cpp),
/// over the declarations it is given: the same nodes, the same parents.
class ParentRecorder : public RecursiveASTVisitor<ParentRecorder> {
public:
  explicit ParentRecorder(LocalParents::MapBuilder &Out) : Out(Out) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return true; }

  bool TraverseDecl(Decl *D) {
    return !D || traverse(DynTypedNode::create(*D), [&] { return Base::TraverseDecl(D); });
  }
  bool TraverseTypeLoc(TypeLoc TL) {
    return !TL || traverse(DynTypedNode::create(TL), [&] { return Base::TraverseTypeLoc(TL); });
  }
  bool TraverseNestedNameSpecifierLoc(NestedNameSpecifierLoc NNS) {
    return !NNS || traverse(DynTypedNode::create(NNS),
                            [&] { return Base::TraverseNestedNameSpecifierLoc(NNS); });
  }
  bool TraverseAttr(Attr *A) {
    return !A || traverse(DynTypedNode::create(*A), [&] { return Base::TraverseAttr(A); });
  }
  // Statements keep their data recursion: a deep expression must not exhaust the stack.
  bool dataTraverseStmtPre(Stmt *S) {
    record(DynTypedNode::create(*S));
    Stack.push_back(DynTypedNode::create(*S));
    return true;
  }
  bool dataTraverseStmtPost(Stmt *) {
    Stack.pop_back();
    return true;
  }

private:
  using Base = RecursiveASTVisitor<ParentRecorder>;

  template <typename TraverseFn> bool traverse(const DynTypedNode &Node, TraverseFn Traverse) {
    record(Node);
    Stack.push_back(Node);
    const bool Result = Traverse();
    Stack.pop_back();
    return Result;
  }
  void record(const DynTypedNode &Node) {
    if (!Stack.empty())
      Out.add(Node, Stack.back());
  }

  LocalParents::MapBuilder &Out;
  llvm::SmallVector<DynTypedNode, 16> Stack;
};

bool isContainer(const Decl *D) {
  return isa<TranslationUnitDecl, NamespaceDecl, LinkageSpecDecl, ExportDecl>(D);
}

} // namespace

std::vector<Decl *> userCodeDecls(ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  std::vector<Decl *> UserDecls;
  for (Decl *D : Context.getTranslationUnitDecl()->decls())
    if (!isInLibraryCode(SM, D->getLocation()))
      UserDecls.push_back(D);
  return UserDecls;
}

LocalParents::LocalParents(ASTContext &Context, ContextSharing Sharing)
    : Context(Context), Sharing(Sharing) {
  MapBuilder ContainerParents;
  ContainerParents.addLexicalParent(*Context.getTranslationUnitDecl());
  for (const Decl *D : userCodeDecls(Context))
    collectUnits(D, ContainerParents);
  Containers = std::move(ContainerParents).build();
  for (const Unit &U : Units)
    UnitDecls.insert(U.D);
  llvm::sort(Units, [](const Unit &A, const Unit &B) {
    return std::tie(A.File, A.Begin) < std::tie(B.File, B.Begin);
  });
  MaxEnd.resize(Units.size());
  for (size_t I = 0; I != Units.size(); ++I)
    MaxEnd[I] = I && Units[I - 1].File == Units[I].File ? std::max(MaxEnd[I - 1], Units[I].End)
                                                        : Units[I].End;
}

LocalParents::~LocalParents() {
  if (ScopeLimitedHere)
    Context.setTraversalScope({Context.getTranslationUnitDecl()});
}

void LocalParents::collectUnits(const Decl *D, MapBuilder &ContainerParents) {
  if (isContainer(D)) {
    ContainerParents.addLexicalParent(*D);
    for (const Decl *Inner : cast<DeclContext>(D)->decls())
      collectUnits(Inner, ContainerParents);
    return;
  }
  const SourceManager &SM = Context.getSourceManager();
  const CharSourceRange Range = SM.getExpansionRange(D->getSourceRange());
  if (Range.isInvalid())
    return;
  const auto [File, Begin] = SM.getDecomposedLoc(Range.getBegin());
  const auto [EndFile, End] = SM.getDecomposedLoc(Range.getEnd());
  if (File.isValid() && File == EndFile && Begin <= End)
    Units.push_back({File, Begin, End, D});
}

const LocalParents::Map &LocalParents::unitMap(const Decl *D) {
  std::unique_ptr<Map> &Slot = UnitMaps[D];
  if (!Slot) {
    MapBuilder Parents;
    Parents.addLexicalParent(*D);
    ParentRecorder(Parents).TraverseDecl(const_cast<Decl *>(D));
    Slot = std::move(Parents).build();
  }
  return *Slot;
}

const LocalParents::Map &LocalParents::userCodeMap() {
  if (!UserCode) {
    MapBuilder Parents;
    for (Decl *D : userCodeDecls(Context)) {
      Parents.addLexicalParent(*D);
      ParentRecorder(Parents).TraverseDecl(D);
    }
    UserCode = std::move(Parents).build();
  }
  return *UserCode;
}

/// The namespace-level declaration under which clang's traversal visits the instantiations
/// made from `D`, a template or a member of one: the declaration around the template's first
/// declaration (`template <class T> class QHash;` in a forward-declaring header, for
/// `QHash<K, V>::~QHash()` written in qhash.h). Null where `D` belongs to no template.
static const Decl *instantiationsHolder(const Decl *D) {
  bool InTemplate = false;
  while (true) {
    if (const auto *Record = dyn_cast<CXXRecordDecl>(D);
        Record && Record->getDescribedClassTemplate())
      D = Record->getDescribedClassTemplate();
    else if (const auto *Function = dyn_cast<FunctionDecl>(D);
             Function && Function->getDescribedFunctionTemplate())
      D = Function->getDescribedFunctionTemplate();
    if (const auto *Template = dyn_cast<RedeclarableTemplateDecl>(D)) {
      D = Template->getCanonicalDecl();
      InTemplate = true;
    }
    const auto *Outer = cast<Decl>(D->getDeclContext());
    if (isContainer(Outer))
      return InTemplate ? D : nullptr;
    D = Outer;
  }
}

/// A location in the text of `Node`, found in constant time where its beginning is not: the
/// beginning of `a * b * c * ...` (and of an implicit cast around it) is found by walking down
/// the whole chain, and a walk up the chain asks at every level.
static SourceLocation locationIn(const DynTypedNode &Node) {
  const auto *E = Node.get<Expr>();
  if (const auto *Binary = dyn_cast_or_null<BinaryOperator>(E ? E->IgnoreImplicit() : nullptr);
      Binary && Binary->getOperatorLoc().isValid())
    return Binary->getOperatorLoc();
  return Node.getSourceRange().getBegin();
}

const Decl *LocalParents::unitHolding(const DynTypedNode &Node) {
  const SourceManager &SM = Context.getSourceManager();
  const SourceLocation Loc = locationIn(Node);
  if (Loc.isInvalid())
    return nullptr;
  const auto [File, Offset] = SM.getDecomposedLoc(SM.getExpansionLoc(Loc));
  // The units whose text holds the location: the last that begins at or before it, and
  // earlier ones as long as some unit up to them ends after it (`struct S {...} s;` is a
  // record and a variable over the same text).
  auto After = std::upper_bound(Units.begin(), Units.end(), std::make_pair(File, Offset),
                                [](const std::pair<FileID, unsigned> &At, const Unit &U) {
                                  return At < std::make_pair(U.File, U.Begin);
                                });
  llvm::SmallVector<const Decl *, 2> Around;
  for (size_t I = After - Units.begin(); I-- != 0;) {
    if (Units[I].File != File || MaxEnd[I] < Offset)
      break;
    if (Units[I].End >= Offset)
      Around.push_back(Units[I].D);
  }
  for (const Decl *D : Around)
    if (unitMap(D).holds(Node))
      return D;
  // A node of an instantiation lies in the text of its template's definition, but clang
  // visits it under the template's first declaration.
  for (const Decl *D : Around)
    if (const Decl *Holder = instantiationsHolder(D);
        Holder && Holder != D && UnitDecls.contains(Holder) && unitMap(Holder).holds(Node))
      return Holder;
  return nullptr;
}

const LocalParents::Map &LocalParents::mapHolding(const DynTypedNode &Node) {
  const Decl *Unit = unitHolding(Node);
  return Unit ? unitMap(Unit) : userCodeMap();
}

/// With PIXMAPCACHE_VERIFY_PARENTS set (the tests set it), every answer is compared with
/// ASTContext::getParents, and the first difference stops the program.
static void verifyAgainstContext(const DynTypedNode &Node, ParentNodes Ours, ASTContext &Context) {
  static const bool Verify = std::getenv("PIXMAPCACHE_VERIFY_PARENTS") != nullptr;
  if (!Verify)
    return;
  const DynTypedNodeList Theirs = Context.getParents(Node);
  if (Theirs.size() == Ours.size() &&
      llvm::all_of(Theirs, [&](const DynTypedNode &P) { return llvm::is_contained(Ours, P); }))
    return;
  llvm::report_fatal_error(
      llvm::Twine("LocalParents: the parents of the ") + Node.getNodeKind().asStringRef() + " at " +
          Node.getSourceRange().getBegin().printToString(Context.getSourceManager()) +
          " differ from ASTContext::getParents",
      /*gen_crash_diag=*/false);
}

ParentNodes LocalParents::of(const DynTypedNode &Node) {
  const auto *D = Node.get<Decl>();
  const ParentNodes Parents =
      D && isContainer(D) ? Containers->parentsOf(Node) : mapHolding(Node).parentsOf(Node);
  verifyAgainstContext(Node, Parents, Context);
  return Parents;
}

LocalParents::ContextScope::~ContextScope() {
  if (Context)
    Context->setTraversalScope(Outer);
}

LocalParents::ContextScope LocalParents::contextCovering(const FunctionDecl &Function) {
  if (Sharing == ContextSharing::WithOtherChecks) {
    contextSpansUserCode();
    return ContextScope();
  }
  // The body, not the function: a lambda's call operator is no node of the map.
  const Stmt *Body = Function.getBody();
  const Decl *Unit = Body ? unitHolding(DynTypedNode::create(*Body)) : nullptr;
  if (!Unit)
    return ContextScope();
  ContextScope Scope(Context, Context.getTraversalScope());
  Context.setTraversalScope({const_cast<Decl *>(Unit)});
  return Scope;
}

void LocalParents::contextSpansUserCode() {
  const std::vector<Decl *> Scope = Context.getTraversalScope();
  if (ScopeLimitedHere || Scope.size() != 1 || !isa<TranslationUnitDecl>(Scope.front()))
    return;
  // Matchers traversing meanwhile are not affected: a traversal of the whole unit walks its
  // declarations, not the scope.
  Context.setTraversalScope(userCodeDecls(Context));
  ScopeLimitedHere = true;
}

const FunctionDecl *LocalParents::enclosingCallable(const DynTypedNode &Node) {
  ParentNodes Parents = of(Node);
  while (!Parents.empty()) {
    const DynTypedNode &Parent = Parents[0];
    if (const auto *Function = Parent.get<FunctionDecl>())
      return Function;
    if (const auto *Lambda = Parent.get<LambdaExpr>())
      return Lambda->getCallOperator();
    if (Parent.get<BlockDecl>() || Parent.get<ObjCMethodDecl>())
      return nullptr;
    Parents = of(Parent);
  }
  return nullptr;
}

bool LocalParents::isInTemplateInstantiation(const DynTypedNode &Node) {
  // What the isTemplateInstantiation matcher accepts.
  auto IsInstantiation = [](TemplateSpecializationKind Kind) {
    return Kind == TSK_ImplicitInstantiation || Kind == TSK_ExplicitInstantiationDefinition;
  };
  // Every path up, as hasAncestor follows them, each node once.
  const ParentNodes Start = of(Node);
  llvm::SmallVector<DynTypedNode, 8> Pending(Start.begin(), Start.end());
  llvm::DenseSet<const void *> Seen;
  while (!Pending.empty()) {
    const DynTypedNode Ancestor = Pending.pop_back_val();
    if (!Seen.insert(Ancestor.getMemoizationData()).second)
      continue;
    if (const auto *Function = Ancestor.get<FunctionDecl>();
        Function && IsInstantiation(Function->getTemplateSpecializationKind()))
      return true;
    if (const auto *Record = Ancestor.get<CXXRecordDecl>();
        Record && IsInstantiation(Record->getTemplateSpecializationKind()))
      return true;
    for (const DynTypedNode &Parent : of(Ancestor))
      Pending.push_back(Parent);
  }
  return false;
}

} // namespace clang::tidy::pixmapcache
