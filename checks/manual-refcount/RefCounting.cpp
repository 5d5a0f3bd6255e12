//===- RefCounting.cpp ----------------------------------------------------===//
#include "RefCounting.h"
#include "common/ExprEquivalence.h"
#include "common/LibraryCode.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclBase.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/OperationKinds.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/Stmt.h"
#include "clang/AST/Type.h"
#include "clang/Basic/OperatorKinds.h"
#include "llvm/ADT/APSInt.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSwitch.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <utility>

namespace clang::tidy::pixmapcache {

bool Counter::matches(const Counter &Other) const {
  if (Decl && Other.Decl)
    return Decl->getCanonicalDecl() == Other.Decl->getCanonicalDecl();
  const IdentifierInfo *A = Decl ? Decl->getIdentifier() : Name;
  const IdentifierInfo *B = Other.Decl ? Other.Decl->getIdentifier() : Other.Name;
  return A && A == B;
}

std::string Counter::displayName() const {
  if (Decl)
    return Decl->getQualifiedNameAsString();
  return Name ? Name->getName().str() : std::string();
}

const void *Counter::key() const {
  return Decl ? static_cast<const void *>(Decl->getCanonicalDecl())
              : static_cast<const void *>(Name);
}

/// `E` without parentheses, implicit casts and implicit conversion calls (an atomic read as
/// `int` through `operator int()`).
static const Expr *strip(const Expr *E) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    const auto *Conversion = dyn_cast<CXXMemberCallExpr>(E);
    if (!Conversion || !isa_and_nonnull<CXXConversionDecl>(Conversion->getMethodDecl()))
      return E;
    E = Conversion->getImplicitObjectArgument();
  }
  return E;
}

std::optional<Counter> counterOf(const Expr *E) {
  E = strip(E);
  if (!E)
    return std::nullopt;
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    return Counter{Member->getMemberDecl(), nullptr};
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return Counter{Ref->getDecl(), nullptr};
  if (const auto *Dependent = dyn_cast<CXXDependentScopeMemberExpr>(E)) {
    if (const IdentifierInfo *Name = Dependent->getMember().getAsIdentifierInfo())
      return Counter{nullptr, Name};
    return std::nullopt;
  }
  // A count kept in a separate block (`*count`, `block[0]`) is named by its pointer.
  if (const auto *Deref = dyn_cast<UnaryOperator>(E); Deref && Deref->getOpcode() == UO_Deref)
    return counterOf(Deref->getSubExpr());
  if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E))
    return counterOf(Subscript->getBase());
  return std::nullopt;
}

const Expr *counterHolder(const Expr *CounterLValue) {
  const Expr *E = strip(CounterLValue);
  while (E) {
    if (const auto *Member = dyn_cast<MemberExpr>(E)) {
      const Expr *Base = Member->getBase()->IgnoreParenImpCasts();
      if (Member->isArrow() || isa<CXXThisExpr>(Base))
        return Base;
      E = Base;
      continue;
    }
    if (const auto *Dependent = dyn_cast<CXXDependentScopeMemberExpr>(E)) {
      if (Dependent->isImplicitAccess())
        return nullptr;
      const Expr *Base = Dependent->getBase()->IgnoreParenImpCasts();
      if (Dependent->isArrow() || isa<CXXThisExpr>(Base))
        return Base;
      E = Base;
      continue;
    }
    if (const auto *Deref = dyn_cast<UnaryOperator>(E); Deref && Deref->getOpcode() == UO_Deref)
      return Deref->getSubExpr()->IgnoreParenImpCasts();
    if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E))
      return Subscript->getBase()->IgnoreParenImpCasts();
    return nullptr;
  }
  return nullptr;
}

/// The value of a constant integer (or bool) expression.
static std::optional<llvm::APSInt> constantOf(const Expr *E, const ASTContext &Context) {
  if (!E || E->isValueDependent() || E->isTypeDependent() || E->containsErrors())
    return std::nullopt;
  return E->getIntegerConstantExpr(Context);
}

/// +1 or -1 for a step of one, 0 otherwise.
static int stepOf(const Expr *E, const ASTContext &Context) {
  std::optional<llvm::APSInt> Value = constantOf(E, Context);
  if (!Value)
    return 0;
  if (*Value == 1)
    return 1;
  if (Value->isSigned() && *Value == -1)
    return -1;
  return 0;
}

static bool isCountType(QualType Type) {
  if (Type.isNull())
    return false;
  // `--d->ref` on a `T *d` in a template: the type is known only per instantiation.
  if (Type->isDependentType())
    return true;
  if (const auto *Atomic = Type->getAs<AtomicType>())
    Type = Atomic->getValueType();
  return Type->isIntegerType() && !Type->isBooleanType();
}

/// An update by `Sign * Step`, if that is one up or one down.
static std::optional<CounterUpdate> update(int Sign, int Step, const Expr *Counter,
                                           UpdateValue Value) {
  if (Sign * Step == 0)
    return std::nullopt;
  return CounterUpdate{Sign * Step > 0 ? CountOp::Increment : CountOp::Decrement, Counter, Value};
}

/// `ref.fetch_sub(1)`, `ref.deref()` and their relatives, `Object` being `ref`.
static std::optional<CounterUpdate> memberUpdate(StringRef Name, const Expr *Object,
                                                 const CallExpr *Call, bool ReturnsBool,
                                                 const ASTContext &Context) {
  if (!Object)
    return std::nullopt;
  if (Call->getNumArgs() == 0) {
    // QAtomicInt::ref() and deref() return whether the count is still non-zero.
    if (!ReturnsBool)
      return std::nullopt;
    if (Name == "ref")
      return CounterUpdate{CountOp::Increment, Object, UpdateValue::StillReferenced};
    if (Name == "deref")
      return CounterUpdate{CountOp::Decrement, Object, UpdateValue::StillReferenced};
    return std::nullopt;
  }
  const int Sign = llvm::StringSwitch<int>(Name)
                       .Cases("fetch_add", "fetchAndAddRelaxed", "fetchAndAddAcquire", 1)
                       .Cases("fetchAndAddRelease", "fetchAndAddOrdered", 1)
                       .Cases("fetch_sub", "fetchAndSubRelaxed", "fetchAndSubAcquire", -1)
                       .Cases("fetchAndSubRelease", "fetchAndSubOrdered", -1)
                       .Default(0);
  return update(Sign, stepOf(Call->getArg(0), Context), Object, UpdateValue::OldValue);
}

/// The counter whose address a builtin takes: `&d->ref`, or a pointer to the count.
static const Expr *addressedCounter(const Expr *Address) {
  Address = Address->IgnoreParenImpCasts();
  if (const auto *AddrOf = dyn_cast<UnaryOperator>(Address);
      AddrOf && AddrOf->getOpcode() == UO_AddrOf)
    return AddrOf->getSubExpr();
  return Address;
}

/// `__atomic_sub_fetch(&ref, 1, order)` and the C11 `__c11_atomic_fetch_sub`.
static std::optional<CounterUpdate> atomicBuiltinUpdate(const AtomicExpr *Atomic,
                                                        const ASTContext &Context) {
  int Sign = 0;
  UpdateValue Value = UpdateValue::OldValue;
  switch (Atomic->getOp()) {
  case AtomicExpr::AO__atomic_fetch_add:
  case AtomicExpr::AO__c11_atomic_fetch_add:
    Sign = 1;
    break;
  case AtomicExpr::AO__atomic_fetch_sub:
  case AtomicExpr::AO__c11_atomic_fetch_sub:
    Sign = -1;
    break;
  case AtomicExpr::AO__atomic_add_fetch:
    Sign = 1;
    Value = UpdateValue::NewValue;
    break;
  case AtomicExpr::AO__atomic_sub_fetch:
    Sign = -1;
    Value = UpdateValue::NewValue;
    break;
  default:
    return std::nullopt;
  }
  return update(Sign, stepOf(Atomic->getVal1(), Context), addressedCounter(Atomic->getPtr()),
                Value);
}

/// The legacy `__sync` builtins and the Windows interlocked functions.
static std::optional<CounterUpdate> builtinUpdate(const CallExpr *Call, const ASTContext &Context) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || !Callee->getIdentifier() || Call->getNumArgs() == 0)
    return std::nullopt;
  const Expr *Counter = addressedCounter(Call->getArg(0));
  const int Step = Call->getNumArgs() < 2 ? 0 : stepOf(Call->getArg(1), Context);
  return llvm::StringSwitch<std::optional<CounterUpdate>>(Callee->getName())
      .Case("__sync_fetch_and_add", update(1, Step, Counter, UpdateValue::OldValue))
      .Case("__sync_fetch_and_sub", update(-1, Step, Counter, UpdateValue::OldValue))
      .Case("__sync_add_and_fetch", update(1, Step, Counter, UpdateValue::NewValue))
      .Case("__sync_sub_and_fetch", update(-1, Step, Counter, UpdateValue::NewValue))
      .Case("InterlockedIncrement", update(1, 1, Counter, UpdateValue::NewValue))
      .Case("InterlockedDecrement", update(-1, 1, Counter, UpdateValue::NewValue))
      .Default(std::nullopt);
}

std::optional<CounterUpdate> counterUpdate(const Expr *E, const ASTContext &Context) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Unary = dyn_cast<UnaryOperator>(E)) {
    if (!Unary->isIncrementDecrementOp() || !isCountType(Unary->getSubExpr()->getType()))
      return std::nullopt;
    return CounterUpdate{Unary->isIncrementOp() ? CountOp::Increment : CountOp::Decrement,
                         Unary->getSubExpr(),
                         Unary->isPrefix() ? UpdateValue::NewValue : UpdateValue::OldValue};
  }
  if (const auto *Compound = dyn_cast<CompoundAssignOperator>(E)) {
    if (!isCountType(Compound->getLHS()->getType()))
      return std::nullopt;
    const int Sign = Compound->getOpcode() == BO_AddAssign   ? 1
                     : Compound->getOpcode() == BO_SubAssign ? -1
                                                             : 0;
    return update(Sign, stepOf(Compound->getRHS(), Context), Compound->getLHS(),
                  UpdateValue::NewValue);
  }
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(E)) {
    // std::atomic and QAtomicInteger return the integer value; an iterator's ++ returns
    // the iterator and is no count.
    if (!isCountType(Operator->getType()) || Operator->getNumArgs() == 0)
      return std::nullopt;
    const Expr *Object = Operator->getArg(0);
    switch (Operator->getOperator()) {
    case OO_PlusPlus:
    case OO_MinusMinus:
      return CounterUpdate{
          Operator->getOperator() == OO_PlusPlus ? CountOp::Increment : CountOp::Decrement, Object,
          Operator->getNumArgs() == 1 ? UpdateValue::NewValue : UpdateValue::OldValue};
    case OO_PlusEqual:
    case OO_MinusEqual: {
      if (Operator->getNumArgs() != 2)
        return std::nullopt;
      return update(Operator->getOperator() == OO_PlusEqual ? 1 : -1,
                    stepOf(Operator->getArg(1), Context), Object, UpdateValue::NewValue);
    }
    default:
      return std::nullopt;
    }
  }
  if (const auto *Atomic = dyn_cast<AtomicExpr>(E))
    return atomicBuiltinUpdate(Atomic, Context);
  if (const auto *MemberCall = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *Method = MemberCall->getMethodDecl();
    if (!Method || !Method->getIdentifier())
      return std::nullopt;
    return memberUpdate(Method->getName(), MemberCall->getImplicitObjectArgument(), MemberCall,
                        Method->getReturnType()->isBooleanType(), Context);
  }
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    // In a template, `d->ref.deref()` is a call of a member that is not resolved yet.
    if (const auto *Dependent =
            dyn_cast<CXXDependentScopeMemberExpr>(Call->getCallee()->IgnoreParens())) {
      const IdentifierInfo *Name = Dependent->getMember().getAsIdentifierInfo();
      if (!Name || Dependent->isImplicitAccess())
        return std::nullopt;
      return memberUpdate(Name->getName(), Dependent->getBase(), Call, /*ReturnsBool=*/true,
                          Context);
    }
    return builtinUpdate(Call, Context);
  }
  return std::nullopt;
}

namespace {

/// A decrement's value, or a counter read just after a decrement statement.
struct DecrementValue {
  UpdateValue Value;
  const Expr *Counter;
  const Expr *Decrement;
};

} // namespace

static std::optional<DecrementValue> decrementValue(const Expr *E, const Expr *Preceding,
                                                    const ASTContext &Context) {
  E = strip(E);
  if (!E)
    return std::nullopt;
  if (std::optional<CounterUpdate> Update = counterUpdate(E, Context)) {
    if (Update->Op != CountOp::Decrement)
      return std::nullopt;
    return DecrementValue{Update->Value, Update->Counter, E};
  }
  // `ref.fetch_sub(1) - 1` is the new value.
  if (const auto *Minus = dyn_cast<BinaryOperator>(E); Minus && Minus->getOpcode() == BO_Sub) {
    if (stepOf(Minus->getRHS(), Context) != 1)
      return std::nullopt;
    std::optional<DecrementValue> Old = decrementValue(Minus->getLHS(), nullptr, Context);
    if (!Old || Old->Value != UpdateValue::OldValue)
      return std::nullopt;
    Old->Value = UpdateValue::NewValue;
    return Old;
  }
  // `--ref; if (ref == 0)`: the counter read after a decrement statement is its new value.
  if (!Preceding)
    return std::nullopt;
  std::optional<CounterUpdate> Before = counterUpdate(Preceding, Context);
  if (!Before || Before->Op != CountOp::Decrement)
    return std::nullopt;
  const Expr *Read = E;
  // Explicit atomic loads read the counter too.
  if (const auto *Load = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *Method = Load->getMethodDecl();
    if (Load->getNumArgs() > 1 || !Method || !Method->getIdentifier() ||
        !llvm::is_contained({StringRef("load"), StringRef("loadRelaxed"), StringRef("loadAcquire")},
                            Method->getName()))
      return std::nullopt;
    Read = Load->getImplicitObjectArgument();
  }
  if (!isSameLValue(Read, Before->Counter))
    return std::nullopt;
  return DecrementValue{UpdateValue::NewValue, Before->Counter, Preceding};
}

/// Whether `Value op K` (after a decrement) is true exactly when the count reached zero
/// (returns true), exactly when it did not (false), or neither.
static std::optional<bool> comparisonMeansRelease(UpdateValue Value, BinaryOperatorKind Op,
                                                  const llvm::APSInt &K) {
  if (Value == UpdateValue::StillReferenced) {
    if (K != 0 && K != 1)
      return std::nullopt;
    const bool ComparesWithFalse = K == 0;
    if (Op == BO_EQ)
      return ComparesWithFalse;
    if (Op == BO_NE)
      return !ComparesWithFalse;
    return std::nullopt;
  }
  // Counts are positive before a decrement: the new value is >= 0, the old one >= 1.
  const int64_t Zero = Value == UpdateValue::NewValue ? 0 : 1;
  if (!K.isRepresentableByInt64())
    return std::nullopt;
  const int64_t C = K.getExtValue();
  switch (Op) {
  case BO_EQ:
    return C == Zero ? std::optional<bool>(true) : std::nullopt;
  case BO_LE:
    return C == Zero ? std::optional<bool>(true) : std::nullopt;
  case BO_LT:
    return C == Zero + 1 ? std::optional<bool>(true) : std::nullopt;
  case BO_NE:
    return C == Zero ? std::optional<bool>(false) : std::nullopt;
  case BO_GT:
    return C == Zero ? std::optional<bool>(false) : std::nullopt;
  case BO_GE:
    return C == Zero + 1 ? std::optional<bool>(false) : std::nullopt;
  default:
    return std::nullopt;
  }
}

static BinaryOperatorKind mirrored(BinaryOperatorKind Op) {
  switch (Op) {
  case BO_LT:
    return BO_GT;
  case BO_GT:
    return BO_LT;
  case BO_LE:
    return BO_GE;
  case BO_GE:
    return BO_LE;
  default:
    return Op;
  }
}

std::optional<ReleaseTest> releaseTest(const Expr *Cond, bool WhenTrue,
                                       const Expr *PrecedingStatement, const ASTContext &Context) {
  if (!Cond)
    return std::nullopt;
  const Expr *E = Cond->IgnoreParenImpCasts();
  if (const auto *Not = dyn_cast<UnaryOperator>(E); Not && Not->getOpcode() == UO_LNot)
    return releaseTest(Not->getSubExpr(), !WhenTrue, PrecedingStatement, Context);
  if (const auto *Binary = dyn_cast<BinaryOperator>(E)) {
    const BinaryOperatorKind Op = Binary->getOpcode();
    // `a && b` is true only if both are; `a || b` is false only if both are.
    if ((Op == BO_LAnd && WhenTrue) || (Op == BO_LOr && !WhenTrue)) {
      if (auto Test = releaseTest(Binary->getLHS(), WhenTrue, PrecedingStatement, Context))
        return Test;
      return releaseTest(Binary->getRHS(), WhenTrue, nullptr, Context);
    }
    if (!Binary->isComparisonOp())
      return std::nullopt;
    const Expr *Value = Binary->getLHS();
    std::optional<llvm::APSInt> K = constantOf(Binary->getRHS(), Context);
    BinaryOperatorKind Compare = Op;
    if (!K) {
      K = constantOf(Binary->getLHS(), Context);
      Value = Binary->getRHS();
      Compare = mirrored(Op);
    }
    if (!K)
      return std::nullopt;
    std::optional<DecrementValue> Decrement = decrementValue(Value, PrecedingStatement, Context);
    if (!Decrement)
      return std::nullopt;
    std::optional<bool> Release = comparisonMeansRelease(Decrement->Value, Compare, *K);
    if (!Release || *Release != WhenTrue)
      return std::nullopt;
    return ReleaseTest{Decrement->Counter, Decrement->Decrement};
  }
  // `bool last = !--ref; if (last)`.
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
    if (!Var || !Var->isLocalVarDecl() || !Var->getInit())
      return std::nullopt;
    return releaseTest(Var->getInit(), WhenTrue, nullptr, Context);
  }
  // A bare value is true while the count is not zero (an old value always is).
  std::optional<DecrementValue> Decrement = decrementValue(E, PrecedingStatement, Context);
  if (!Decrement || Decrement->Value == UpdateValue::OldValue || WhenTrue)
    return std::nullopt;
  return ReleaseTest{Decrement->Counter, Decrement->Decrement};
}

//===----------------------------------------------------------------------===//
// The index of a translation unit
//===----------------------------------------------------------------------===//

struct RefCountIndex::FunctionEvents {
  struct Event {
    const Expr *E;
    /// Set for counter updates.
    std::optional<CountOp> Op;
    std::optional<Counter> Updated;
    /// Set for calls: the callee, or null for a call that is not resolved (in a template).
    const FunctionDecl *Callee = nullptr;
    bool IsCall = false;
  };
  llvm::SmallVector<Event, 8> Events;
  bool TakesLock = false;
};

namespace {

bool isLockName(StringRef Name) {
  return llvm::is_contained({StringRef("lock"), StringRef("lockForRead"), StringRef("lockForWrite"),
                             StringRef("pthread_mutex_lock"), StringRef("EnterCriticalSection")},
                            Name);
}

bool isLockGuardClass(const CXXRecordDecl *Record) {
  if (!Record || !Record->getIdentifier())
    return false;
  StringRef Name = Record->getName();
  return Name.ends_with("Locker") ||
         llvm::is_contained({StringRef("lock_guard"), StringRef("unique_lock"),
                             StringRef("scoped_lock"), StringRef("shared_lock")},
                            Name);
}

/// Records the updates and calls of one function body in source order.
class EventCollector {
public:
  EventCollector(const ASTContext &Context, RefCountIndex::FunctionEvents &Out)
      : Context(Context), Out(Out) {}

  void collect(const Stmt *S) {
    if (!S)
      return;
    if (const auto *E = dyn_cast<Expr>(S))
      record(E);
    for (const Stmt *Child : S->children())
      collect(Child);
  }

private:
  void record(const Expr *E) {
    if (std::optional<CounterUpdate> Update = counterUpdate(E, Context)) {
      // The implicit casts around an update are visited too; record the update once.
      if (E->IgnoreParenImpCasts() != E)
        return;
      Out.Events.push_back({E, Update->Op, counterOf(Update->Counter), nullptr, false});
      return;
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
      if (isLockGuardClass(Construct->getConstructor()->getParent()))
        Out.TakesLock = true;
      Out.Events.push_back({E, std::nullopt, std::nullopt, Construct->getConstructor(), true});
      return;
    }
    const auto *Call = dyn_cast<CallExpr>(E);
    if (!Call)
      return;
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (Callee && Callee->getIdentifier() && isLockName(Callee->getName()))
      Out.TakesLock = true;
    Out.Events.push_back({E, std::nullopt, std::nullopt, Callee, true});
  }

  const ASTContext &Context;
  RefCountIndex::FunctionEvents &Out;
};

class IndexBuilder : public RecursiveASTVisitor<IndexBuilder> {
public:
  IndexBuilder(ASTContext &Context,
               llvm::DenseMap<const FunctionDecl *, std::unique_ptr<RefCountIndex::FunctionEvents>>
                   &Functions)
      : Context(Context), Functions(Functions) {}

  bool TraverseDecl(Decl *D) {
    // Qt's and the standard library's own counting is theirs to get right.
    if (D && !isa<TranslationUnitDecl>(D) && isDeclaredInLibrary(D))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }

  bool VisitFunctionDecl(FunctionDecl *Function) {
    if (!Function->doesThisDeclarationHaveABody() || Function->isInvalidDecl())
      return true;
    auto Events = std::make_unique<RefCountIndex::FunctionEvents>();
    EventCollector Collector(Context, *Events);
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Function))
      for (const CXXCtorInitializer *Init : Ctor->inits())
        Collector.collect(Init->getInit());
    Collector.collect(Function->getBody());
    Functions[Function] = std::move(Events);
    return true;
  }

private:
  ASTContext &Context;
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<RefCountIndex::FunctionEvents>> &Functions;
};

/// Whether a call the index cannot see into may update a counter of `Related` records.
bool mayTouch(const FunctionDecl *Callee, llvm::ArrayRef<const CXXRecordDecl *> Related) {
  if (Callee && isDeclaredInLibrary(Callee))
    return false;
  auto IsRelated = [&](const CXXRecordDecl *Record) {
    return Record && llvm::any_of(Related, [&](const CXXRecordDecl *R) {
             return R && R->getCanonicalDecl() == Record->getCanonicalDecl();
           });
  };
  if (!Callee)
    return true;
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
      Method && IsRelated(Method->getParent()))
    return true;
  for (const ParmVarDecl *Param : Callee->parameters()) {
    QualType Type = Param->getType();
    if (Type->isPointerType() || Type->isReferenceType())
      Type = Type->getPointeeType();
    if (IsRelated(Type->getAsCXXRecordDecl()))
      return true;
    if (Type->isPointerType() && IsRelated(Type->getPointeeCXXRecordDecl()))
      return true;
  }
  return false;
}

} // namespace

RefCountIndex::RefCountIndex(ASTContext &Context) {
  IndexBuilder(Context, Functions).TraverseAST(Context);
  for (const auto &Entry : Functions)
    for (const FunctionEvents::Event &Event : Entry.second->Events)
      if (Event.Op == CountOp::Increment && Event.Updated)
        Incremented.push_back(*Event.Updated);
}

RefCountIndex::~RefCountIndex() = default;

bool RefCountIndex::isIncrementedAnywhere(const Counter &C) const {
  return llvm::any_of(Incremented, [&](const Counter &I) { return I.matches(C); });
}

bool RefCountIndex::takesLock(const FunctionDecl *Function) const {
  const FunctionDecl *Definition = nullptr;
  if (!Function || !Function->hasBody(Definition))
    return false;
  auto It = Functions.find(Definition);
  return It != Functions.end() && It->second->TakesLock;
}

CountSummary RefCountIndex::summarize(const FunctionDecl *Function, const Counter &C,
                                      llvm::ArrayRef<const CXXRecordDecl *> Related) {
  llvm::DenseSet<const FunctionDecl *> Visiting;
  return summarize(Function, C, Related, Visiting);
}

CountSummary RefCountIndex::summarize(const FunctionDecl *Function, const Counter &C,
                                      llvm::ArrayRef<const CXXRecordDecl *> Related,
                                      llvm::DenseSet<const FunctionDecl *> &Visiting) {
  CountSummary Summary;
  const FunctionDecl *Definition = nullptr;
  if (!Function || !Function->hasBody(Definition))
    return Summary;
  const auto Key =
      std::make_tuple(Definition, C.key(), Related.empty() ? nullptr : Related.front());
  if (auto Memo = Summaries.find(Key); Memo != Summaries.end())
    return Memo->second;
  auto It = Functions.find(Definition);
  // Recursion: the cycle adds nothing the outer call does not already see.
  if (It == Functions.end() || !Visiting.insert(Definition).second)
    return Summary;

  auto Note = [&](CountOp Op, const Expr *Where) {
    const bool First = !Summary.Increments && !Summary.Decrements;
    if (Op == CountOp::Increment) {
      Summary.Increments = true;
      return;
    }
    if (!Summary.Decrements)
      Summary.FirstDecrement = Where;
    Summary.Decrements = true;
    if (First)
      Summary.DecrementsFirst = true;
  };
  for (const FunctionEvents::Event &Event : It->second->Events) {
    if (Event.Op) {
      if (Event.Updated && Event.Updated->matches(C))
        Note(*Event.Op, Event.E);
      continue;
    }
    const FunctionDecl *CalleeDefinition = nullptr;
    if (Event.Callee && Event.Callee->hasBody(CalleeDefinition) &&
        Functions.count(CalleeDefinition)) {
      const CountSummary Inner = summarize(CalleeDefinition, C, Related, Visiting);
      if (Inner.Decrements && Inner.DecrementsFirst)
        Note(CountOp::Decrement, Event.E);
      if (Inner.Increments)
        Note(CountOp::Increment, Event.E);
      if (Inner.Decrements && !Inner.DecrementsFirst)
        Note(CountOp::Decrement, Event.E);
      Summary.CallsUnknown |= Inner.CallsUnknown;
      continue;
    }
    if (!CalleeDefinition && mayTouch(Event.Callee, Related))
      Summary.CallsUnknown = true;
  }
  Visiting.erase(Definition);
  Summaries[Key] = Summary;
  return Summary;
}

} // namespace clang::tidy::pixmapcache
