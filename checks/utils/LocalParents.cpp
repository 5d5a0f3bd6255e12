//===- LocalParents.cpp - parents of nodes in user code ----------------------===//
#include "LocalParents.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclObjC.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::pixmapcache {

std::shared_ptr<LocalParents> LocalParents::forUnit(ASTContext &Context) {
  // Per thread: clangd builds the ASTs of several files at once, one per thread.
  thread_local std::weak_ptr<LocalParents> Current;
  std::shared_ptr<LocalParents> Parents = Current.lock();
  if (!Parents || &Parents->Context != &Context) {
    Parents = std::make_shared<LocalParents>(Context);
    Current = Parents;
  }
  return Parents;
}

std::vector<Decl *> userCodeDecls(ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  std::vector<Decl *> UserDecls;
  for (Decl *D : Context.getTranslationUnitDecl()->decls())
    if (!SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation())))
      UserDecls.push_back(D);
  return UserDecls;
}

LocalParents::LocalParents(ASTContext &Context) : Context(Context) {
  const std::vector<Decl *> Scope = Context.getTraversalScope();
  if (Scope.size() != 1 || !isa<TranslationUnitDecl>(Scope.front()))
    return; // already limited: clangd, pixmapcache-scan
  // Matchers traversing meanwhile are not affected: a traversal of the whole unit walks its
  // declarations, not the scope.
  Context.setTraversalScope(userCodeDecls(Context));
  ScopeLimitedHere = true;
}

LocalParents::~LocalParents() {
  if (ScopeLimitedHere)
    Context.setTraversalScope({Context.getTranslationUnitDecl()});
}

DynTypedNodeList LocalParents::of(const DynTypedNode &Node) { return Context.getParents(Node); }

const FunctionDecl *LocalParents::enclosingCallable(const DynTypedNode &Node) {
  DynTypedNodeList Parents = of(Node);
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
  const DynTypedNodeList Start = of(Node);
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
