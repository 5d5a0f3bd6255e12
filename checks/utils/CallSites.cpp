//===- CallSites.cpp ------------------------------------------------------===//
#include "CallSites.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::pixmapcache {

namespace {

/// Collects the direct calls of one function, and stops at the first other use of its name.
class NameUses : public RecursiveASTVisitor<NameUses> {
public:
  explicit NameUses(const FunctionDecl *Function) : Function(Function->getCanonicalDecl()) {}

  // Instantiations run; the patterns they come from do not.
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return true; }

  bool VisitCallExpr(CallExpr *Call) {
    // An argument that clang had to drop may have any value; the callee is then often left
    // as a lookup.
    if (Call->containsErrors())
      return !mentions(Call->getCallee());
    const auto *Callee = dyn_cast<DeclRefExpr>(Call->getCallee()->IgnoreParenImpCasts());
    if (!Callee || !names(Callee->getDecl()))
      return true;
    // Pre-order: the call is seen before the name it calls.
    Callees.insert(Callee);
    // A call in a template's pattern runs only as an instantiation, which is visited too.
    if (!Call->isValueDependent() && !Call->isTypeDependent())
      Calls.push_back(Call);
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    return !names(Ref->getDecl()) || Callees.contains(Ref);
  }

  // A call that clang could not build (too few arguments) keeps the callee's name, often as
  // a lookup, under a RecoveryExpr.
  bool VisitRecoveryExpr(RecoveryExpr *Recovery) { return !mentions(Recovery); }

  std::vector<const CallExpr *> Calls;

private:
  bool names(const Decl *D) const {
    const auto *Named = dyn_cast_or_null<FunctionDecl>(D);
    return Named && Named->getCanonicalDecl() == Function;
  }

  bool mentions(const Stmt *S) const {
    if (!S)
      return false;
    if (const auto *Lookup = dyn_cast<OverloadExpr>(S))
      return llvm::any_of(Lookup->decls(),
                          [&](const NamedDecl *D) { return names(D->getUnderlyingDecl()); });
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
      return names(Ref->getDecl());
    return llvm::any_of(S->children(), [&](const Stmt *Child) { return mentions(Child); });
  }

  const FunctionDecl *Function;
  llvm::DenseSet<const DeclRefExpr *> Callees;
};

} // namespace

const std::vector<const CallExpr *> *CallSites::allCallsOf(const FunctionDecl *Function) {
  Function = Function->getCanonicalDecl();
  auto It = Known.find(Function);
  if (It == Known.end())
    It = Known.try_emplace(Function, findCalls(Function)).first;
  return It->second ? &*It->second : nullptr;
}

std::optional<std::vector<const CallExpr *>>
CallSites::findCalls(const FunctionDecl *Function) {
  if (isa<CXXMethodDecl>(Function) ||
      Function->getTemplatedKind() != FunctionDecl::TK_NonTemplate ||
      Function->getFormalLinkage() != Linkage::Internal || Function->hasAttr<UsedAttr>())
    return std::nullopt;
  const SourceManager &SM = Context.getSourceManager();
  const SourceLocation Declared = SM.getExpansionLoc(Function->getFirstDecl()->getBeginLoc());
  if (Declared.isInvalid() || SM.isInSystemHeader(Declared))
    return std::nullopt;
  // Only the declarations from the first one on can name it; in translation order, which is
  // the order of the unit's declarations.
  NameUses Uses(Function);
  bool After = false;
  for (Decl *D : Context.getTranslationUnitDecl()->decls()) {
    if (!After) {
      const SourceLocation End = SM.getExpansionLoc(D->getEndLoc());
      After = End.isValid() && !SM.isBeforeInTranslationUnit(End, Declared);
    }
    if (After && !Uses.TraverseDecl(D))
      return std::nullopt;
  }
  return std::move(Uses.Calls);
}

} // namespace clang::tidy::pixmapcache
