//===- ValueRange.cpp -----------------------------------------------------===//
#include "ValueRange.h"
#include "CallSites.h"
#include "EdgeDominators.h"
#include "LibraryContracts.h"
#include "VariableReferences.h"
#include "common/ForwardPaths.h"
#include "common/FunctionGraphs.h"
#include "common/LibraryFunctions.h"
#include "common/LocalParents.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/OperationKinds.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/Type.h"
#include "clang/Analysis/Analyses/ExprMutationAnalyzer.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/OperatorKinds.h"
#include "llvm/ADT/APSInt.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <set>
#include <tuple>
#include <utility>
#include <vector>

namespace clang::tidy::pixmapcache {

namespace {

/// Far beyond any 64-bit value and far from the limits of __int128, so that sums and
/// quotients of saturated bounds cannot wrap.
constexpr __int128 Saturated = static_cast<__int128>(1) << 120;

__int128 saturate(__int128 V) { return std::clamp(V, -Saturated, Saturated); }

__int128 saturatingMul(__int128 A, __int128 B) {
  __int128 Product;
  if (__builtin_mul_overflow(A, B, &Product))
    return (A < 0) == (B < 0) ? Saturated : -Saturated;
  return saturate(Product);
}

__int128 floorDiv(__int128 A, __int128 B) { // B > 0
  return A >= 0 ? A / B : -((-A + B - 1) / B);
}
__int128 ceilDiv(__int128 A, __int128 B) { return -floorDiv(-A, B); }

std::optional<__int128> constantValue(const Expr *E, const ASTContext &Context) {
  if (E->isValueDependent() || E->containsErrors() || !E->getType()->isIntegralOrEnumerationType())
    return std::nullopt;
  Expr::EvalResult Result;
  if (!E->EvaluateAsInt(Result, Context) || Result.HasSideEffects)
    return std::nullopt;
  const llvm::APSInt &V = Result.Val.getInt();
  if (V.getSignificantBits() > 100)
    return std::nullopt;
  return V.isSigned() ? static_cast<__int128>(V.getSExtValue())
                      : static_cast<__int128>(V.getZExtValue());
}

const Expr *stripValueCasts(const Expr *E) {
  while (true) {
    E = E->IgnoreParenImpCasts();
    const auto *Cast = dyn_cast<ExplicitCastExpr>(E);
    if (!Cast || !Cast->getType()->isIntegerType() ||
        !Cast->getSubExpr()->getType()->isIntegerType())
      return E;
    E = Cast->getSubExpr();
  }
}

} // namespace

std::optional<IntRange> IntRange::ofType(QualType T, const ASTContext &Context) {
  if (T.isNull() || T->isDependentType() || !T->isIntegralOrEnumerationType())
    return std::nullopt;
  if (T->isBooleanType())
    return IntRange{0, 1};
  if (const auto *Enum = T->getAs<EnumType>()) {
    const EnumDecl *Decl = Enum->getDecl()->getDefinition();
    if (!Decl || Decl->getIntegerType().isNull())
      return std::nullopt;
    T = Decl->getIntegerType();
  }
  const uint64_t Width = Context.getIntWidth(T);
  if (Width > 64)
    return IntRange{-Saturated, Saturated};
  if (T->isSignedIntegerType())
    return IntRange{-(static_cast<__int128>(1) << (Width - 1)),
                    (static_cast<__int128>(1) << (Width - 1)) - 1};
  return IntRange{0, (static_cast<__int128>(1) << Width) - 1};
}

bool IntRange::fitsIn(QualType T, const ASTContext &Context) const {
  std::optional<IntRange> Limits = ofType(T, Context);
  return Limits && Lo >= Limits->Lo && Hi <= Limits->Hi;
}

IntRange IntRange::intersect(IntRange Other) const {
  const IntRange Common{std::max(Lo, Other.Lo), std::min(Hi, Other.Hi)};
  return Common.Lo <= Common.Hi ? Common : *this;
}

IntRange IntRange::unite(IntRange Other) const {
  return {std::min(Lo, Other.Lo), std::max(Hi, Other.Hi)};
}

IntRange multiply(IntRange A, IntRange B) {
  const __int128 Corners[] = {saturatingMul(A.Lo, B.Lo), saturatingMul(A.Lo, B.Hi),
                              saturatingMul(A.Hi, B.Lo), saturatingMul(A.Hi, B.Hi)};
  return {*std::min_element(std::begin(Corners), std::end(Corners)),
          *std::max_element(std::begin(Corners), std::end(Corners))};
}

std::optional<ValueSubject> ValueRanges::subjectOf(const Expr *E) {
  E = stripValueCasts(E);
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
    // Only locals and parameters: a global may change in any call.
    if (Var && Var->hasLocalStorage() && !Var->getType()->isReferenceType() &&
        !Var->getType().isVolatileQualified())
      return ValueSubject{Var->getCanonicalDecl(), nullptr};
    return std::nullopt;
  }
  if (const auto *Member = dyn_cast<MemberExpr>(E)) {
    const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
    if (!Field || Field->getParent()->isUnion())
      return std::nullopt;
    const Expr *Base = Member->getBase()->IgnoreParenImpCasts();
    if (isa<CXXThisExpr>(Base))
      return ValueSubject{nullptr, Field->getCanonicalDecl()};
    // `format.channels` of a local struct.
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Base); Ref && !Member->isArrow()) {
      const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
      if (Var && Var->hasLocalStorage() && !Var->getType()->isReferenceType() &&
          !Var->getType().isVolatileQualified())
        return ValueSubject{Var->getCanonicalDecl(), Field->getCanonicalDecl()};
    }
    return std::nullopt;
  }
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *Method = Call->getMethodDecl();
    if (!Method || !Method->isConst() || Call->getNumArgs() != 0)
      return std::nullopt;
    const Expr *Object = Call->getImplicitObjectArgument();
    if (!Object)
      return std::nullopt;
    Object = Object->IgnoreParenImpCasts();
    if (isa<CXXThisExpr>(Object))
      return ValueSubject{nullptr, Method->getCanonicalDecl()};
    // `image.width()` on a variable or on a const reference to an object.
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Object)) {
      const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
      if (Var && Var->hasLocalStorage() &&
          (!Var->getType()->isReferenceType() ||
           Var->getType()->getPointeeType().isConstQualified()))
        return ValueSubject{Var->getCanonicalDecl(), Method->getCanonicalDecl()};
    }
  }
  return std::nullopt;
}

namespace {

/// Reads what a branch condition says about subjects when it is `Truth`.
class ConditionReader {
public:
  ConditionReader(const ASTContext &Context, std::vector<GuardBound> &Out)
      : Context(Context), Out(Out) {}

  void read(const Expr *Condition, bool Truth) {
    Condition = Condition->IgnoreParenImpCasts();
    if (const auto *Not = dyn_cast<UnaryOperator>(Condition); Not && Not->getOpcode() == UO_LNot)
      return read(Not->getSubExpr(), !Truth);
    if (const auto *Call = dyn_cast<CallExpr>(Condition))
      return readCheckedMultiplication(Call, Truth);
    const auto *Binary = dyn_cast<BinaryOperator>(Condition);
    if (!Binary)
      return;
    if ((Binary->getOpcode() == BO_LAnd && Truth) || (Binary->getOpcode() == BO_LOr && !Truth)) {
      read(Binary->getLHS(), Truth);
      read(Binary->getRHS(), Truth);
      return;
    }
    if (Binary->isComparisonOp())
      readComparison(Binary, Truth);
  }

private:
  /// `Factors` times `Multiplier` is what `E` computes, when it is a product of subjects and
  /// positive constants.
  bool readProduct(const Expr *E, GuardBound &Bound, __int128 &Multiplier) {
    E = stripValueCasts(E);
    if (std::optional<__int128> Constant = constantValue(E, Context)) {
      if (*Constant <= 0)
        return false;
      Multiplier = saturatingMul(Multiplier, *Constant);
      return true;
    }
    if (const auto *Mul = dyn_cast<BinaryOperator>(E); Mul && Mul->getOpcode() == BO_Mul)
      return readProduct(Mul->getLHS(), Bound, Multiplier) &&
             readProduct(Mul->getRHS(), Bound, Multiplier);
    std::optional<ValueSubject> Subject = ValueRanges::subjectOf(E);
    if (!Subject)
      return false;
    Bound.Factors.push_back(*Subject);
    return true;
  }

  void readComparison(const BinaryOperator *Compare, bool Truth) {
    BinaryOperatorKind Op = Compare->getOpcode();
    const Expr *Subject = Compare->getLHS();
    const Expr *Limit = Compare->getRHS();
    if (constantValue(Subject, Context)) {
      std::swap(Subject, Limit);
      Op = BinaryOperator::reverseComparisonOp(Op);
    }
    if (!Truth)
      Op = BinaryOperator::negateComparisonOp(Op);
    GuardBound Bound;
    __int128 Multiplier = 1;
    if (!readProduct(Subject, Bound, Multiplier) || Bound.Factors.empty())
      return;
    std::optional<__int128> K = constantValue(Limit, Context);
    if (!K) {
      // `w > INT_MAX / h` false: w * h <= INT_MAX for positive h.
      const auto *Div = dyn_cast<BinaryOperator>(stripValueCasts(Limit));
      if (!Div || Div->getOpcode() != BO_Div || Multiplier != 1 || Bound.Factors.size() != 1 ||
          (Op != BO_LE && Op != BO_LT))
        return;
      std::optional<__int128> Dividend = constantValue(Div->getLHS(), Context);
      std::optional<ValueSubject> Divisor = ValueRanges::subjectOf(Div->getRHS());
      if (!Dividend || !Divisor || *Dividend < 0)
        return;
      Bound.Factors.push_back(*Divisor);
      Bound.Range = {-Saturated, *Dividend};
      Out.push_back(std::move(Bound));
      return;
    }
    __int128 Lo = -Saturated, Hi = Saturated;
    switch (Op) {
    case BO_GT:
      Lo = ceilDiv(*K + 1, Multiplier);
      break;
    case BO_GE:
      Lo = ceilDiv(*K, Multiplier);
      break;
    case BO_LT:
      Hi = floorDiv(*K - 1, Multiplier);
      break;
    case BO_LE:
      Hi = floorDiv(*K, Multiplier);
      break;
    case BO_EQ:
      Lo = ceilDiv(*K, Multiplier);
      Hi = floorDiv(*K, Multiplier);
      break;
    default:
      return;
    }
    if (Lo > Hi)
      return;
    Bound.Range = {Lo, Hi};
    Out.push_back(std::move(Bound));
  }

  /// `qMulOverflow(a, b, &r)` and `__builtin_mul_overflow(a, b, &r)` (which `ckd_mul`
  /// expands to) are true when `a * b` does not fit `r`: false, they bound the product.
  void readCheckedMultiplication(const CallExpr *Call, bool Truth) {
    const StringRef Name = libraryName(Call->getDirectCallee());
    if (Truth || Call->getNumArgs() != 3 ||
        (Name != "qMulOverflow" && Name != "__builtin_mul_overflow"))
      return;
    const QualType Result = Call->getArg(2)->getType()->getPointeeType();
    std::optional<IntRange> Limits = IntRange::ofType(Result, Context);
    GuardBound Bound;
    __int128 Multiplier = 1;
    if (!Limits || !readProduct(Call->getArg(0), Bound, Multiplier) ||
        !readProduct(Call->getArg(1), Bound, Multiplier) || Bound.Factors.empty())
      return;
    Bound.Range = {floorDiv(Limits->Lo, Multiplier), floorDiv(Limits->Hi, Multiplier)};
    Out.push_back(std::move(Bound));
  }

  const ASTContext &Context;
  std::vector<GuardBound> &Out;
};

struct GuardEdge {
  const CFGBlock *From;
  unsigned Successor;
  std::vector<GuardBound> Bounds;
};

/// A place where a local variable, or one of its fields, may get a new value.
struct ValueWrite {
  enum Kind {
    Assignment, ///< `x = value`: the value is `Value`; unknown (null) for a class's
                ///< `operator=` and for `stream >> x`
    Update,     ///< `x += ...`, `++x`: a value computed from the old one
    Escape,     ///< its address or a non-const reference taken, a non-const method called:
                ///< from here on, other code may change it at any time
  };
  Kind How;
  const Stmt *Where;
  const Decl *Member; ///< the field written; null for the whole variable
  const Expr *Value;  ///< for an assignment, where known
  std::optional<IntRange> Promised = std::nullopt; ///< a library's promise (LibraryContracts.h)
};

/// Whether `E` is only read as a value where it stands (`w` in `w * h`, an lvalue-to-rvalue
/// conversion): such a reference writes nothing and lets nothing escape.
bool isValueRead(const Expr *E, const ParentMap &Parents) {
  const auto *Read = dyn_cast_or_null<ImplicitCastExpr>(Parents.getParent(const_cast<Expr *>(E)));
  return Read && Read->getCastKind() == CK_LValueToRValue;
}

/// Every write to `Var` in `Body`, found from its references.
std::vector<ValueWrite> writesOf(const VarDecl *Var, const Stmt *Body, const ParentMap &Parents,
                                 ExprMutationAnalyzer &Mutations, ASTContext &Context) {
  std::vector<ValueWrite> Writes;
  for (const DeclRefExpr *Ref : referencesTo(Var, Body)) {
    // The written expression: the variable, or `var.field`.
    const Expr *Target = Ref;
    const Decl *Member = nullptr;
    const Stmt *Above = Parents.getParentIgnoreParenImpCasts(const_cast<DeclRefExpr *>(Ref));
    if (const auto *Access = dyn_cast_or_null<MemberExpr>(Above);
        Access && !Access->isArrow() && isa<FieldDecl>(Access->getMemberDecl())) {
      Target = Access;
      Member = Access->getMemberDecl()->getCanonicalDecl();
      Above = Parents.getParentIgnoreParens(Access);
    } else {
      Above = Parents.getParentIgnoreParens(Ref);
    }
    if (const auto *Binary = dyn_cast_or_null<BinaryOperator>(Above);
        Binary && Binary->isAssignmentOp() && Binary->getLHS()->IgnoreParens() == Target) {
      if (Binary->getOpcode() == BO_Assign)
        Writes.push_back({ValueWrite::Assignment, Binary, Member, Binary->getRHS()});
      else
        Writes.push_back({ValueWrite::Update, Binary, Member, nullptr});
      continue;
    }
    // A class's assignment operator replaces the object's value, and `stream >> value` reads
    // one; neither keeps its address.
    if (const auto *Operator = dyn_cast_or_null<CXXOperatorCallExpr>(Above);
        Operator && Operator->getNumArgs() == 2) {
      if (Operator->isAssignmentOp() && Operator->getArg(0)->IgnoreParens() == Target) {
        Writes.push_back(
            {Operator->getOperator() == OO_Equal ? ValueWrite::Assignment : ValueWrite::Update,
             Operator, Member, nullptr});
        continue;
      }
      if (isStreamExtraction(Operator) && Operator->getArg(1)->IgnoreParens() == Target) {
        Writes.push_back({ValueWrite::Assignment, Operator, Member, nullptr});
        continue;
      }
    }
    if (const auto *Unary = dyn_cast_or_null<UnaryOperator>(Above);
        Unary && Unary->isIncrementDecrementOp()) {
      Writes.push_back({ValueWrite::Update, Unary, Member, nullptr});
      continue;
    }
    // `png_get_IHDR(png, info, &width, ...)`: a write whose values the library promises.
    if (const auto *Unary = dyn_cast_or_null<UnaryOperator>(Above);
        Unary && Unary->getOpcode() == UO_AddrOf && !Member) {
      const auto *Call = dyn_cast_or_null<CallExpr>(
          Parents.getParentIgnoreParenImpCasts(const_cast<UnaryOperator *>(Unary)));
      unsigned Index = 0;
      while (Call && Index < Call->getNumArgs() &&
             Call->getArg(Index)->IgnoreParenImpCasts() != Unary)
        ++Index;
      if (Call && Index < Call->getNumArgs())
        if (std::optional<IntRange> Promised = promisedOutput(Call, Index, Context)) {
          Writes.push_back({ValueWrite::Assignment, Call, Member, nullptr, Promised});
          continue;
        }
    }
    // Asked first: ExprMutationAnalyzer searches the whole body for each reference, which is
    // quadratic in a long product chain of one variable.
    if (isValueRead(Target, Parents))
      continue;
    if (Mutations.isMutated(Target))
      Writes.push_back({ValueWrite::Escape, Target, Member, nullptr});
  }
  return Writes;
}

} // namespace

struct ValueRanges::FunctionInfo {
  ASTContext *Context;
  const Stmt *Body;
  const FunctionGraph *Graph;
  std::unique_ptr<ExprMutationAnalyzer> Mutations;
  std::vector<GuardEdge> Guards;
  /// The index in Guards of the guard on each edge that has one.
  llvm::DenseMap<CFGEdge, unsigned> GuardOnEdge;
  // Built on the first question about assignments.
  std::unique_ptr<ParentMap> Parents;
  llvm::DenseMap<const VarDecl *, std::vector<ValueWrite>> Writes;
  /// ExprMutationAnalyzer's answers per declaration, which it does not keep: each question
  /// matches every reference in the body again.
  llvm::DenseMap<const Decl *, bool> Mutated;
  /// Which guard edges dominate each block; built on the first question about guards.
  std::unique_ptr<EdgeDominators> GuardDominators;

  const ParentMap &parents() {
    if (!Parents)
      Parents = std::make_unique<ParentMap>(const_cast<Stmt *>(Body));
    return *Parents;
  }

  bool isMutated(const Decl *D) {
    auto [It, Inserted] = Mutated.try_emplace(D, false);
    if (Inserted)
      It->second = mutates(D);
    return It->second;
  }

  /// ExprMutationAnalyzer searches the whole body for each reference it is asked about: of a
  /// local variable it is asked only about the references that are not plain reads, which
  /// cannot change it. (A function of thousands of `if (w > k) ... w * h` took minutes.)
  bool mutates(const Decl *D) {
    const auto *Var = dyn_cast<VarDecl>(D);
    if (!Var)
      return Mutations->isMutated(D);
    return llvm::any_of(referencesTo(Var, Body), [&](const DeclRefExpr *Ref) {
      return !isValueRead(Ref, parents()) && Mutations->isMutated(Ref);
    });
  }

  const EdgeDominators &guardDominators() {
    if (!GuardDominators) {
      std::vector<CFGEdge> Edges;
      for (const GuardEdge &Edge : Guards)
        Edges.push_back({Edge.From, Edge.Successor});
      GuardDominators = std::make_unique<EdgeDominators>(*Graph->Graph, Edges);
    }
    return *GuardDominators;
  }
};

namespace {

const std::vector<ValueWrite> &writesIn(ValueRanges::FunctionInfo &Info, const VarDecl *Var) {
  auto [Cached, First] = Info.Writes.try_emplace(Var);
  if (First)
    Cached->second = writesOf(Var, Info.Body, Info.parents(), *Info.Mutations, *Info.Context);
  return Cached->second;
}

/// Whether `Var` may get a new value after the guard `Edge` and before `At`, which the edge
/// dominates: a write on a path from the edge to `At` that does not pass the edge again (where
/// it does, the guard checks the new value). An escape counts wherever it is: through the
/// pointer or reference that escaped, any later call may change `Var`.
bool writtenAfterGuard(ValueRanges::FunctionInfo &Info, const GuardEdge &Edge, const Stmt *At,
                       const VarDecl *Var) {
  const FunctionGraph &Graph = *Info.Graph;
  const ElementPosition Use = Graph.StmtPositions.lookup(At);
  const CFGBlock *Start = Edge.Successor < Edge.From->succ_size()
                              ? Edge.From->succs().begin()[Edge.Successor].getReachableBlock()
                              : nullptr;
  if (!Use.Block || !Start)
    return true;
  auto Closure = [&](const CFGBlock *From, bool Forward) {
    llvm::DenseSet<const CFGBlock *> Seen;
    llvm::SmallVector<const CFGBlock *, 16> Work{From};
    while (!Work.empty()) {
      const CFGBlock *Block = Work.pop_back_val();
      for (const CFGBlock::AdjacentBlock &Next : Forward ? Block->succs() : Block->preds()) {
        const CFGBlock *Reached = Next.getReachableBlock();
        if (!Reached || (!Forward && Block == Start && Reached == Edge.From))
          continue; // backwards, the guard edge is not crossed
        if (Seen.insert(Reached).second)
          Work.push_back(Reached);
      }
    }
    return Seen;
  };
  std::optional<llvm::DenseSet<const CFGBlock *>> AfterEdge, BeforeUse;
  for (const ValueWrite &Write : writesIn(Info, Var)) {
    if (Write.How == ValueWrite::Escape)
      return true;
    const ElementPosition Where = Graph.StmtPositions.lookup(Write.Where);
    if (!Where.Block)
      return true; // in a lambda: it may run at any time
    if (!AfterEdge) {
      AfterEdge = Closure(Start, /*Forward=*/true);
      AfterEdge->insert(Start);
      // The blocks from which a path of at least one edge leads to the use's block.
      BeforeUse = Closure(Use.Block, /*Forward=*/false);
    }
    if (AfterEdge->contains(Where.Block) &&
        (BeforeUse->contains(Where.Block) || (Where.Block == Use.Block && Where.Index < Use.Index)))
      return true;
  }
  return false;
}

} // namespace

ValueRanges::ValueRanges(ASTContext &Context, LocalParents &Parents, CallSites &Calls)
    : Context(Context), Parents(Parents), Graphs(std::make_unique<FunctionGraphs>(Context)),
      Calls(Calls) {}
ValueRanges::~ValueRanges() = default;

ValueRanges::FunctionInfo *ValueRanges::infoFor(const FunctionDecl *Function) {
  auto [It, Inserted] = Functions.try_emplace(Function);
  if (!Inserted)
    return It->second.get();
  const FunctionGraph *Graph = Graphs->get(Function);
  if (!Graph)
    return nullptr;
  auto Info = std::make_unique<FunctionInfo>();
  Info->Context = &Context;
  Info->Body = Function->getBody();
  Info->Graph = Graph;
  Info->Mutations = std::make_unique<ExprMutationAnalyzer>(*Function->getBody(), Context);
  for (const CFGBlock *Block : *Graph->Graph) {
    const Expr *Condition = Block->succ_size() == 2 ? Block->getLastCondition() : nullptr;
    if (!Condition)
      continue;
    for (unsigned Successor = 0; Successor != 2; ++Successor) {
      GuardEdge Edge{Block, Successor, {}};
      ConditionReader(Context, Edge.Bounds).read(Condition, Successor == 0);
      if (Edge.Bounds.empty())
        continue;
      Info->GuardOnEdge[{Block, Successor}] = Info->Guards.size();
      Info->Guards.push_back(std::move(Edge));
    }
  }
  It->second = std::move(Info);
  return It->second.get();
}

bool ValueRanges::isUnchanged(const FunctionDecl *Function, const Decl *Var) {
  FunctionInfo *Info = infoFor(Function);
  if (!Info)
    return false;
  const LocalParents::ContextScope Scope = Parents.contextCovering(*Function);
  return !Info->isMutated(Var);
}

std::vector<GuardBound> ValueRanges::boundsAt(const FunctionDecl *Function, const Stmt *At,
                                              llvm::ArrayRef<const Expr *> Operands,
                                              unsigned CallDepth) {
  FunctionInfo *Info = Function ? infoFor(Function) : nullptr;
  if (!Info)
    return {};
  std::vector<GuardBound> Result;
  llvm::SmallVector<const ParmVarDecl *, 2> Parameters;
  {
    const LocalParents::ContextScope Scope = Parents.contextCovering(*Function);
    Result = guardBoundsAt(*Info, At, Operands);
    for (const Expr *Operand : Operands) {
      std::optional<ValueSubject> Subject = subjectOf(Operand);
      if (!Subject)
        continue;
      if (std::optional<IntRange> Range = assignedRange(*Info, At, *Subject))
        Result.push_back({{*Subject}, *Range});
      else if (const auto *Parameter = dyn_cast_or_null<ParmVarDecl>(Subject->Object);
               Parameter && !Subject->Member && Parameter->getDeclContext() == Function)
        Parameters.push_back(Parameter);
    }
  }
  // The callers' bounds come after the scope above is given back: each caller needs its own.
  // Whether the function modifies the parameter is asked last, and only where the callers
  // bound it: the answer matches every reference in the body.
  for (const ParmVarDecl *Parameter : Parameters) {
    std::optional<IntRange> Range = passedRange(Parameter, CallDepth);
    const std::optional<IntRange> Whole = IntRange::ofType(Parameter->getType(), Context);
    if (!Range || (Whole && Range->Lo <= Whole->Lo && Range->Hi >= Whole->Hi))
      continue;
    const LocalParents::ContextScope Scope = Parents.contextCovering(*Function);
    if (!Info->isMutated(Parameter))
      Result.push_back({{ValueSubject{Parameter, nullptr}}, *Range});
  }
  return Result;
}

/// The values that the callers pass to `Parameter`, when they are all known.
std::optional<IntRange> ValueRanges::passedRange(const ParmVarDecl *Parameter, unsigned CallDepth) {
  // Deep enough for a helper called from a helper; each level looks at every caller.
  constexpr unsigned MaxCallDepth = 3;
  if (CallDepth >= MaxCallDepth)
    return std::nullopt;
  if (CallDepth == 0)
    if (auto Known = PassedRanges.find(Parameter); Known != PassedRanges.end())
      return Known->second;
  const auto *Function = dyn_cast<FunctionDecl>(Parameter->getDeclContext());
  const std::vector<const CallExpr *> *Sites = Function ? Calls.allCallsOf(Function) : nullptr;
  if (!Sites || Sites->empty() || !PassedInProgress.insert(Parameter).second)
    return std::nullopt;
  std::optional<IntRange> Range;
  const unsigned Index = Parameter->getFunctionScopeIndex();
  for (const CallExpr *Call : *Sites) {
    if (Index >= Call->getNumArgs()) {
      Range = std::nullopt;
      break;
    }
    const Expr *Argument = Call->getArg(Index);
    const std::vector<GuardBound> Bounds =
        boundsAt(Parents.enclosingCallable(*Call), Argument, {Argument}, CallDepth + 1);
    const IntRange Passed = rangeOf(Argument, Bounds, [](const Expr *) { return false; });
    Range = Range ? Range->unite(Passed) : Passed;
  }
  PassedInProgress.erase(Parameter);
  if (CallDepth == 0)
    PassedRanges[Parameter] = Range;
  return Range;
}

std::vector<GuardBound> ValueRanges::guardBoundsAt(FunctionInfo &Info, const Stmt *At,
                                                   llvm::ArrayRef<const Expr *> Operands) {
  std::vector<GuardBound> Result;
  const CFGBlock *Target = Info.Graph->StmtPositions.lookup(At).Block;
  if (Info.Guards.empty() || !Target)
    return Result;
  // Only the variables the operands name can be subjects of their ranges (rangeOf); a guard
  // on any other variable is not looked at, nor is whether the function modifies it.
  llvm::SmallPtrSet<const Decl *, 8> Named;
  llvm::SmallVector<const Stmt *, 16> Pending(Operands.begin(), Operands.end());
  while (!Pending.empty()) {
    const Stmt *S = Pending.pop_back_val();
    if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(S))
      Named.insert(Ref->getDecl()->getCanonicalDecl());
    if (S)
      Pending.append(S->child_begin(), S->child_end());
  }
  auto Relevant = [&](const GuardBound &Bound) {
    return llvm::all_of(Bound.Factors, [&](const ValueSubject &Factor) {
      return !Factor.Object || Named.contains(Factor.Object);
    });
  };
  // The guard edges that dominate `At`: every path from the entry to it passes them (all of
  // them, vacuously, where no path reaches it). In the order of Info.Guards.
  std::vector<unsigned> Dominating;
  if (std::optional<std::vector<unsigned>> Found = Info.guardDominators().dominating(*Target)) {
    Dominating = std::move(*Found);
    llvm::sort(Dominating);
  } else {
    for (unsigned I = 0; I != Info.Guards.size(); ++I)
      Dominating.push_back(I);
  }
  for (unsigned Index : Dominating) {
    const GuardEdge &Edge = Info.Guards[Index];
    if (llvm::none_of(Edge.Bounds, Relevant))
      continue;
    for (const GuardBound &Bound : Edge.Bounds) {
      if (!Relevant(Bound))
        continue;
      const bool Unchanged = llvm::all_of(Bound.Factors, [&](const ValueSubject &Factor) {
        if (!Factor.Object || !Info.isMutated(Factor.Object))
          return true;
        const auto *Var = dyn_cast<VarDecl>(Factor.Object);
        return Var && !writtenAfterGuard(Info, Edge, At, Var);
      });
      if (Unchanged)
        Result.push_back(Bound);
    }
  }
  return Result;
}

/// The bound that the guard on the edge from `From` to `To` puts on `Subject` alone, if any:
/// `if (w > 4096)` on its false edge.
std::optional<IntRange> edgeBound(const ValueRanges::FunctionInfo &Info, const CFGBlock *From,
                                  const CFGBlock *To, const ValueSubject &Subject) {
  unsigned Successor = 0;
  for (const CFGBlock::AdjacentBlock &Next : From->succs()) {
    if (Next.getReachableBlock() == To)
      break;
    ++Successor;
  }
  const auto Guard = Info.GuardOnEdge.find({From, Successor});
  if (Guard == Info.GuardOnEdge.end())
    return std::nullopt;
  for (const GuardBound &Bound : Info.Guards[Guard->second].Bounds)
    if (Bound.Factors.size() == 1 && Bound.Factors.front() == Subject)
      return Bound.Range;
  return std::nullopt;
}

/// Walks backwards from `At` to the assignments that reach it. On each path the nearest
/// assignment of the subject gives a value, within the bounds of the guard edges passed
/// between it and `At` (the clamp `if (w > 4096) w = 4096;` assigns on one edge and bounds on
/// the other), and the path goes on only to look for escapes: an escape anywhere before `At`
/// (after the declaration) may change the value later, through the pointer or reference that
/// escaped. A write of an unknown value (an update, a stream read), the declaration without
/// an initial value and, for a parameter, the entry give only what those guards allow.
std::optional<IntRange> ValueRanges::assignedRange(FunctionInfo &Info, const Stmt *At,
                                                   const ValueSubject &Subject) {
  const auto *Var = dyn_cast_or_null<VarDecl>(Subject.Object);
  if (!Var || (Subject.Member && !isa<FieldDecl>(Subject.Member)))
    return std::nullopt;
  const FunctionGraph &Graph = *Info.Graph;
  const ElementPosition Use = Graph.StmtPositions.lookup(At);
  const ElementPosition Declared = Graph.DeclPositions.lookup(Var);
  if (!Use.Block || (!Declared.Block && !isa<ParmVarDecl>(Var)))
    return std::nullopt;

  llvm::DenseMap<std::pair<const CFGBlock *, unsigned>, const ValueWrite *> WriteAt;
  for (const ValueWrite &Write : writesIn(Info, Var)) {
    if (Write.Member && Write.Member != Subject.Member)
      continue; // another field
    const ElementPosition Where = Graph.StmtPositions.lookup(Write.Where);
    if (!Where.Block)
      return std::nullopt; // in a lambda: it may run at any time
    WriteAt[{Where.Block, Where.Index}] = &Write;
  }

  std::optional<IntRange> Range;
  // A value that reaches `At` on one path: what was assigned, within what the guards passed
  // on the way from there to `At` allow.
  auto Include = [&](IntRange Value, const std::optional<IntRange> &Guarded) {
    if (Guarded)
      Value = Value.intersect(*Guarded);
    Range = Range ? Range->unite(Value) : Value;
  };
  auto RangeOf = [&](const Expr *Value) {
    return rangeOf(Value, {}, [](const Expr *) { return false; });
  };
  struct Item {
    const CFGBlock *Block;
    unsigned End;  // the elements before it are looked at, last first
    bool Assigned; // an assignment was found on this path: only escapes matter now
    std::optional<IntRange> Guarded; // the guard edges passed so far, before an assignment
  };
  llvm::SmallVector<Item, 16> Work{{Use.Block, Use.Index, false, std::nullopt}};
  std::set<std::tuple<const CFGBlock *, bool, bool, __int128, __int128>> Entered;
  // Each block is entered once per distinct guarded range: a long function of differently
  // guarded paths has many. Past this many, the value is unknown, as for an escape.
  constexpr size_t MaxEntered = 4096;
  while (!Work.empty()) {
    if (Entered.size() > MaxEntered)
      return std::nullopt;
    Item Here = Work.pop_back_val();
    // A value nothing says more about: what the guards on the way allow, if they say anything.
    auto IncludeGuarded = [&] {
      if (!Here.Guarded)
        return false;
      Include(*Here.Guarded, std::nullopt);
      return true;
    };
    bool Ends = false;
    for (unsigned I = Here.End; I-- > 0;) {
      if (Here.Block == Declared.Block && I == Declared.Index) {
        // The declaration reached without an assignment: its initial value counts, when the
        // subject is the whole variable and it has one.
        if (!Here.Assigned) {
          if (!Subject.Member && Var->getInit())
            Include(RangeOf(Var->getInit()), Here.Guarded);
          else if (!IncludeGuarded())
            return std::nullopt;
        }
        Ends = true;
        break;
      }
      const ValueWrite *Write = WriteAt.lookup({Here.Block, I});
      if (!Write)
        continue;
      if (Write->How == ValueWrite::Escape)
        return std::nullopt;
      if (Here.Assigned)
        continue;
      // An update, a whole-object assignment for a field, `stream >> value`: a new value that
      // only the guards after it bound.
      if (Write->How == ValueWrite::Update || Write->Member != Subject.Member ||
          (!Write->Promised && !Write->Value)) {
        if (!IncludeGuarded())
          return std::nullopt;
      } else {
        Include(Write->Promised ? *Write->Promised : RangeOf(Write->Value), Here.Guarded);
      }
      Here.Assigned = true;
    }
    if (Ends)
      continue;
    // The entry, not through the declaration: a parameter's value as passed.
    if (Here.Block->pred_empty()) {
      if (!Here.Assigned && !IncludeGuarded())
        return std::nullopt;
      continue;
    }
    for (const CFGBlock::AdjacentBlock &Pred : Here.Block->preds()) {
      const CFGBlock *Previous = Pred.getReachableBlock();
      if (!Previous)
        continue;
      std::optional<IntRange> Guarded = Here.Guarded;
      if (!Here.Assigned)
        if (std::optional<IntRange> Bound = edgeBound(Info, Previous, Here.Block, Subject))
          Guarded = Guarded ? Guarded->intersect(*Bound) : *Bound;
      if (Here.Assigned)
        Guarded = std::nullopt;
      if (Entered
              .insert({Previous, Here.Assigned, Guarded.has_value(), Guarded ? Guarded->Lo : 0,
                       Guarded ? Guarded->Hi : 0})
              .second)
        Work.push_back({Previous, static_cast<unsigned>(Previous->size()), Here.Assigned, Guarded});
    }
  }
  return Range;
}

IntRange ValueRanges::rangeOf(const Expr *E, llvm::ArrayRef<GuardBound> Bounds,
                              llvm::function_ref<bool(const Expr *)> NonNegative) const {
  if (std::optional<__int128> Constant = constantValue(E, Context))
    return IntRange::point(*Constant);
  const IntRange Unknown =
      IntRange::ofType(E->getType(), Context).value_or(IntRange{-Saturated, Saturated});
  E = E->IgnoreParens();
  if (const auto *Cast = dyn_cast<CastExpr>(E)) {
    if (!Cast->getSubExpr()->getType()->isIntegralOrEnumerationType())
      return Unknown;
    const IntRange Inner = rangeOf(Cast->getSubExpr(), Bounds, NonNegative);
    return Inner.Lo >= Unknown.Lo && Inner.Hi <= Unknown.Hi ? Inner : Unknown;
  }

  IntRange Range = Unknown;
  auto Of = [&](const Expr *Sub) { return rangeOf(Sub, Bounds, NonNegative); };
  if (const auto *Binary = dyn_cast<BinaryOperator>(E)) {
    std::optional<IntRange> Computed;
    const IntRange L = Of(Binary->getLHS()), R = Of(Binary->getRHS());
    switch (Binary->getOpcode()) {
    case BO_Add:
      Computed = {saturate(L.Lo + R.Lo), saturate(L.Hi + R.Hi)};
      break;
    case BO_Sub:
      Computed = {saturate(L.Lo - R.Hi), saturate(L.Hi - R.Lo)};
      break;
    case BO_Mul:
      Computed = multiply(L, R);
      break;
    case BO_Div:
      if (R.Lo > 0) {
        const __int128 Q[] = {L.Lo / R.Lo, L.Lo / R.Hi, L.Hi / R.Lo, L.Hi / R.Hi};
        Computed = {*std::min_element(std::begin(Q), std::end(Q)),
                    *std::max_element(std::begin(Q), std::end(Q))};
      }
      break;
    case BO_Rem:
      if (R.Lo > 0)
        Computed = L.Lo >= 0 ? IntRange{0, std::min(L.Hi, R.Hi - 1)} : IntRange{1 - R.Hi, R.Hi - 1};
      break;
    case BO_And:
      if (L.Lo >= 0 || R.Lo >= 0)
        Computed = {0, L.Lo >= 0 && R.Lo >= 0 ? std::min(L.Hi, R.Hi) : (L.Lo >= 0 ? L.Hi : R.Hi)};
      break;
    case BO_Shr:
      // Arithmetic for negative values, as C++20 defines it and clang always did.
      if (R.Lo == R.Hi && R.Lo >= 0 && R.Lo < 64)
        Computed = {L.Lo >> static_cast<int>(R.Lo), L.Hi >> static_cast<int>(R.Lo)};
      break;
    default:
      break;
    }
    // A result outside the type wrapped or overflowed: only the type's range is known.
    if (Computed && Computed->Lo >= Unknown.Lo && Computed->Hi <= Unknown.Hi)
      Range = *Computed;
  } else if (const auto *Conditional = dyn_cast<ConditionalOperator>(E)) {
    Range = Of(Conditional->getTrueExpr()).unite(Of(Conditional->getFalseExpr()));
  } else if (const auto *Call = dyn_cast<CallExpr>(E)) {
    const StringRef Name = libraryName(Call->getDirectCallee());
    if (std::optional<IntRange> Promised = promisedResult(Call)) {
      Range = *Promised;
    } else if ((Name == "qMin" || Name == "min") && Call->getNumArgs() == 2) {
      const IntRange A = Of(Call->getArg(0)), B = Of(Call->getArg(1));
      Range = {std::min(A.Lo, B.Lo), std::min(A.Hi, B.Hi)};
    } else if ((Name == "qMax" || Name == "max") && Call->getNumArgs() == 2) {
      const IntRange A = Of(Call->getArg(0)), B = Of(Call->getArg(1));
      Range = {std::max(A.Lo, B.Lo), std::max(A.Hi, B.Hi)};
    } else if ((Name == "qBound" || Name == "clamp") && Call->getNumArgs() == 3) {
      // qBound(min, value, max) and std::clamp(value, lo, hi)
      const bool IsQt = Name == "qBound";
      const IntRange Lo = Of(Call->getArg(IsQt ? 0 : 1)), Hi = Of(Call->getArg(2));
      Range = {Lo.Lo, std::max(Lo.Lo, Hi.Hi)};
    }
  } else if (const auto *Member = dyn_cast<MemberExpr>(E)) {
    if (const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
        Field && Field->isBitField() && !Field->getBitWidth()->isValueDependent()) {
      const unsigned Width = Field->getBitWidthValue(Context);
      if (Width > 0 && Width < 64)
        Range = Field->getType()->isSignedIntegerType()
                    ? IntRange{-(static_cast<__int128>(1) << (Width - 1)),
                               (static_cast<__int128>(1) << (Width - 1)) - 1}
                    : IntRange{0, (static_cast<__int128>(1) << Width) - 1};
    }
  }

  if (std::optional<ValueSubject> Subject = subjectOf(E))
    for (const GuardBound &Bound : Bounds)
      if (Bound.Factors.size() == 1 && Bound.Factors.front() == *Subject)
        Range = Range.intersect(Bound.Range);
  if (NonNegative(E) && Range.Hi >= 0)
    Range.Lo = std::max<__int128>(Range.Lo, 0);
  return Range;
}

bool ValueRanges::productMayOverflow(llvm::ArrayRef<const Expr *> Operands, QualType T,
                                     llvm::ArrayRef<GuardBound> Bounds,
                                     llvm::function_ref<bool(const Expr *)> NonNegative) const {
  llvm::SmallVector<IntRange, 4> Ranges;
  llvm::SmallVector<std::optional<ValueSubject>, 4> Subjects;
  for (const Expr *Operand : Operands) {
    Ranges.push_back(rangeOf(Operand, Bounds, NonNegative));
    Subjects.push_back(subjectOf(Operand));
  }
  // Every intermediate product must fit, not only the last one.
  for (size_t Count = 2; Count <= Operands.size(); ++Count) {
    llvm::SmallVector<bool, 4> Used(Count, false);
    IntRange Product = IntRange::point(1);
    // A guard on a product of several operands (`w * h <= kMaxPixels`) bounds them together.
    for (const GuardBound &Bound : Bounds) {
      if (Bound.Factors.size() < 2)
        continue;
      llvm::SmallVector<size_t, 4> Matched;
      for (const ValueSubject &Factor : Bound.Factors) {
        for (size_t I = 0; I != Count; ++I)
          if (!Used[I] && Subjects[I] && *Subjects[I] == Factor &&
              !llvm::is_contained(Matched, I)) {
            Matched.push_back(I);
            break;
          }
      }
      if (Matched.size() != Bound.Factors.size())
        continue;
      IntRange Group = IntRange::point(1);
      for (size_t I : Matched) {
        Used[I] = true;
        Group = multiply(Group, Ranges[I]);
      }
      Product = multiply(Product, Group.intersect(Bound.Range));
    }
    for (size_t I = 0; I != Count; ++I)
      if (!Used[I])
        Product = multiply(Product, Ranges[I]);
    if (!Product.fitsIn(T, Context))
      return true;
  }
  return false;
}

} // namespace clang::tidy::pixmapcache
