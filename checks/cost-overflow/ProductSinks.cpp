//===- ProductSinks.cpp - where the value of a product ends up -------------===//
#include "ProductSinks.h"
#include "ValueRange.h"
#include "common/LibraryFunctions.h"
#include "common/LocalParents.h"

#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ASTTypeTraits.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclBase.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/OperationKinds.h"
#include "clang/AST/Stmt.h"
#include "clang/AST/Type.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSwitch.h"

#include <algorithm>
#include <iterator>
#include <optional>
#include <string>
#include <utility>
#include <vector>

using namespace clang::ast_matchers;

namespace clang::tidy::pixmapcache {

namespace {

const SinkFunction BuiltinSinks[] = {
    {"QCache::insert", 2, SinkFunction::Cost},
    {"QCache::setMaxCost", 0, SinkFunction::Cost},
    {"QCache::QCache", 0, SinkFunction::Cost},
    {"QPixmapCache::setCacheLimit", 0, SinkFunction::Cost},
    {"malloc", 0, SinkFunction::Size},
    {"calloc", 0, SinkFunction::Size},
    {"calloc", 1, SinkFunction::Size},
    {"realloc", 1, SinkFunction::Size},
    {"aligned_alloc", 1, SinkFunction::Size},
    {"operator new", 0, SinkFunction::Size},
    {"operator new[]", 0, SinkFunction::Size},
    {"QByteArray::QByteArray", 0, SinkFunction::Size},
    {"QByteArray::resize", 0, SinkFunction::Size},
    {"QByteArray::reserve", 0, SinkFunction::Size},
    {"QList::QList", 0, SinkFunction::Size},
    {"QList::resize", 0, SinkFunction::Size},
    {"QList::reserve", 0, SinkFunction::Size},
    // Qt 5's QVector is a class of its own.
    {"QVector::QVector", 0, SinkFunction::Size},
    {"QVector::resize", 0, SinkFunction::Size},
    {"QVector::reserve", 0, SinkFunction::Size},
    {"QImage::QImage", 3, SinkFunction::Size}, // QImage(data, w, h, bytesPerLine, format)
    {"std::vector::vector", 0, SinkFunction::Size},
    {"memcpy", 2, SinkFunction::Length},
    {"memmove", 2, SinkFunction::Length},
    {"memset", 2, SinkFunction::Length},
    {"fread", 1, SinkFunction::Length},
    {"fread", 2, SinkFunction::Length},
    {"fwrite", 1, SinkFunction::Length},
    {"fwrite", 2, SinkFunction::Length},
    {"QIODevice::read", 0, SinkFunction::Length},
    {"QIODevice::read", 1, SinkFunction::Length},
    {"QIODevice::peek", 0, SinkFunction::Length},
    {"QIODevice::peek", 1, SinkFunction::Length},
    {"QIODevice::write", 1, SinkFunction::Length},
    {"QDataStream::readRawData", 1, SinkFunction::Length},
    {"QDataStream::writeRawData", 1, SinkFunction::Length},
    {"QDataStream::skipRawData", 0, SinkFunction::Length},
    {"std::vector::resize", 0, SinkFunction::Size},
    {"std::vector::reserve", 0, SinkFunction::Size},
};

/// `QCache::insert` for every `QCache<K, T>::insert`: enclosing namespaces and classes by
/// name, without template arguments and inline namespaces.
std::string qualifiedName(const FunctionDecl *Function) {
  std::string Name = isa<CXXConstructorDecl>(Function)
                         ? cast<CXXConstructorDecl>(Function)->getParent()->getNameAsString()
                         : Function->getDeclName().getAsString();
  for (const DeclContext *Context = Function->getDeclContext(); Context;
       Context = Context->getParent()) {
    if (const auto *Namespace = dyn_cast<NamespaceDecl>(Context)) {
      if (!Namespace->isInline())
        Name = Namespace->getNameAsString() + "::" + Name;
    } else if (const auto *Record = dyn_cast<RecordDecl>(Context)) {
      Name = Record->getNameAsString() + "::" + Name;
    } else if (!isa<LinkageSpecDecl>(Context)) {
      break;
    }
  }
  return Name;
}

/// qMin, qMax, qBound and their std:: twins pass one of their arguments through.
bool isMinMax(const FunctionDecl *Callee) {
  return llvm::StringSwitch<bool>(libraryName(Callee))
      .Cases("qMin", "qMax", "qBound", "min", "max", "clamp", true)
      .Default(false);
}

/// The index of `Argument` among `Args`, or `Args.size()`.
unsigned indexOf(ArrayRef<const Expr *> Args, const Expr *Argument) {
  return std::find(Args.begin(), Args.end(), Argument) - Args.begin();
}

} // namespace

unsigned widthOf(QualType T, const ASTContext &Context) {
  return T->isIntegralOrEnumerationType() ? Context.getIntWidth(T) : 0;
}

std::vector<SinkFunction> parseSinkFunctions(StringRef Raw,
                                             llvm::function_ref<void(StringRef)> Invalid) {
  std::vector<SinkFunction> Result;
  for (StringRef Entry : utils::options::parseStringList(Raw)) {
    auto [Name, Index] = Entry.trim().rsplit(':');
    unsigned Argument = 0;
    Name.consume_front("::");
    if (Name.empty() || Index.getAsInteger(10, Argument)) {
      Invalid(Entry.trim());
      continue;
    }
    Result.push_back({Name.str(), Argument, SinkFunction::Listed});
  }
  return Result;
}

/// One search from one product: the walk up the AST, one named step per kind of parent.
class ProductSinks::Search {
public:
  Search(ProductSinks &Sinks, QualType ProductType, const FunctionDecl *Function,
         ASTContext &Context, LocalParents &Parents, ValueRanges &Ranges, unsigned Depth)
      : Sinks(Sinks), ProductType(ProductType), ProductWidth(widthOf(ProductType, Context)),
        Function(Function), Context(Context), Parents(Parents), Ranges(Ranges), Depth(Depth) {}

  std::optional<OverflowSink> from(const Expr *Product) {
    const Expr *Current = Product;
    while (true) {
      ParentNodes Above = Parents.of(*Current);
      if (Above.size() != 1)
        return std::nullopt;
      Step Next = step(Above[0], Current);
      if (!Next.Next)
        return Next.Found;
      Current = Next.Next;
    }
  }

private:
  /// One step up the AST: go on from `Next`, or stop with `Found` (std::nullopt: nowhere).
  struct Step {
    const Expr *Next = nullptr;
    std::optional<OverflowSink> Found;
  };
  static Step up(const Expr *Next) { return {Next, std::nullopt}; }
  static Step stop(std::optional<OverflowSink> Found = std::nullopt) {
    return {nullptr, std::move(Found)};
  }

  Step step(const DynTypedNode &Parent, const Expr *Current) {
    if (const auto *Var = Parent.get<VarDecl>())
      return intoVariable(*Var, Current);
    // The parent map skips the member initializer and names the constructor.
    if (const auto *Constructor = Parent.get<CXXConstructorDecl>())
      return intoMemberInitializer(*Constructor, Current);
    const auto *S = Parent.get<Stmt>();
    if (!S)
      return stop();
    if (isa<ParenExpr, MaterializeTemporaryExpr, ExprWithCleanups, CXXBindTemporaryExpr,
            ConstantExpr>(S))
      return up(cast<Expr>(S));
    if (const auto *Cast = dyn_cast<ImplicitCastExpr>(S))
      return throughImplicitCast(*Cast);
    if (const auto *Cast = dyn_cast<ExplicitCastExpr>(S))
      return throughExplicitCast(*Cast, Current);
    if (const auto *Binary = dyn_cast<BinaryOperator>(S))
      return throughBinary(*Binary, Current);
    if (const auto *Conditional = dyn_cast<ConditionalOperator>(S))
      return Conditional->getCond() == Current ? stop() : up(Conditional);
    if (const auto *New = dyn_cast<CXXNewExpr>(S))
      return intoNewArraySize(*New, Current);
    if (isa<ReturnStmt>(S))
      return intoReturn(*S, Current);
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(S))
      return intoConstruction(*Construct, Current);
    if (const auto *Call = dyn_cast<CallExpr>(S))
      return intoCall(*Call, Current);
    return stop();
  }

  Step intoVariable(const VarDecl &Var, const Expr *Current) {
    if (Var.getInit() != Current || Var.getType()->isReferenceType())
      return stop();
    if (wider(Var.getType()))
      return stop(sink(OverflowSink::Variable, Var.getType(), Current, Var.getLocation(), &Var));
    return stop(throughLocal(Var));
  }

  /// `int cost = w * h * 4; cache.insert(key, p, cost);`: follows an unchanging local, one
  /// variable deep.
  std::optional<OverflowSink> throughLocal(const VarDecl &Var) {
    if (Depth > 0 || !Function || !Var.hasLocalStorage() || isa<ParmVarDecl>(Var) ||
        !Ranges.isUnchanged(Function, &Var))
      return std::nullopt;
    auto Uses = match(findAll(declRefExpr(to(equalsNode(&Var))).bind("use")), *Function->getBody(),
                      Context);
    for (const BoundNodes &Use : Uses) {
      Search FromUse(Sinks, ProductType, Function, Context, Parents, Ranges, Depth + 1);
      if (std::optional<OverflowSink> Sink = FromUse.from(Use.getNodeAs<Expr>("use"))) {
        Sink->Through = &Var;
        Sink->Direct = false;
        return Sink;
      }
    }
    return std::nullopt;
  }

  Step intoMemberInitializer(const CXXConstructorDecl &Constructor, const Expr *Current) {
    const auto *It = llvm::find_if(Constructor.inits(), [&](const CXXCtorInitializer *Init) {
      return Init->getInit() == Current;
    });
    if (It == Constructor.init_end())
      return stop();
    const FieldDecl *Member = (*It)->getMember();
    if (!Member || !wider(Member->getType()))
      return stop();
    return stop(
        sink(OverflowSink::Field, Member->getType(), Current, (*It)->getMemberLocation(), Member));
  }

  Step throughImplicitCast(const ImplicitCastExpr &Cast) {
    const CastKind Kind = Cast.getCastKind();
    if (Kind == CK_LValueToRValue || Kind == CK_NoOp ||
        (Kind == CK_IntegralCast && widthOf(Cast.getType(), Context) >= ProductWidth))
      return up(&Cast);
    return stop();
  }

  Step throughExplicitCast(const ExplicitCastExpr &Cast, const Expr *Current) {
    const QualType Type = Cast.getTypeAsWritten();
    if (!Type->isIntegerType() || widthOf(Type, Context) < ProductWidth)
      return stop();
    if (wider(Type))
      return stop(sink(OverflowSink::Cast, Type, Current, Cast.getBeginLoc()));
    return up(&Cast);
  }

  Step throughBinary(const BinaryOperator &Binary, const Expr *Current) {
    const bool IsLHS = Binary.getLHS() == Current;
    switch (Binary.getOpcode()) {
    case BO_Add:
    case BO_Sub:
    case BO_Mul:
      return up(&Binary);
    case BO_Div:
    case BO_Rem:
    case BO_Shl:
    case BO_Shr:
      return IsLHS ? up(&Binary) : stop();
    case BO_Assign:
    case BO_AddAssign:
    case BO_SubAssign:
      return IsLHS ? stop() : stop(intoAssignment(Binary, Current));
    default:
      return stop();
    }
  }

  /// `area = w * h` and `total += w * h` into a wider variable or field.
  std::optional<OverflowSink> intoAssignment(const BinaryOperator &Assign, const Expr *Current) {
    const Expr *Target = Assign.getLHS()->IgnoreParenImpCasts();
    if (!wider(Target->getType()))
      return std::nullopt;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Target))
      return sink(OverflowSink::Variable, Target->getType(), Current, Target->getBeginLoc(),
                  Ref->getDecl());
    if (const auto *Member = dyn_cast<MemberExpr>(Target))
      return sink(OverflowSink::Field, Target->getType(), Current, Target->getBeginLoc(),
                  Member->getMemberDecl());
    return std::nullopt;
  }

  Step intoNewArraySize(const CXXNewExpr &New, const Expr *Current) {
    if (New.getArraySize() != Current || !wider(Context.getSizeType()))
      return stop();
    return stop(sink(OverflowSink::NewArray, Context.getSizeType(), Current, New.getBeginLoc()));
  }

  Step intoReturn(const Stmt &Return, const Expr *Current) {
    if (!Function || !wider(Function->getReturnType()))
      return stop();
    return stop(sink(OverflowSink::Return, Function->getReturnType(), Current, Return.getBeginLoc(),
                     Function));
  }

  Step intoConstruction(const CXXConstructExpr &Construct, const Expr *Current) {
    const unsigned Index = indexOf({Construct.getArgs(), Construct.getNumArgs()}, Current);
    if (Index == Construct.getNumArgs())
      return stop();
    return stop(intoArgument(Construct.getConstructor(), Index, Current, Construct.getBeginLoc()));
  }

  Step intoCall(const CallExpr &Call, const Expr *Current) {
    unsigned Index = indexOf({Call.getArgs(), Call.getNumArgs()}, Current);
    if (Index == Call.getNumArgs())
      return stop();
    const FunctionDecl *Callee = Call.getDirectCallee();
    if (isMinMax(Callee)) {
      // qMax(1, w * h) deduces its type from both arguments: a widened operand would not
      // compile there, so the path is no longer one a fix-it can follow.
      Direct = false;
      return up(&Call);
    }
    // `cache.insert(...)` written as an operator call passes the object first.
    if (isa<CXXOperatorCallExpr>(Call) && isa_and_nonnull<CXXMethodDecl>(Callee)) {
      if (Index == 0)
        return stop();
      --Index;
    }
    return stop(intoArgument(Callee, Index, Current, Call.getExprLoc()));
  }

  /// A cost must be right even where its parameter is no wider than the product: there is
  /// nothing wider to reach, but a wrapped cost is still wrong.
  std::optional<OverflowSink> intoArgument(const FunctionDecl *Callee, unsigned Index,
                                           const Expr *Value, SourceLocation At) {
    if (!Callee || Index >= Callee->getNumParams())
      return std::nullopt;
    const QualType Type = Callee->getParamDecl(Index)->getType();
    const unsigned Width = widthOf(Type, Context);
    if (const SinkFunction *Known = Sinks.sinkFunction(Callee, Index)) {
      const auto Kind = Known->Kind == SinkFunction::Cost     ? OverflowSink::Cost
                        : Known->Kind == SinkFunction::Size   ? OverflowSink::Size
                        : Known->Kind == SinkFunction::Length ? OverflowSink::Length
                                                              : OverflowSink::Listed;
      if (Width > ProductWidth || (Kind != OverflowSink::Size && Width == ProductWidth))
        return sink(Kind, Type, Value, At, Callee);
      return std::nullopt;
    }
    if (const Expr *Forwarded = Sinks.forwardedCost(Callee, Index, Context);
        Forwarded && Width >= ProductWidth) {
      OverflowSink Sink = sink(OverflowSink::Cost, Type, Value, At, Callee);
      Sink.Forwarded = Forwarded;
      return Sink;
    }
    return std::nullopt;
  }

  OverflowSink sink(OverflowSink::KindType Kind, QualType Type, const Expr *Value,
                    SourceLocation At, const NamedDecl *Target = nullptr) const {
    OverflowSink Sink{Kind, Type, Value, At, Target};
    Sink.Direct = Direct;
    return Sink;
  }

  bool wider(QualType Type) const { return widthOf(Type, Context) > ProductWidth; }

  ProductSinks &Sinks;
  const QualType ProductType;
  const unsigned ProductWidth;
  const FunctionDecl *const Function;
  ASTContext &Context;
  LocalParents &Parents;
  ValueRanges &Ranges;
  const unsigned Depth;
  /// Only parentheses, casts and arithmetic so far (see OverflowSink::Direct).
  bool Direct = true;
};

ProductSinks::ProductSinks(std::vector<SinkFunction> Configured)
    : Configured(std::move(Configured)) {}

void ProductSinks::startTranslationUnit() { Forwarders.clear(); }

std::optional<OverflowSink> ProductSinks::find(const Expr *Product, QualType ProductType,
                                               const FunctionDecl *Function, ASTContext &Context,
                                               LocalParents &Parents, ValueRanges &Ranges) {
  return Search(*this, ProductType, Function, Context, Parents, Ranges, 0).from(Product);
}

const SinkFunction *ProductSinks::sinkFunction(const FunctionDecl *Callee,
                                               unsigned Argument) const {
  // Not an enumeration: `QImage(data, w, h, format)` has the format where another
  // constructor has the bytes per line.
  if (!Callee || Argument >= Callee->getNumParams() ||
      !Callee->getParamDecl(Argument)->getType()->isIntegerType() ||
      Callee->getParamDecl(Argument)->getType()->isEnumeralType())
    return nullptr;
  const std::string Name = qualifiedName(Callee);
  auto Matches = [&](const SinkFunction &Sink) {
    return Sink.Argument == Argument && Sink.Name == Name;
  };
  if (const auto *It = llvm::find_if(BuiltinSinks, Matches); It != std::end(BuiltinSinks))
    return It;
  if (auto It = llvm::find_if(Configured, Matches); It != Configured.end())
    return &*It;
  return nullptr;
}

/// A function whose parameter goes straight into a cost argument (Qt 5's
/// `QPMCache::insert(key, pixmap, int cost)` hands `cost` to `QCache::insert`) makes that
/// parameter a cost too. One level deep, from the bodies this translation unit has.
const Expr *ProductSinks::forwardedCost(const FunctionDecl *Callee, unsigned Argument,
                                        ASTContext &Context) {
  const FunctionDecl *Definition = nullptr;
  if (!Callee || !Callee->hasBody(Definition) || Argument >= Definition->getNumParams())
    return nullptr;
  auto [It, Inserted] = Forwarders.try_emplace({Definition, Argument}, nullptr);
  if (!Inserted)
    return It->second;
  const ParmVarDecl *Param = Definition->getParamDecl(Argument);
  const auto Forwarded = declRefExpr(to(equalsNode(Param))).bind("param");
  auto Calls = match(
      findAll(expr(anyOf(callExpr(forEachArgumentWithParam(ignoringParenImpCasts(Forwarded),
                                                           parmVarDecl().bind("sinkParam"))),
                         cxxConstructExpr(forEachArgumentWithParam(
                             ignoringParenImpCasts(Forwarded), parmVarDecl().bind("sinkParam")))))
                  .bind("call")),
      *Definition->getBody(), Context);
  for (const BoundNodes &Nodes : Calls) {
    const auto *SinkParam = Nodes.getNodeAs<ParmVarDecl>("sinkParam");
    const auto *Function = dyn_cast<FunctionDecl>(SinkParam->getDeclContext());
    const SinkFunction *Sink =
        Function ? sinkFunction(Function, SinkParam->getFunctionScopeIndex()) : nullptr;
    if (Sink && Sink->Kind == SinkFunction::Cost) {
      It->second = Nodes.getNodeAs<Expr>("call");
      break;
    }
  }
  return It->second;
}

} // namespace clang::tidy::pixmapcache
