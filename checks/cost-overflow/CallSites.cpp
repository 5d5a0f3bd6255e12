//===- CallSites.cpp ------------------------------------------------------===//
#include "CallSites.h"
#include "common/LibraryCode.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/Linkage.h"
#include "clang/Basic/SourceLocation.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"

#include <cstddef>
#include <map>
#include <vector>

namespace clang::tidy::pixmapcache {

namespace {

/// Whether every use of `Function` can be in the unit and is worth collecting.
bool onlyUnitCanCall(const FunctionDecl *Function, const ASTContext &Context) {
  return !isa<CXXMethodDecl>(Function) &&
         Function->getTemplatedKind() == FunctionDecl::TK_NonTemplate &&
         onlyUnitCanName(Function, Context) && !Function->hasAttr<UsedAttr>();
}

/// Collects the direct calls of the functions only their unit can call, and marks those
/// whose names are used otherwise.
class NameUses : public RecursiveASTVisitor<NameUses> {
public:
  NameUses(std::map<const FunctionDecl *, CallSites::Uses> &Found, const ASTContext &Context)
      : Found(Found), Context(Context) {}

  // Instantiations run; the patterns they come from do not.
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return true; }

  bool VisitCallExpr(CallExpr *Call) {
    // An argument that clang had to drop may have any value; the callee is then often left
    // as a lookup.
    if (Call->containsErrors()) {
      markNamed(Call->getCallee());
      return true;
    }
    const auto *Callee = dyn_cast<DeclRefExpr>(Call->getCallee()->IgnoreParenImpCasts());
    const FunctionDecl *Function = Callee ? candidate(Callee->getDecl()) : nullptr;
    if (!Function)
      return true;
    // Pre-order: the call is seen before the name it calls.
    Callees.insert(Callee);
    // A call in a template's pattern runs only as an instantiation, which is visited too.
    if (!Call->isValueDependent() && !Call->isTypeDependent())
      Found[Function].Calls.push_back(Call);
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    if (const FunctionDecl *Function = candidate(Ref->getDecl());
        Function && !Callees.contains(Ref))
      Found[Function].Unknown = true;
    return true;
  }

  // A call that clang could not build (too few arguments) keeps the callee's name, often as
  // a lookup, under a RecoveryExpr.
  bool VisitRecoveryExpr(RecoveryExpr *Recovery) {
    markNamed(Recovery);
    return true;
  }

private:
  const FunctionDecl *candidate(const Decl *D) const {
    const auto *Function = dyn_cast_or_null<FunctionDecl>(D);
    return Function && onlyUnitCanCall(Function, Context) ? Function->getCanonicalDecl() : nullptr;
  }

  /// Marks every such function that `Top` names (without recursion: broken code can nest deep).
  void markNamed(const Stmt *Top) {
    llvm::SmallVector<const Stmt *, 16> Pending{Top};
    while (!Pending.empty()) {
      const Stmt *S = Pending.pop_back_val();
      if (!S)
        continue;
      if (const auto *Lookup = dyn_cast<OverloadExpr>(S)) {
        for (const NamedDecl *D : Lookup->decls())
          if (const FunctionDecl *Function = candidate(D->getUnderlyingDecl()))
            Found[Function].Unknown = true;
        continue;
      }
      if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
        if (const FunctionDecl *Function = candidate(Ref->getDecl()))
          Found[Function].Unknown = true;
      Pending.append(S->child_begin(), S->child_end());
    }
  }

  std::map<const FunctionDecl *, CallSites::Uses> &Found;
  const ASTContext &Context;
  llvm::DenseSet<const DeclRefExpr *> Callees;
};

} // namespace

bool onlyUnitCanName(const FunctionDecl *Function, const ASTContext &Context) {
  if (Function->getFormalLinkage() == Linkage::Internal)
    return true;
  if (!Function->isInlined())
    return false;
  const SourceManager &SM = Context.getSourceManager();
  return llvm::all_of(Function->redecls(), [&](const FunctionDecl *Declaration) {
    return SM.isInMainFile(SM.getExpansionLoc(Declaration->getLocation()));
  });
}

const std::vector<const CallExpr *> *CallSites::allCallsOf(const FunctionDecl *Function) {
  Function = Function->getCanonicalDecl();
  if (!onlyUnitCanCall(Function, Context))
    return nullptr;
  const SourceManager &SM = Context.getSourceManager();
  const SourceLocation Declared = SM.getExpansionLoc(Function->getFirstDecl()->getBeginLoc());
  if (Declared.isInvalid() || isInLibraryCode(SM, Declared))
    return nullptr;
  if (Decls.empty()) {
    const auto Unit = Context.getTranslationUnitDecl()->decls();
    Decls.assign(Unit.begin(), Unit.end());
    Traversed = Decls.size();
  }
  // The first declaration that does not end before the function's first declaration: the
  // one that holds it.
  std::size_t First = 0;
  while (First < Traversed) {
    const SourceLocation End = SM.getExpansionLoc(Decls[First]->getEndLoc());
    if (End.isValid() && !SM.isBeforeInTranslationUnit(End, Declared))
      break;
    ++First;
  }
  if (First < Traversed) {
    NameUses Visitor(Found, Context);
    for (std::size_t I = First; I != Traversed; ++I)
      Visitor.TraverseDecl(Decls[I]);
    Traversed = First;
  }
  const Uses &Seen = Found[Function];
  return Seen.Unknown ? nullptr : &Seen.Calls;
}

} // namespace clang::tidy::pixmapcache
