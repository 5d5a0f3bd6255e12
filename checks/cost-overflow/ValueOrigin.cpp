//===- ValueOrigin.cpp ----------------------------------------------------===//
#include "ValueOrigin.h"
#include "CallSites.h"
#include "VariableReferences.h"
#include "common/LibraryFunctions.h"
#include "common/LocalParents.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/OperationKinds.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/Stmt.h"
#include "clang/AST/Type.h"
#include "clang/Basic/OperatorKinds.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSwitch.h"

#include <memory>
#include <vector>

namespace clang::tidy::pixmapcache {

namespace {

/// Deep enough for a helper called from a helper, as in ValueRanges.
constexpr unsigned MaxCallDepth = 3;

/// Whether `Function`'s body is in the main file: the unit's own code, which the program
/// controls, rather than a library's (whose inline bodies a header brings).
bool isDefinedInUnit(const FunctionDecl *Function, const ASTContext &Context) {
  const FunctionDecl *Definition = nullptr;
  if (!Function || !Function->hasBody(Definition))
    return false;
  const SourceManager &SM = Context.getSourceManager();
  return SM.isInMainFile(SM.getExpansionLoc(Definition->getLocation()));
}

/// Whether every argument is a number: such a function computes from them (`qRound`,
/// `qCeil`, `qt_depthForFormat(format)`) rather than reading data of its own.
bool takesOnlyNumbers(const CallExpr *Call, unsigned First) {
  for (unsigned I = First; I < Call->getNumArgs(); ++I) {
    const QualType T = Call->getArg(I)->IgnoreParenImpCasts()->getType();
    if (!T->isArithmeticType() && !T->isEnumeralType())
      return false;
  }
  return true;
}

/// Whether `Call` returns a pointer found from its arguments, all numbers or pointers
/// (`qobject_cast<View *>(parent())`, `std::addressof(x)`): an object that the program
/// already holds, rather than data the library produces.
bool returnsPointerFromArguments(const CallExpr *Call) {
  if (Call->getNumArgs() == 0 || !Call->getType()->isPointerType())
    return false;
  return llvm::all_of(Call->arguments(), [](const Expr *Argument) {
    const QualType T = Argument->IgnoreParenImpCasts()->getType();
    return T->isArithmeticType() || T->isEnumeralType() || T->isPointerType();
  });
}

/// `qMin`/`std::min`/`qBound`/`std::clamp` are bounded by their weakest argument, `qMax` and
/// `std::max` by their strongest; 0 for any other function.
int boundingKind(const FunctionDecl *Callee) {
  return llvm::StringSwitch<int>(libraryName(Callee))
      .Cases("qMin", "min", "qBound", "clamp", -1)
      .Cases("qMax", "max", 1)
      .Default(0);
}

/// Whether `Method` belongs to a class that only this unit defines (a private class in a
/// `.cpp`, also `Outer::Private` declared in a header and defined here): its callers are all
/// here, but not all seen (virtual calls, connections).
bool isMemberOfUnitClass(const CXXMethodDecl *Method, const ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  for (const auto *Record = Method->getParent(); Record;
       Record = dyn_cast<CXXRecordDecl>(Record->getDeclContext())) {
    const CXXRecordDecl *Definition = Record->getDefinition();
    if (Definition && SM.isInMainFile(SM.getExpansionLoc(Definition->getLocation())))
      return true;
  }
  return false;
}

} // namespace

ValueOrigins::ValueOrigins(ASTContext &Context, LocalParents &Parents, CallSites &Calls)
    : Context(Context), Parents(Parents), Calls(Calls) {}
ValueOrigins::~ValueOrigins() = default;

ValueOrigin ValueOrigins::of(const Expr *E, const FunctionDecl *Function, unsigned CallDepth) {
  if (!E || E->containsErrors() || E->isValueDependent() || E->isTypeDependent())
    return ValueOrigin::program(ValueOrigin::NotFollowed, nullptr, SourceLocation());
  if (E->getType()->isIntegralOrEnumerationType() && E->isIntegerConstantExpr(Context))
    return ValueOrigin::constant();
  E = E->IgnoreParens();
  auto Of = [&](const Expr *Sub) { return of(Sub, Function, CallDepth); };

  if (const auto *Cast = dyn_cast<CastExpr>(E))
    return Of(Cast->getSubExpr());
  if (isa<IntegerLiteral, CharacterLiteral, FloatingLiteral, StringLiteral, CXXBoolLiteralExpr,
          CXXNullPtrLiteralExpr, UnaryExprOrTypeTraitExpr, GNUNullExpr>(E))
    return ValueOrigin::constant();
  if (const auto *Temporary = dyn_cast<MaterializeTemporaryExpr>(E))
    return Of(Temporary->getSubExpr());
  if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(E))
    return Of(Cleanups->getSubExpr());
  if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E))
    return Of(Bind->getSubExpr());
  if (const auto *Default = dyn_cast<CXXDefaultArgExpr>(E))
    return Of(Default->getExpr());
  if (const auto *Default = dyn_cast<CXXDefaultInitExpr>(E))
    return Of(Default->getExpr());
  if (isa<CXXThisExpr>(E))
    return ValueOrigin::program(ValueOrigin::Field, nullptr, E->getExprLoc());

  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    if (isa<EnumConstantDecl>(Ref->getDecl()))
      return ValueOrigin::constant();
    const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
    if (!Var)
      return ValueOrigin::program(ValueOrigin::NotFollowed, nullptr, E->getExprLoc());
    if (const auto *Parameter = dyn_cast<ParmVarDecl>(Var))
      return ofParameter(Parameter, CallDepth);
    if (Var->hasLocalStorage())
      return ofLocal(Var, Function, CallDepth);
    return ValueOrigin::program(ValueOrigin::Global, Var, E->getExprLoc());
  }
  if (const auto *Member = dyn_cast<MemberExpr>(E)) {
    const Expr *Base = Member->getBase()->IgnoreParenImpCasts();
    if (isa<VarDecl>(Member->getMemberDecl()))
      return ValueOrigin::program(ValueOrigin::Global, Member->getMemberDecl(),
                                  E->getExprLoc());
    if (isa<CXXThisExpr>(Base))
      return ValueOrigin::program(ValueOrigin::Field, Member->getMemberDecl(),
                                  E->getExprLoc());
    // A field of a class with constructors (`src->width` of a QImageData) describes the
    // object; one of a plain struct (`header.width`) is only a number it carries.
    const auto *Record = dyn_cast<CXXRecordDecl>(Member->getMemberDecl()->getDeclContext());
    const ValueOrigin Read = Of(Base);
    return Record && Record->hasDefinition() && !Record->isAggregate() ? Read.ofObject() : Read;
  }
  if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E))
    return Of(Subscript->getBase());
  if (const auto *Unary = dyn_cast<UnaryOperator>(E))
    return Of(Unary->getSubExpr());
  if (const auto *Binary = dyn_cast<BinaryOperator>(E)) {
    if (Binary->getOpcode() == BO_Comma || Binary->isAssignmentOp())
      return Of(Binary->getRHS());
    return Of(Binary->getLHS()).strongest(Of(Binary->getRHS()));
  }
  if (const auto *Conditional = dyn_cast<AbstractConditionalOperator>(E))
    return Of(Conditional->getTrueExpr()).strongest(Of(Conditional->getFalseExpr()));
  if (const auto *List = dyn_cast<InitListExpr>(E)) {
    ValueOrigin Result = ValueOrigin::constant();
    for (const Expr *Init : List->inits())
      Result = Result.strongest(Of(Init));
    return Result;
  }
  if (isa<CallExpr, CXXConstructExpr>(E))
    return ofCall(E, Function, CallDepth);
  return ValueOrigin::program(ValueOrigin::NotFollowed, nullptr, E->getExprLoc());
}

ValueOrigin ValueOrigins::ofCall(const Expr *E, const FunctionDecl *Function,
                                 unsigned CallDepth) {
  auto Of = [&](const Expr *Sub) { return of(Sub, Function, CallDepth); };
  auto OfArguments = [&](auto Arguments, ValueOrigin Result) {
    for (const Expr *Argument : Arguments)
      Result = Result.strongest(Of(Argument));
    return Result;
  };
  // `QSize(w, h)`, a copy of an image: what they are built from.
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    return OfArguments(Construct->arguments(), ValueOrigin::constant());

  const auto *Call = cast<CallExpr>(E);
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (const int Bounding = boundingKind(Callee); Bounding != 0 && Call->getNumArgs() > 0) {
    ValueOrigin Result = Of(Call->getArg(0));
    for (const Expr *Argument : llvm::drop_begin(Call->arguments()))
      Result = Bounding < 0 ? Result.weakest(Of(Argument)) : Result.strongest(Of(Argument));
    return Result;
  }
  // `list[i]`, `*it`, `it->width`, `size * 2`: what the object and the operands hold.
  if (isa<CXXOperatorCallExpr>(Call))
    return OfArguments(Call->arguments(), ValueOrigin::constant());
  if (const auto *MemberCall = dyn_cast<CXXMemberCallExpr>(Call)) {
    const Expr *Object = MemberCall->getImplicitObjectArgument();
    if (!Object)
      return ValueOrigin::program(ValueOrigin::NotFollowed, nullptr, E->getExprLoc());
    // `width()` in a member function: the object's own state.
    if (isa<CXXThisExpr>(Object->IgnoreParenImpCasts()))
      return ValueOrigin::program(ValueOrigin::Field, MemberCall->getMethodDecl(),
                                  E->getExprLoc());
    return OfArguments(MemberCall->arguments(), Of(Object).ofObject());
  }
  if (!Callee)
    return ValueOrigin::program(ValueOrigin::NotFollowed, nullptr, E->getExprLoc());
  if (isDefinedInUnit(Callee, Context))
    return ValueOrigin::program(ValueOrigin::UnitFunction, Callee, E->getExprLoc());
  if ((Call->getNumArgs() > 0 && takesOnlyNumbers(Call, 0)) || returnsPointerFromArguments(Call))
    return OfArguments(Call->arguments(), ValueOrigin::constant());
  return ValueOrigin::outside(ValueOrigin::LibraryResult, Callee, E->getExprLoc());
}

ValueOrigin ValueOrigins::ofParameter(const ParmVarDecl *Parameter, unsigned CallDepth) {
  const auto *Function = dyn_cast<FunctionDecl>(Parameter->getDeclContext());
  auto Unseen = [&] {
    return ValueOrigin::program(ValueOrigin::UnseenCallers, Parameter, Parameter->getLocation());
  };
  if (!Function)
    return Unseen();
  if (const std::vector<const CallExpr *> *Sites = Calls.allCallsOf(Function)) {
    if (CallDepth >= MaxCallDepth || Sites->empty())
      return Unseen();
    if (CallDepth == 0)
      if (auto It = Known.find(Parameter); It != Known.end())
        return It->second;
    if (!InProgress.insert(Parameter).second)
      return ValueOrigin::constant();
    ValueOrigin Result = ValueOrigin::constant();
    const unsigned Index = Parameter->getFunctionScopeIndex();
    for (const CallExpr *Call : *Sites) {
      const Expr *Argument =
          Index < Call->getNumArgs() ? Call->getArg(Index) : Parameter->getDefaultArg();
      Result = Result.strongest(of(Argument, Parents.enclosingCallable(*Call), CallDepth + 1));
    }
    InProgress.erase(Parameter);
    if (CallDepth == 0)
      Known[Parameter] = Result;
    return Result;
  }
  const auto *Method = dyn_cast<CXXMethodDecl>(Function);
  if (!Function->isExternallyVisible() || onlyUnitCanName(Function, Context) ||
      (Method && (Method->getParent()->isLambda() || isMemberOfUnitClass(Method, Context))))
    return Unseen();
  return ValueOrigin::outside(ValueOrigin::ExportedParameter, Parameter,
                              Parameter->getLocation());
}

ValueOrigin ValueOrigins::ofLocal(const VarDecl *Var, const FunctionDecl *Function,
                                  unsigned CallDepth) {
  Var = Var->getCanonicalDecl();
  if (const auto *Owner = dyn_cast_or_null<FunctionDecl>(Var->getParentFunctionOrMethod()))
    Function = Owner;
  if (!Function || !Function->hasBody())
    return ValueOrigin::program(ValueOrigin::NotFollowed, Var, Var->getLocation());
  if (CallDepth == 0)
    if (auto It = Known.find(Var); It != Known.end())
      return It->second;
  if (!InProgress.insert(Var).second)
    return ValueOrigin::constant();
  ValueOrigin Result = Var->getInit() ? of(Var->getInit(), Function, CallDepth)
                                      : ValueOrigin::constant();
  Result = Result.strongest(ofWrites(Var, Function, CallDepth));
  InProgress.erase(Var);
  if (CallDepth == 0)
    Known[Var] = Result;
  return Result;
}

/// What the writes of `Var` (or of its fields) in `Function` put into it: assignments,
/// stream reads, calls that take its address or a non-const reference to it, non-const
/// member calls on it.
ValueOrigin ValueOrigins::ofWrites(const VarDecl *Var, const FunctionDecl *Function,
                                   unsigned CallDepth) {
  const ParentMap &Map = parentsIn(Function);
  auto Of = [&](const Expr *Sub) { return of(Sub, Function, CallDepth); };
  // A call that gets the variable to write into: its own code, or a library's.
  auto WrittenBy = [&](const FunctionDecl *Callee, const CallExpr *Call) {
    if (!Callee)
      return ValueOrigin::program(ValueOrigin::NotFollowed, nullptr, Call->getExprLoc());
    if (isDefinedInUnit(Callee, Context))
      return ValueOrigin::program(ValueOrigin::UnitFunction, Callee, Call->getExprLoc());
    return ValueOrigin::outside(ValueOrigin::WrittenByLibrary, Callee, Call->getExprLoc());
  };
  ValueOrigin Result = ValueOrigin::constant();
  for (const DeclRefExpr *Ref : referencesTo(Var, Function->getBody())) {
    // The written expression: the variable, or `var.field`.
    const Expr *Target = Ref;
    const Stmt *Above = Map.getParentIgnoreParenImpCasts(const_cast<DeclRefExpr *>(Ref));
    while (const auto *Access = dyn_cast_or_null<MemberExpr>(Above)) {
      if (Access->isArrow() || !isa<FieldDecl>(Access->getMemberDecl()))
        break;
      Target = Access;
      Above = Map.getParentIgnoreParenImpCasts(const_cast<MemberExpr *>(Access));
    }
    auto Is = [&](const Expr *E) { return E->IgnoreParenImpCasts() == Target; };
    if (const auto *Binary = dyn_cast_or_null<BinaryOperator>(Above)) {
      if (Binary->isAssignmentOp() && Is(Binary->getLHS()))
        Result = Result.strongest(Of(Binary->getRHS()));
      continue;
    }
    if (const auto *Operator = dyn_cast_or_null<CXXOperatorCallExpr>(Above)) {
      if (Operator->getNumArgs() == 2 && Operator->isAssignmentOp() && Is(Operator->getArg(0)))
        Result = Result.strongest(Of(Operator->getArg(1)));
      else if (Operator->getNumArgs() == 2 && isStreamExtraction(Operator) &&
               Is(Operator->getArg(1)))
        Result = Result.strongest(
            ValueOrigin::outside(ValueOrigin::StreamRead, nullptr, Operator->getOperatorLoc()));
      continue;
    }
    if (const auto *Unary = dyn_cast_or_null<UnaryOperator>(Above);
        Unary && Unary->getOpcode() == UO_AddrOf) {
      const auto *Call =
          dyn_cast_or_null<CallExpr>(Map.getParentIgnoreParenImpCasts(const_cast<UnaryOperator *>(Unary)));
      Result = Result.strongest(
          Call ? WrittenBy(Call->getDirectCallee(), Call)
               : ValueOrigin::program(ValueOrigin::NotFollowed, Var, Unary->getExprLoc()));
      continue;
    }
    if (const auto *MemberCall = dyn_cast_or_null<CXXMemberCallExpr>(Above)) {
      const CXXMethodDecl *Method = MemberCall->getMethodDecl();
      if (!Method || Method->isConst() || !MemberCall->getImplicitObjectArgument() ||
          !Is(MemberCall->getImplicitObjectArgument()))
        continue;
      // `size.setWidth(w)`: what the setter gets; `image.load(path)`: what the library reads.
      if (!isDefinedInUnit(Method, Context) && MemberCall->getNumArgs() > 0 &&
          takesOnlyNumbers(MemberCall, 0)) {
        for (const Expr *Argument : MemberCall->arguments())
          Result = Result.strongest(Of(Argument));
        continue;
      }
      if (MemberCall->getNumArgs() > 0)
        Result = Result.strongest(WrittenBy(Method, MemberCall));
      continue;
    }
    // Passed by non-const reference: the callee may write it.
    if (const auto *Call = dyn_cast_or_null<CallExpr>(Above)) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      const unsigned Shift = isa<CXXOperatorCallExpr>(Call) && isa_and_nonnull<CXXMethodDecl>(Callee);
      for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
        if (!Is(Call->getArg(I)) || I < Shift)
          continue;
        const unsigned Index = I - Shift;
        const QualType Type = Callee && Index < Callee->getNumParams()
                                  ? Callee->getParamDecl(Index)->getType()
                                  : QualType();
        if (!Type.isNull() && Type->isReferenceType() &&
            !Type->getPointeeType().isConstQualified())
          Result = Result.strongest(WrittenBy(Callee, Call));
      }
    }
  }
  return Result;
}

const ParentMap &ValueOrigins::parentsIn(const FunctionDecl *Function) {
  std::unique_ptr<ParentMap> &Map = BodyParents[Function];
  if (!Map)
    Map = std::make_unique<ParentMap>(const_cast<Stmt *>(Function->getBody()));
  return *Map;
}

} // namespace clang::tidy::pixmapcache
