//===- UncheckedReallocCheck.cpp - pixmapcache-unchecked-realloc ----------===//
#include "UncheckedReallocCheck.h"
#include "NullCheckFlow.h"
#include "PixmapCacheCheck.h"
#include "common/ExprEquivalence.h"
#include "common/LibraryCode.h"
#include "common/LibraryFunctions.h"
#include "common/LocalParents.h"
#include "common/SourceText.h"

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang-tidy/utils/IncludeSorter.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/OperationKinds.h"
#include "clang/AST/Stmt.h"
#include "clang/AST/Type.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticIDs.h"
#include "clang/Basic/SourceLocation.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/APSInt.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

using namespace clang::ast_matchers;

namespace clang::tidy::pixmapcache {

namespace {

/// Where the result of a realloc call ends up.
struct ResultSink {
  enum { Unknown, Returned, Checked, UsedDirectly, Assigned, Initialized } Kind = Unknown;
  const BinaryOperator *Assign = nullptr;
  const VarDecl *Var = nullptr;
  std::optional<UncheckedUse> DirectUse;
  /// A helper such as q_check_ptr that returned the pointer without checking it.
  const CallExpr *PassThrough = nullptr;
};

std::optional<UncheckedUse> directUse(const Expr *Value, const Stmt *Parent) {
  if (const auto *Deref = dyn_cast<UnaryOperator>(Parent); Deref && Deref->getOpcode() == UO_Deref)
    return UncheckedUse{UncheckedUseKind::Dereference, Deref, nullptr};
  if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(Parent);
      Subscript && Subscript->getBase() == Value)
    return UncheckedUse{UncheckedUseKind::Subscript, Subscript, nullptr};
  if (const auto *Member = dyn_cast<MemberExpr>(Parent); Member && Member->isArrow())
    return UncheckedUse{UncheckedUseKind::MemberAccess, Member, nullptr};
  if (const auto *Call = dyn_cast<CallExpr>(Parent))
    if (const FunctionDecl *Callee = Call->getDirectCallee();
        Callee && NullCheckFlow::isMemoryFunction(Callee) && Call->getCallee() != Value)
      return UncheckedUse{UncheckedUseKind::MemoryFunctionArgument, Call, nullptr, Callee};
  return std::nullopt;
}

/// Follows the realloc result up the AST, through parentheses, casts and helpers that return
/// their argument, to the statement that consumes it.
ResultSink findSink(const CallExpr *Realloc, LocalParents &Parents, ASTContext &Context,
                    NullCheckFlow &Flow) {
  ResultSink Sink;
  const Expr *Value = Realloc;
  while (true) {
    ParentNodes Above = Parents.of(*Value);
    if (Above.size() != 1)
      return Sink;
    if (const auto *Var = Above[0].get<VarDecl>()) {
      if (Var->getInit() == Value) {
        Sink.Kind = ResultSink::Initialized;
        Sink.Var = Var;
      }
      return Sink;
    }
    const auto *Parent = Above[0].get<Stmt>();
    if (!Parent)
      return Sink;
    if (isa<ParenExpr, CastExpr>(Parent)) {
      Value = cast<Expr>(Parent);
      continue;
    }
    if (isa<ReturnStmt>(Parent)) {
      Sink.Kind = ResultSink::Returned;
      return Sink;
    }
    if (const auto *Assign = dyn_cast<BinaryOperator>(Parent)) {
      if (Assign->getOpcode() == BO_Assign && Assign->getRHS() == Value) {
        Sink.Kind = ResultSink::Assigned;
        Sink.Assign = Assign;
      }
      return Sink;
    }
    if (std::optional<UncheckedUse> Use = directUse(Value, Parent)) {
      Sink.Kind = ResultSink::UsedDirectly;
      Sink.DirectUse = Use;
      return Sink;
    }
    if (const auto *Call = dyn_cast<CallExpr>(Parent);
        Call && Call->getDirectCallee() && !isa<CXXOperatorCallExpr>(Call)) {
      const Expr *const *Arg =
          std::find(Call->getArgs(), Call->getArgs() + Call->getNumArgs(), Value);
      const unsigned ArgIndex = Arg - Call->getArgs();
      if (ArgIndex == Call->getNumArgs())
        return Sink;
      PointerParamSummary Summary = Flow.summarize(Call->getDirectCallee(), ArgIndex);
      if (!Summary.ReturnsParam)
        return Sink;
      if (Summary.ChecksParam) {
        Sink.Kind = ResultSink::Checked;
        return Sink;
      }
      Sink.PassThrough = Call;
      Value = Call;
      continue;
    }
    return Sink;
  }
}

/// The expression as the user wrote it, quoted, when it is short enough to read in a note;
/// a null `E` is the realloc result itself.
std::string spell(const Expr *E, const ASTContext &Context) {
  return E ? noteSpelling(E->IgnoreParenImpCasts(), Context, "the pointer") : "the result";
}

/// The C library's realloc, the one allocator pxc::tryRealloc can stand in for.
bool isLibraryRealloc(const FunctionDecl *Callee) { return libraryName(Callee) == "realloc"; }

} // namespace

UncheckedReallocCheck::UncheckedReallocCheck(StringRef Name, ClangTidyContext *Context)
    : PixmapCacheCheck(Name, Context), ReallocLikeFunctions(utils::options::parseStringList(
                                           Options.get("ReallocLikeFunctions", ""))),
      AssertIsCheck(Options.get("AssertIsCheck", true)),
      Inserter(Options.getLocalOrGlobal("IncludeStyle", utils::IncludeSorter::IS_LLVM),
               areDiagsSelfContained()) {}

UncheckedReallocCheck::~UncheckedReallocCheck() = default;

void UncheckedReallocCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "ReallocLikeFunctions",
                utils::options::serializeStringList(ReallocLikeFunctions));
  Options.store(Opts, "AssertIsCheck", AssertIsCheck);
  Options.store(Opts, "IncludeStyle", Inserter.getStyle());
}

void UncheckedReallocCheck::registerPPCallbacks(const SourceManager &, Preprocessor *PP,
                                                Preprocessor *) {
  Inserter.registerPreprocessor(PP);
}

void UncheckedReallocCheck::startTranslationUnit() {
  Flow.reset();
  ReportedCalls.clear();
}

void UncheckedReallocCheck::registerMatchers(MatchFinder *Finder) {
  std::vector<StringRef> Names{"::realloc"};
  Names.insert(Names.end(), ReallocLikeFunctions.begin(), ReallocLikeFunctions.end());
  // The location test first: it is cheaper than comparing the callee's name, and rejects most
  // calls (those in system headers) alone.
  Finder->addMatcher(
      callExpr(unless(isExpansionInLibraryCode()), callee(functionDecl(hasAnyName(Names))))
          .bind("realloc"),
      this);
}

static std::optional<FixItHint> tryReallocFix(const FunctionDecl *Function,
                                              const BinaryOperator *Assign, const CallExpr *Realloc,
                                              LocalParents &Parents, ASTContext &Context) {
  // The rewrite turns one expression statement into an `if` statement: only where that is
  // a statement of its own, never a dangling `if (c) p = realloc(p, n); else ...`.
  if (!Context.getLangOpts().CPlusPlus17 || Realloc->getNumArgs() != 2 ||
      !isLibraryRealloc(Realloc->getDirectCallee()))
    return std::nullopt;
  // One instantiation cannot vouch for the others (tryRealloc needs a trivially copyable T).
  if (Function->isTemplateInstantiation())
    return std::nullopt;
  ParentNodes Above = Parents.of(*Assign);
  if (Above.size() != 1 || !Above[0].get<CompoundStmt>())
    return std::nullopt;
  const Expr *Target = Assign->getLHS();
  const QualType Pointee = Target->getType()->getPointeeType();
  if (Pointee.isNull() || Pointee.isVolatileQualified() ||
      !(Pointee->isVoidType() ||
        (!Pointee->isIncompleteType() && Pointee.isTriviallyCopyableType(Context))))
    return std::nullopt;
  const Expr *Size = Realloc->getArg(1);
  if (!isPlainFileRange(Assign->getSourceRange()) || !isPlainFileRange(Target->getSourceRange()) ||
      !isPlainFileRange(Size->getSourceRange()))
    return std::nullopt;

  auto Text = [&](const Expr *E) { return tokenText(E->getSourceRange(), Context); };
  return FixItHint::CreateReplacement(
      CharSourceRange::getTokenRange(Assign->getSourceRange()),
      ("if (!pxc::tryRealloc(" + Text(Target) + ", " + Text(Size) + ")) pxc::allocationFailed()")
          .str());
}

void UncheckedReallocCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Realloc = Result.Nodes.getNodeAs<CallExpr>("realloc");
  if (Realloc->containsErrors() || Realloc->getNumArgs() == 0)
    return;
  ASTContext &Context = *Result.Context;
  const FunctionDecl *Function = parents(Context).enclosingCallable(*Realloc);
  if (!Function)
    return;
  // realloc(p, 0) frees the block: null is its success, not a failure.
  if (Realloc->getNumArgs() > 1 && !Realloc->getArg(1)->isValueDependent())
    if (std::optional<llvm::APSInt> Size =
            Realloc->getArg(1)->getIntegerConstantExpr(*Result.Context);
        Size && Size->isZero())
      return;
  // In a template the call resolves only in instantiations; report it once.
  if (!ReportedCalls.insert(Realloc->getBeginLoc()).second)
    return;
  if (!Flow)
    Flow = std::make_unique<NullCheckFlow>(Context, AssertIsCheck);
  if (!Flow->isReachable(Function, Realloc))
    return;

  const Expr *Owner = Realloc->getArg(0)->IgnoreParenCasts();
  const ResultSink Sink = findSink(Realloc, parents(Context), Context, *Flow);
  bool Leaks = false;
  std::optional<UncheckedUse> Use;
  switch (Sink.Kind) {
  case ResultSink::Unknown:
  case ResultSink::Returned:
  case ResultSink::Checked:
    return;
  case ResultSink::UsedDirectly:
    Use = Sink.DirectUse;
    break;
  case ResultSink::Initialized:
    Use = Flow->followInitialization(Function, Sink.Var, Owner).FirstUse;
    break;
  case ResultSink::Assigned: {
    const bool OverwritesOwner = isSameLValue(Sink.Assign->getLHS(), Owner) &&
                                 !Flow->isCopiedBefore(Function, Owner, Realloc);
    const PointerFlow Flowed =
        Flow->followAssignment(Function, Sink.Assign, OverwritesOwner ? nullptr : Owner);
    Use = Flowed.FirstUse;
    // A leak matters only if the program goes on: `p = realloc(p, n); if (!p) abort();`
    // loses nothing anyone could still free.
    Leaks = OverwritesOwner && !Flowed.EveryNullPathAborts;
    break;
  }
  }
  if (!Leaks && !Use)
    return;

  const FunctionDecl *Callee = Realloc->getDirectCallee();
  // pxc::tryRealloc stands in for the C library's realloc only, and only in C++.
  const bool SuggestTryRealloc = Context.getLangOpts().CPlusPlus && isLibraryRealloc(Callee);
  if (Leaks) {
    const std::string Target = spell(Sink.Assign->getLHS(), Context);
    {
      auto Diag = diag(Realloc->getBeginLoc(),
                       "%0 may be set to null if %1 fails, leaking the block it pointed to")
                  << Target << Callee;
      if (std::optional<FixItHint> Fix =
              tryReallocFix(Function, Sink.Assign, Realloc, parents(Context), Context)) {
        Diag << *Fix;
        if (std::optional<FixItHint> Include = Inserter.createIncludeInsertion(
                Context.getSourceManager().getFileID(Realloc->getBeginLoc()), "<pxc/realloc.h>"))
          Diag << *Include;
      }
    }
    noteUse(Use, Context);
    notePassThrough(Sink.PassThrough);
    if (SuggestTryRealloc)
      diag(Realloc->getBeginLoc(),
           "use 'pxc::tryRealloc' from <pxc/realloc.h>: it returns false and leaves %0 "
           "untouched when the allocation fails",
           DiagnosticIDs::Note)
          << Target;
    else
      diag(Realloc->getBeginLoc(),
           "store the result in a temporary and check it for null before assigning it to %0",
           DiagnosticIDs::Note)
          << Target;
    return;
  }

  diag(Realloc->getBeginLoc(),
       "result of %0 is used without a null check; it is null when the allocation fails")
      << Callee;
  noteUse(Use, Context);
  notePassThrough(Sink.PassThrough);
  diag(Realloc->getBeginLoc(),
       SuggestTryRealloc
           ? "check the result for null before this use, or use 'pxc::tryRealloc' from "
             "<pxc/realloc.h>, which returns false and keeps the old block on failure"
           : "check the result for null before this use; on failure the old block is "
             "still valid and must be freed or kept",
       DiagnosticIDs::Note);
}

void UncheckedReallocCheck::noteUse(const std::optional<UncheckedUse> &Use,
                                    const ASTContext &Context) {
  if (!Use)
    return;
  auto Note = diag(Use->Use->getBeginLoc(),
                   "%0 is %select{dereferenced|indexed|used to access a member|passed to "
                   "%2|stored into %2, the pointer it reallocates,}1 here before it is "
                   "checked for null",
                   DiagnosticIDs::Note)
              << spell(Use->Pointer, Context) << static_cast<int>(Use->Kind);
  if (Use->Kind == UncheckedUseKind::MemoryFunctionArgument)
    Note << Use->MemoryFunction;
  else if (Use->Kind == UncheckedUseKind::OwnerOverwrite)
    Note << spell(cast<BinaryOperator>(Use->Use)->getLHS(), Context);
  else
    Note << "";
}

void UncheckedReallocCheck::notePassThrough(const CallExpr *PassThrough) {
  if (!PassThrough)
    return;
  const FunctionDecl *Helper = PassThrough->getDirectCallee();
  const bool IsQtCheck = Helper->getIdentifier() && Helper->getName() == "q_check_ptr";
  diag(PassThrough->getBeginLoc(),
       "%0 returns the pointer without checking it in this build%select{|: Q_CHECK_PTR "
       "expands to nothing when exceptions are disabled and QT_NO_DEBUG is defined}1",
       DiagnosticIDs::Note)
      << Helper << IsQtCheck;
}

} // namespace clang::tidy::pixmapcache
