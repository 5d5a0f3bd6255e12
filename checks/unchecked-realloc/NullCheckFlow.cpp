//===- NullCheckFlow.cpp --------------------------------------------------===//
#include "NullCheckFlow.h"
#include "common/ExprEquivalence.h"
#include "common/ForwardPaths.h"
#include "common/FunctionGraphs.h"
#include "common/LibraryFunctions.h"
#include "common/ValueHolders.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/OperationKinds.h"
#include "clang/AST/Stmt.h"
#include "clang/AST/StmtCXX.h"
#include "clang/AST/Type.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/Builtins.h"
#include "clang/Basic/SourceLocation.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSet.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <utility>

namespace clang::tidy::pixmapcache {

namespace {

/// Whether a call of a [[noreturn]] function certainly ends the program: it may instead throw
/// (Qt's qBadAlloc() throws std::bad_alloc) unless it is noexcept or exceptions are off.
/// glibc declares abort() and exit() noexcept, Qt its qt_check_pointer().
bool endsProgram(const FunctionDecl *Callee, const LangOptions &LangOpts) {
  if (!LangOpts.CXXExceptions)
    return true;
  const auto *Proto = Callee->getType()->getAs<FunctionProtoType>();
  return Proto && Proto->isNothrow();
}

/// Whether `Loc` comes from an `assert`-style macro, which vanishes in release builds.
bool isInAssertMacro(SourceLocation Loc, const SourceManager &SM, const LangOptions &LangOpts) {
  while (Loc.isMacroID()) {
    StringRef Name = Lexer::getImmediateMacroName(Loc, SM, LangOpts);
    if (Name == "assert" || Name == "Q_ASSERT" || Name == "Q_ASSERT_X")
      return true;
    Loc = SM.getImmediateMacroCallerLoc(Loc);
  }
  return false;
}

} // namespace

/// Walks the paths on which the followed pointer may still be null.
class PathWalker {
public:
  PathWalker(NullCheckFlow &Flow, const CFG &Graph, ValueHolders Held, const Expr *Owner,
             bool Summarizing)
      : Flow(Flow), Graph(Graph), Held(std::move(Held)), Owner(Owner), Summarizing(Summarizing) {}

  void run(const CFGBlock *Start, unsigned FirstIndex) {
    walkForwardPaths(Graph, Start, FirstIndex, MaybeNull{}, *this);
  }

  // The walkForwardPaths client: one state, "the pointer may be null here".
  struct MaybeNull {};
  bool visit(const Stmt *S, MaybeNull &) {
    const Outcome Result = visitStmt(S);
    SomePathSurvives |= Result == Outcome::PathEnds;
    return Result == Outcome::Continue;
  }
  std::optional<MaybeNull> enter(const CFGBlock *From, unsigned Successor, MaybeNull) const {
    std::optional<unsigned> OnlyNullSuccessor = nullBranch(From);
    if (OnlyNullSuccessor && *OnlyNullSuccessor != Successor)
      return std::nullopt; // the pointer is known non-null there
    return MaybeNull{};
  }
  void reachedExit(MaybeNull) { ReachedExit = SomePathSurvives = true; }
  static std::uintptr_t key(MaybeNull) { return 0; }

  llvm::SmallVector<UncheckedUse, 4> Uses;
  bool ReachedExit = false;
  bool ReturnedUnchecked = false;
  /// Some path carried the pointer past a point where it could be null without ending the
  /// program: to a use, a return, the function's end, an exception, or an overwrite.
  bool SomePathSurvives = false;

private:
  enum class Outcome {
    Continue,
    PathEnds,  ///< the followed value is used, returned, thrown past or overwritten
    PathAborts ///< the program ends here: a non-throwing [[noreturn]] call such as abort()
  };

  /// For a two-way branch on the pointer's null-ness, the index of the successor taken when
  /// it is null.
  std::optional<unsigned> nullBranch(const CFGBlock *Block) const {
    if (Block->succ_size() != 2)
      return std::nullopt;
    const Expr *Condition = Block->getLastCondition();
    if (!Condition)
      return std::nullopt;
    if (!Flow.AssertIsCheck && Block->getTerminatorStmt() &&
        isInAssertMacro(Block->getTerminatorStmt()->getBeginLoc(), Flow.Context.getSourceManager(),
                        Flow.Context.getLangOpts()))
      return std::nullopt;
    std::optional<bool> TrueMeansNonNull = testsNonNull(Condition);
    if (!TrueMeansNonNull)
      return std::nullopt;
    return *TrueMeansNonNull ? 1U : 0U;
  }

  /// Whether `Condition` being true means the pointer is non-null (true), null (false), or
  /// tells nothing about it (nullopt).
  std::optional<bool> testsNonNull(const Expr *Condition) const {
    Condition = Condition->IgnoreParenCasts();
    // Q_LIKELY/Q_UNLIKELY, G_UNLIKELY, the kernel's unlikely(): __builtin_expect(!!(c), v).
    if (const auto *Hint = dyn_cast<CallExpr>(Condition);
        Hint && Hint->getNumArgs() > 0 &&
        (Hint->getBuiltinCallee() == Builtin::BI__builtin_expect ||
         Hint->getBuiltinCallee() == Builtin::BI__builtin_expect_with_probability))
      return testsNonNull(Hint->getArg(0));
    if (const auto *Not = dyn_cast<UnaryOperator>(Condition); Not && Not->getOpcode() == UO_LNot) {
      std::optional<bool> Inner = testsNonNull(Not->getSubExpr());
      if (Inner)
        return !*Inner;
      return std::nullopt;
    }
    if (const auto *Compare = dyn_cast<BinaryOperator>(Condition);
        Compare && Compare->isEqualityOp()) {
      const bool ComparesWithNull =
          (Held.isHeldBy(Compare->getLHS()) && isNull(Compare->getRHS())) ||
          (Held.isHeldBy(Compare->getRHS()) && isNull(Compare->getLHS()));
      if (!ComparesWithNull)
        return std::nullopt;
      return Compare->getOpcode() == BO_NE;
    }
    if (const auto *Logical = dyn_cast<BinaryOperator>(Condition);
        Logical && Logical->isLogicalOp()) {
      // Only one outcome of `a && b` (true) or `a || b` (false) says something about each
      // operand; the CFG splits these in conditions, but not inside casts as in assert().
      const bool Decisive = Logical->getOpcode() == BO_LAnd;
      if (testsNonNull(Logical->getLHS()) == Decisive ||
          testsNonNull(Logical->getRHS()) == Decisive)
        return Decisive;
      return std::nullopt;
    }
    if (Held.isHeldBy(Condition))
      return true;
    return std::nullopt;
  }

  bool isNull(const Expr *E) const {
    return !E->isValueDependent() && !E->containsErrors() &&
           E->IgnoreParenCasts()->isNullPointerConstant(
               Flow.Context, Expr::NPC_ValueDependentIsNotNull) != Expr::NPCK_NotNull;
  }

  Outcome use(UncheckedUseKind Kind, const Expr *Where, const Expr *Pointer,
              const FunctionDecl *MemoryFunction = nullptr) {
    if (Summarizing)
      return Outcome::Continue;
    Uses.push_back({Kind, Where, Pointer, MemoryFunction});
    // Later uses on this path add nothing: the first one already makes the finding.
    return Outcome::PathEnds;
  }

  Outcome visitStmt(const Stmt *S) {
    if (const auto *Decls = dyn_cast<DeclStmt>(S))
      return Held.followDeclarations(Decls) ? Outcome::Continue : Outcome::PathEnds;
    if (const auto *Return = dyn_cast<ReturnStmt>(S)) {
      if (Return->getRetValue() && Held.isHeldBy(Return->getRetValue())) {
        ReturnedUnchecked = true;
        return Outcome::PathEnds; // the caller owns the check
      }
      return Outcome::Continue;
    }
    if (isa<CXXThrowExpr>(S))
      return Outcome::PathEnds;
    if (const auto *Call = dyn_cast<CallExpr>(S))
      return visitCall(Call);
    if (const auto *Deref = dyn_cast<UnaryOperator>(S)) {
      if (Deref->getOpcode() == UO_Deref && Held.isAddressedBy(Deref->getSubExpr()))
        return use(UncheckedUseKind::Dereference, Deref, Deref->getSubExpr());
      return Outcome::Continue;
    }
    if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(S)) {
      if (Held.isAddressedBy(Subscript->getBase()))
        return use(UncheckedUseKind::Subscript, Subscript, Subscript->getBase());
      return Outcome::Continue;
    }
    if (const auto *Member = dyn_cast<MemberExpr>(S)) {
      if (Member->isArrow() && Held.isAddressedBy(Member->getBase()))
        return use(UncheckedUseKind::MemberAccess, Member, Member->getBase());
      return Outcome::Continue;
    }
    if (const auto *Assign = dyn_cast<BinaryOperator>(S);
        Assign && Assign->getOpcode() == BO_Assign)
      return visitAssignment(Assign);
    return Outcome::Continue;
  }

  Outcome visitAssignment(const BinaryOperator *Assign) {
    const Expr *Target = Assign->getLHS();
    if (Held.isHeldBy(Target) && !Held.isHeldBy(Assign->getRHS()))
      return Outcome::PathEnds; // overwritten: this is no longer the followed pointer
    if (!Held.isHeldBy(Assign->getRHS()))
      return Outcome::Continue;
    if (Owner && isSameLValue(Target, Owner))
      return use(UncheckedUseKind::OwnerOverwrite, Assign, Assign->getRHS());
    Held.add(Target);
    return Outcome::Continue;
  }

  Outcome visitCall(const CallExpr *Call) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      return Outcome::Continue;
    if (Callee->isNoReturn())
      return endsProgram(Callee, Flow.Context.getLangOpts()) ? Outcome::PathAborts
                                                             : Outcome::PathEnds;
    if (isa<CXXOperatorCallExpr>(Call))
      return Outcome::Continue;
    for (unsigned I = 0, E = Call->getNumArgs(); I < E; ++I) {
      if (NullCheckFlow::isMemoryFunction(Callee) && Held.isAddressedBy(Call->getArg(I)))
        return use(UncheckedUseKind::MemoryFunctionArgument, Call, Call->getArg(I), Callee);
      if (!Held.isHeldBy(Call->getArg(I)))
        continue;
      if (Flow.summarize(Callee, I).ChecksParam)
        return Outcome::PathEnds; // a checking helper such as q_check_ptr with exceptions
    }
    return Outcome::Continue;
  }

  NullCheckFlow &Flow;
  const CFG &Graph;
  ValueHolders Held;
  const Expr *Owner;
  const bool Summarizing;
};

NullCheckFlow::NullCheckFlow(ASTContext &Context, bool AssertIsCheck)
    : Context(Context), AssertIsCheck(AssertIsCheck),
      Graphs(std::make_unique<FunctionGraphs>(Context)) {}

NullCheckFlow::~NullCheckFlow() = default;

static PointerFlow followFrom(NullCheckFlow &Flow, const SourceManager &SM, const CFG &Graph,
                              ElementPosition Store, ValueHolders Held, const Expr *Owner) {
  PointerFlow Result;
  if (!Store.Block)
    return Result;
  PathWalker Walker(Flow, Graph, std::move(Held), Owner, /*Summarizing=*/false);
  Walker.run(Store.Block, Store.Index + 1);
  for (const UncheckedUse &Use : Walker.Uses)
    if (!Result.FirstUse ||
        SM.isBeforeInTranslationUnit(Use.Use->getBeginLoc(), Result.FirstUse->Use->getBeginLoc()))
      Result.FirstUse = Use;
  Result.EveryNullPathAborts = !Walker.SomePathSurvives;
  return Result;
}

bool NullCheckFlow::isReachable(const FunctionDecl *Function, const Stmt *S) {
  const FunctionGraph *G = Graphs->get(Function);
  return G && G->isReachable(S);
}

PointerFlow NullCheckFlow::followAssignment(const FunctionDecl *Function,
                                            const BinaryOperator *Assign, const Expr *Owner) {
  const FunctionGraph *G = Graphs->get(Function);
  if (!G)
    return {};
  ValueHolders Held;
  Held.add(Assign->getLHS());
  return followFrom(*this, Context.getSourceManager(), *G->Graph, G->StmtPositions.lookup(Assign),
                    std::move(Held), Owner);
}

PointerFlow NullCheckFlow::followInitialization(const FunctionDecl *Function, const VarDecl *Var,
                                                const Expr *Owner) {
  const FunctionGraph *G = Graphs->get(Function);
  if (!G)
    return {};
  ValueHolders Held;
  Held.add(Var);
  return followFrom(*this, Context.getSourceManager(), *G->Graph, G->DeclPositions.lookup(Var),
                    std::move(Held), Owner);
}

bool NullCheckFlow::isCopiedBefore(const FunctionDecl *Function, const Expr *Pointer,
                                   const Expr *Before) {
  const FunctionGraph *G = Graphs->get(Function);
  if (!G)
    return false;
  const SourceManager &SM = Context.getSourceManager();
  auto CopiesPointer = [&](const Stmt *Copy, const Expr *Source, const Expr *Target) {
    return Source && isSameLValue(valueSource(Source), Pointer) &&
           !(Target && isSameLValue(Target, Pointer)) &&
           SM.isBeforeInTranslationUnit(Copy->getBeginLoc(), Before->getBeginLoc());
  };
  for (const auto &[S, Position] : G->StmtPositions) {
    if (const auto *Assign = dyn_cast<BinaryOperator>(S);
        Assign && Assign->getOpcode() == BO_Assign &&
        CopiesPointer(Assign, Assign->getRHS(), Assign->getLHS()))
      return true;
  }
  for (const auto &[Var, Position] : G->DeclPositions)
    if (Var->getInit() && CopiesPointer(Var->getInit(), Var->getInit(), nullptr))
      return true;
  return false;
}

PointerParamSummary NullCheckFlow::summarize(const FunctionDecl *Callee, unsigned Param) {
  const FunctionDecl *Definition = nullptr;
  if (!Callee->hasBody(Definition) || Param >= Definition->getNumParams())
    return {};
  // Inserted before the walk so that recursion sees "unknown" and stops.
  auto [It, Inserted] = Summaries.try_emplace({Definition, Param});
  if (!Inserted)
    return It->second;

  const ParmVarDecl *Parameter = Definition->getParamDecl(Param);
  const FunctionGraph *G = Graphs->get(Definition);
  if (!G || !Parameter->getType()->isPointerType())
    return {};

  PointerParamSummary Summary;
  bool SawReturn = false;
  Summary.ReturnsParam = true;
  for (const auto &[S, Position] : G->StmtPositions)
    if (const auto *Return = dyn_cast<ReturnStmt>(S)) {
      SawReturn = true;
      const auto *Ref = Return->getRetValue()
                            ? dyn_cast<DeclRefExpr>(valueSource(Return->getRetValue()))
                            : nullptr;
      if (!Ref || Ref->getDecl() != Parameter)
        Summary.ReturnsParam = false;
    }
  Summary.ReturnsParam &= SawReturn;

  ValueHolders Held;
  Held.add(Parameter);
  PathWalker Walker(*this, *G->Graph, std::move(Held), nullptr, /*Summarizing=*/true);
  Walker.run(&G->Graph->getEntry(), 0);
  Summary.ChecksParam = !Walker.ReachedExit && !Walker.ReturnedUnchecked;
  Summaries[{Definition, Param}] = Summary;
  return Summary;
}

bool NullCheckFlow::isMemoryFunction(const FunctionDecl *Function) {
  static const llvm::StringSet<> Names = {
      "memcpy",   "memmove", "memset",         "memcmp",  "memchr",  "memccpy", "mempcpy",
      "bcopy",    "bzero",   "explicit_bzero", "strcpy",  "strncpy", "strcat",  "strncat",
      "strlen",   "strcmp",  "strncmp",        "strchr",  "strrchr", "strdup",  "wmemcpy",
      "wmemmove", "wmemset", "wcscpy",         "wcsncpy", "wcslen",  "qstrcpy", "qstrncpy",
      "qstrlen",  "qstrcmp", "qstrncmp"};
  const StringRef Name = libraryName(Function);
  return !Name.empty() && Names.contains(Name);
}

} // namespace clang::tidy::pixmapcache
