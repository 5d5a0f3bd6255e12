//===- UseAfterInsertCheck.cpp - pixmapcache-use-after-insert -------------===//
#include "UseAfterInsertCheck.h"
#include "PixmapCacheCheck.h"
#include "common/ExprEquivalence.h"
#include "common/ForwardPaths.h"
#include "common/FunctionGraphs.h"
#include "common/LibraryCode.h"
#include "common/LocalParents.h"
#include "common/SourceText.h"
#include "common/ValueHolders.h"

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/OperationKinds.h"
#include "clang/AST/Stmt.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/DiagnosticIDs.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSwitch.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

using namespace clang::ast_matchers;

namespace clang::tidy::pixmapcache {

namespace {

/// What the paths after an insert know about the object.
enum class Phase : unsigned {
  Unchecked, ///< the insert's result is not known: the object is deleted if it failed
  Deleted,   ///< the insert returned false: the object is deleted
  Kept,      ///< the insert returned true, and the cache has not changed since
  Evicted,   ///< kept, but the cache changed since and may have deleted it
};

struct PathState {
  Phase Now = Phase::Unchecked;
  const CXXMemberCallExpr *Mutation = nullptr; ///< the change that may have evicted it
};

enum class UseKind {
  Dereference,
  MemberAccess,
  Subscript,
  Argument,
  Returned,
  Stored,
  DeletedAgain
};

struct DanglingUse {
  UseKind Kind;
  const Stmt *Where;
  PathState State;
};

/// The value of `E` as a statement sees it: without parentheses, implicit casts and the
/// temporaries' bookkeeping.
const Expr *bare(const Expr *E) { return E ? E->IgnoreParenImpCasts() : nullptr; }

/// Follows one inserted object along the paths after its insert.
class InsertFollower {
public:
  InsertFollower(const CXXMemberCallExpr *Insert, const VarDecl *ResultVar, ValueHolders Object)
      : Insert(Insert), Cache(bare(Insert->getImplicitObjectArgument())), Key(Insert->getArg(0)),
        ResultVar(ResultVar), Object(std::move(Object)) {}

  llvm::SmallVector<DanglingUse, 4> Uses;

  // The walkForwardPaths client.
  bool visit(const Stmt *S, PathState &State) {
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(S)) {
      if (Call == Insert)
        return true;
      if (isOnThisCache(Call)) {
        const StringRef Name = methodName(Call);
        if (Name == "take" && Call->getNumArgs() == 1 && isSameLValue(Call->getArg(0), Key))
          return false; // ownership comes back to the caller
        if (State.Now == Phase::Kept && mayEvict(Call, Name))
          State = {Phase::Evicted, Call};
      }
    }
    if (const auto *Decls = dyn_cast<DeclStmt>(S))
      return Object.followDeclarations(Decls);
    if (const auto *Assign = dyn_cast<BinaryOperator>(S);
        Assign && Assign->getOpcode() == BO_Assign) {
      const bool StoresObject = Object.isHeldBy(Assign->getRHS());
      if (!StoresObject)
        return !Object.isHeldBy(Assign->getLHS()); // overwritten: another object now
      if (isLocalVariable(Assign->getLHS())) {
        Object.add(Assign->getLHS());
        return true;
      }
      return use(UseKind::Stored, Assign, State);
    }
    if (const auto *Return = dyn_cast<ReturnStmt>(S))
      return !Return->getRetValue() || !Object.isHeldBy(Return->getRetValue()) ||
             use(UseKind::Returned, Return, State);
    if (const auto *Deref = dyn_cast<UnaryOperator>(S))
      return Deref->getOpcode() != UO_Deref || !Object.isAddressedBy(Deref->getSubExpr()) ||
             use(UseKind::Dereference, Deref, State);
    if (const auto *Member = dyn_cast<MemberExpr>(S))
      return !Member->isArrow() || !Object.isAddressedBy(Member->getBase()) ||
             use(UseKind::MemberAccess, Member, State);
    if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(S))
      return !Object.isAddressedBy(Subscript->getBase()) ||
             use(UseKind::Subscript, Subscript, State);
    if (const auto *Delete = dyn_cast<CXXDeleteExpr>(S))
      return !Object.isHeldBy(Delete->getArgument()) || use(UseKind::DeletedAgain, Delete, State);
    if (const auto *Call = dyn_cast<CallExpr>(S))
      return llvm::none_of(Call->arguments(),
                           [this](const Expr *Arg) { return Object.isHeldBy(Arg); }) ||
             use(UseKind::Argument, Call, State);
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(S))
      return llvm::none_of(Construct->arguments(),
                           [this](const Expr *Arg) { return Object.isHeldBy(Arg); }) ||
             use(UseKind::Argument, Construct, State);
    return true;
  }

  std::optional<PathState> enter(const CFGBlock *From, unsigned Successor,
                                 const PathState &State) const {
    if (State.Now != Phase::Unchecked || From->succ_size() != 2)
      return State;
    const Expr *Condition = From->getLastCondition();
    std::optional<bool> TrueMeansInserted = Condition ? testsResult(Condition) : std::nullopt;
    if (!TrueMeansInserted)
      return State;
    const bool Inserted = (Successor == 0) == *TrueMeansInserted;
    return PathState{Inserted ? Phase::Kept : Phase::Deleted, nullptr};
  }

  void reachedExit(const PathState &) {}

  static std::uintptr_t key(const PathState &State) {
    // Mutation points to an aligned node: its low bits are free for the phase.
    return reinterpret_cast<std::uintptr_t>(State.Mutation) |
           static_cast<std::uintptr_t>(State.Now);
  }

private:
  /// Records a use; it matters unless the insert is known to have kept the object.
  bool use(UseKind Kind, const Stmt *Where, const PathState &State) {
    if (State.Now == Phase::Kept)
      return true;
    Uses.push_back({Kind, Where, State});
    return false; // the first use on a path is the finding
  }

  bool isOnThisCache(const CXXMemberCallExpr *Call) const {
    return isSameLValue(bare(Call->getImplicitObjectArgument()), Cache);
  }

  static StringRef methodName(const CXXMemberCallExpr *Call) {
    const CXXMethodDecl *Method = Call->getMethodDecl();
    return Method && Method->getIdentifier() ? Method->getName() : StringRef();
  }

  /// Inserting another object and lowering the limit trim the cache, clear() empties it,
  /// remove() deletes the entry of its key (only this object's key matters).
  bool mayEvict(const CXXMemberCallExpr *Call, StringRef Name) const {
    if (Name == "insert" || Name == "setMaxCost" || Name == "clear")
      return true;
    return Name == "remove" && Call->getNumArgs() == 1 && isSameLValue(Call->getArg(0), Key);
  }

  static bool isLocalVariable(const Expr *E) {
    const auto *Ref = dyn_cast<DeclRefExpr>(bare(E));
    const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    return Var && Var->hasLocalStorage() && !Var->getType()->isReferenceType();
  }

  /// Whether `Condition` being true means the insert succeeded (true) or failed (false).
  std::optional<bool> testsResult(const Expr *Condition) const {
    Condition = bare(Condition);
    if (const auto *Not = dyn_cast<UnaryOperator>(Condition); Not && Not->getOpcode() == UO_LNot) {
      if (std::optional<bool> Inner = testsResult(Not->getSubExpr()))
        return !*Inner;
      return std::nullopt;
    }
    if (Condition == Insert)
      return true;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Condition); Ref && ResultVar)
      if (Ref->getDecl()->getCanonicalDecl() == ResultVar->getCanonicalDecl())
        return true;
    return std::nullopt;
  }

  const CXXMemberCallExpr *Insert;
  const Expr *Cache;
  const Expr *Key;
  const VarDecl *ResultVar;
  ValueHolders Object;
};

/// The variable the insert's result is kept in (`bool ok = cache.insert(...)`), if any.
const VarDecl *resultVariable(const CXXMemberCallExpr *Insert, LocalParents &Parents) {
  const Expr *Value = Insert;
  while (true) {
    ParentNodes Above = Parents.of(*Value);
    if (Above.size() != 1)
      return nullptr;
    if (const auto *Var = Above[0].get<VarDecl>())
      return Var;
    const auto *Parent = Above[0].get<Expr>();
    if (!Parent)
      return nullptr;
    if (const auto *Assign = dyn_cast<BinaryOperator>(Parent)) {
      const auto *Target = Assign->getOpcode() == BO_Assign
                               ? dyn_cast<DeclRefExpr>(bare(Assign->getLHS()))
                               : nullptr;
      return Target ? dyn_cast<VarDecl>(Target->getDecl()) : nullptr;
    }
    if (!isa<ImplicitCastExpr, ParenExpr, ExprWithCleanups>(Parent))
      return nullptr;
    Value = Parent;
  }
}

std::string spell(const Expr *E, const ASTContext &Context) {
  return tokenText(bare(E)->getSourceRange(), Context).str();
}

} // namespace

UseAfterInsertCheck::UseAfterInsertCheck(StringRef Name, ClangTidyContext *Context)
    : PixmapCacheCheck(Name, Context),
      CacheClasses(utils::options::parseStringList(Options.get("CacheClasses", ""))) {}

UseAfterInsertCheck::~UseAfterInsertCheck() = default;

void UseAfterInsertCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "CacheClasses", utils::options::serializeStringList(CacheClasses));
}

void UseAfterInsertCheck::startTranslationUnit() {
  Graphs.reset();
  ReportedInserts.clear();
}

void UseAfterInsertCheck::registerMatchers(MatchFinder *Finder) {
  std::vector<StringRef> Classes{"::QCache"};
  Classes.insert(Classes.end(), CacheClasses.begin(), CacheClasses.end());
  const auto OwningInsert =
      cxxMethodDecl(hasName("insert"), hasParameter(1, hasType(pointerType())),
                    ofClass(cxxRecordDecl(hasAnyName(Classes))));
  Finder->addMatcher(
      cxxMemberCallExpr(unless(isExpansionInLibraryCode()), callee(OwningInsert)).bind("insert"),
      this);
}

void UseAfterInsertCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Insert = Result.Nodes.getNodeAs<CXXMemberCallExpr>("insert");
  if (Insert->containsErrors() || Insert->getNumArgs() < 2 || !Insert->getImplicitObjectArgument())
    return;
  // Only an object the function can name again can be used again.
  const Expr *Object = bare(Insert->getArg(1));
  const auto *ObjectRef = dyn_cast<DeclRefExpr>(Object);
  if (!(ObjectRef && isa<VarDecl>(ObjectRef->getDecl())) && !isa<MemberExpr>(Object))
    return;
  ASTContext &Context = *Result.Context;
  const FunctionDecl *Function = parents(Context).enclosingCallable(*Insert);
  if (!Function)
    return;
  // In a template the call resolves only in instantiations; report it once.
  if (!ReportedInserts.insert(Insert->getBeginLoc()).second)
    return;

  if (!Graphs)
    Graphs = std::make_unique<FunctionGraphs>(Context);
  const FunctionGraph *G = Graphs->get(Function);
  if (!G || !G->isReachable(Insert))
    return;

  ValueHolders Held;
  Held.add(Object);
  InsertFollower Follower(Insert, resultVariable(Insert, parents(Context)), std::move(Held));
  const ElementPosition At = G->StmtPositions.lookup(Insert);
  walkForwardPaths(*G->Graph, At.Block, At.Index + 1, PathState{}, Follower);
  if (Follower.Uses.empty())
    return;
  const SourceManager &SM = Context.getSourceManager();
  const DanglingUse &First =
      *llvm::min_element(Follower.Uses, [&SM](const DanglingUse &A, const DanglingUse &B) {
        return SM.isBeforeInTranslationUnit(A.Where->getBeginLoc(), B.Where->getBeginLoc());
      });

  const std::string Name = spell(Object, Context);
  const std::string InsertName =
      (Insert->getMethodDecl()->getParent()->getName() + "::insert").str();
  const auto Kind = static_cast<int>(First.Kind);
  constexpr StringRef UseText = "'%0' is %select{dereferenced|used to access a member|indexed|"
                                "passed on|returned|stored|deleted again}1";

  switch (First.State.Now) {
  case Phase::Unchecked:
    diag(First.Where->getBeginLoc(), (UseText + " after '%2' may have deleted it").str())
        << Name << Kind << InsertName;
    diag(Insert->getBeginLoc(),
         "'%0' deletes the object and returns false when its cost exceeds maxCost(); this "
         "result is not checked",
         DiagnosticIDs::Note)
        << InsertName;
    break;
  case Phase::Deleted:
    diag(First.Where->getBeginLoc(), (UseText + " after '%2' failed and deleted it").str())
        << Name << Kind << InsertName;
    diag(Insert->getBeginLoc(), "'%0' returned false here and deleted '%1'", DiagnosticIDs::Note)
        << InsertName << Name;
    break;
  case Phase::Evicted: {
    const CXXMemberCallExpr *Mutation = First.State.Mutation;
    const std::string MutationName = Mutation->getMethodDecl()->getName().str();
    diag(First.Where->getBeginLoc(),
         (UseText + " after '%2' may have evicted it from the cache and deleted it").str())
        << Name << Kind << MutationName;
    diag(Mutation->getBeginLoc(),
         "%select{inserting makes room by deleting the least recently used entries|"
         "lowering the limit deletes entries until the cache fits|"
         "'clear' deletes every entry|'remove' deletes the entry of this key}0",
         DiagnosticIDs::Note)
        << llvm::StringSwitch<int>(MutationName)
               .Case("insert", 0)
               .Case("setMaxCost", 1)
               .Case("clear", 2)
               .Default(3);
    diag(Insert->getBeginLoc(), "'%0' was handed to the cache here", DiagnosticIDs::Note) << Name;
    diag(Insert->getBeginLoc(),
         "look the object up again with 'object()' after changing the cache, or copy what "
         "you need before the change",
         DiagnosticIDs::Note);
    return;
  }
  case Phase::Kept:
    return;
  }
  diag(Insert->getBeginLoc(),
       "check the result of 'insert' before using the object, or use 'pxc::CostCache', "
       "whose insert takes a std::unique_ptr and hands the object back when it is rejected",
       DiagnosticIDs::Note);
}

} // namespace clang::tidy::pixmapcache
