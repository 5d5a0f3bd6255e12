//===- CostOverflowCheck.cpp - pixmapcache-cost-overflow -------------------===//
#include "CostOverflowCheck.h"
#include "common/ExprEquivalence.h"
#include "common/LibraryFunctions.h"
#include "common/LocalParents.h"
#include "ValueRange.h"

#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSwitch.h"

using namespace clang::ast_matchers;

namespace clang::tidy::pixmapcache {

/// Where the result of a product ends up.
struct OverflowSink {
  // Order as in the %select of the warning.
  enum KindType { Variable, Field, Return, Cast, Cost, Size, NewArray, Listed } Kind;
  QualType Type;                     ///< the type the result ends up in
  const Expr *Value = nullptr;       ///< the expression the sink receives
  SourceLocation At;                 ///< the variable, `return`, call or cast
  const NamedDecl *Target = nullptr; ///< the variable, field or function
  const VarDecl *Through = nullptr;  ///< a local variable that carries the product there
  const Expr *Forwarded = nullptr;   ///< the cost argument that `Target` passes it on to
  bool Direct = true;                ///< only parentheses, casts and arithmetic on the way
};

namespace {

using SinkFunction = CostOverflowCheck::SinkFunction;

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
    {"QList::resize", 0, SinkFunction::Size},
    {"QList::reserve", 0, SinkFunction::Size},
    {"std::vector::vector", 0, SinkFunction::Size},
    {"std::vector::resize", 0, SinkFunction::Size},
    {"std::vector::reserve", 0, SinkFunction::Size},
};

/// `name:index;name:index`, names optionally with a leading `::`.
std::vector<SinkFunction> parseSinkFunctions(StringRef Raw) {
  std::vector<SinkFunction> Result;
  for (StringRef Entry : utils::options::parseStringList(Raw)) {
    auto [Name, Index] = Entry.trim().rsplit(':');
    unsigned Argument = 0;
    if (Name.empty() || Index.getAsInteger(10, Argument))
      continue;
    Name.consume_front("::");
    Result.push_back({Name.str(), Argument, SinkFunction::Listed});
  }
  return Result;
}

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

bool isDimensionName(StringRef Name) {
  std::string Lower = Name.lower();
  StringRef Stem = Lower;
  if (!Stem.consume_front("m_"))
    Stem.consume_front("_");
  if (Stem == "w" || Stem == "h" || Stem == "d" || Stem == "bpp" || Stem == "bpl")
    return true;
  return llvm::any_of(ArrayRef<StringRef>{"width", "height", "depth", "stride", "bytesperline",
                                          "pitch", "rows", "cols", "columns", "channels",
                                          "bitsperpixel"},
                      [&](StringRef Suffix) { return Stem.ends_with(Suffix); });
}

unsigned widthOf(QualType T, const ASTContext &Context) {
  return T->isIntegralOrEnumerationType() ? Context.getIntWidth(T) : 0;
}

/// The operands of a product chain `a * b * c` computed in one type, left to right.
void collectOperands(const Expr *E, QualType Type, llvm::SmallVectorImpl<const Expr *> &Out) {
  const auto *Mul = dyn_cast<BinaryOperator>(E->IgnoreParens());
  if (Mul && Mul->getOpcode() == BO_Mul &&
      Mul->getType().getCanonicalType() == Type.getCanonicalType()) {
    collectOperands(Mul->getLHS(), Type, Out);
    collectOperands(Mul->getRHS(), Type, Out);
    return;
  }
  Out.push_back(E);
}

/// Qualified, so that a cost passed to QCache<K, T>::insert says which cache it is.
std::string quotedName(const NamedDecl *D) {
  return D ? "'" + D->getQualifiedNameAsString() + "'" : "";
}

bool isPlainFileRange(SourceRange Range) {
  return Range.isValid() && Range.getBegin().isFileID() && Range.getEnd().isFileID();
}

StringRef sourceText(SourceRange Range, const ASTContext &Context) {
  return Lexer::getSourceText(CharSourceRange::getTokenRange(Range), Context.getSourceManager(),
                              Context.getLangOpts());
}

/// How the fix-it spells the sink's type: as the code names it, unless that name only
/// exists inside a class (`std::vector<T>::size_type`).
std::string spellType(QualType T, const ASTContext &Context) {
  T = T.getUnqualifiedType();
  if (const auto *Typedef = T->getAs<TypedefType>();
      !Typedef || !Typedef->getDecl()->getDeclContext()->isRecord())
    return T.getAsString(Context.getPrintingPolicy());
  if (Context.hasSameType(T, Context.getSizeType()))
    return Context.getLangOpts().CPlusPlus ? "std::size_t" : "size_t";
  return T.getCanonicalType().getAsString(Context.getPrintingPolicy());
}

/// For `qsizetype(w * h)` and its kin: the text before and after the operand of the cast.
std::optional<std::pair<std::string, std::string>> castSpelling(const ExplicitCastExpr *Cast,
                                                                const ASTContext &Context) {
  auto Text = [&](SourceLocation Begin, SourceLocation End) {
    return Lexer::getSourceText(CharSourceRange::getCharRange(Begin, End),
                                Context.getSourceManager(), Context.getLangOpts())
        .str();
  };
  const Expr *Operand = Cast->getSubExprAsWritten();
  if (isa<CXXFunctionalCastExpr, CXXStaticCastExpr, CStyleCastExpr>(Cast))
    return std::make_pair(
        Text(Cast->getBeginLoc(), Operand->getBeginLoc()),
        Text(Lexer::getLocForEndOfToken(Operand->getEndLoc(), 0, Context.getSourceManager(),
                                        Context.getLangOpts()),
             Lexer::getLocForEndOfToken(Cast->getEndLoc(), 0, Context.getSourceManager(),
                                        Context.getLangOpts())));
  return std::nullopt;
}

/// Whether a product may stand where `E` stands without parentheses.
bool productFitsInPlace(const Expr *E, LocalParents &Parents) {
  ParentNodes Parent = Parents.of(*E);
  if (Parent.size() != 1)
    return false;
  if (const auto *Cast = Parent[0].get<ImplicitCastExpr>())
    return productFitsInPlace(Cast, Parents);
  if (const auto *Binary = Parent[0].get<BinaryOperator>()) {
    if (Binary->isMultiplicativeOp())
      return Binary->getLHS()->IgnoreImpCasts() == E;
    return Binary->getOpcode() != BO_PtrMemD && Binary->getOpcode() != BO_PtrMemI;
  }
  return !Parent[0].get<UnaryOperator>() && !Parent[0].get<MemberExpr>() &&
         !Parent[0].get<ExplicitCastExpr>() && !Parent[0].get<ArraySubscriptExpr>();
}

/// `Value` is `Product / 8 / 1024`, `Product / (8 * 1024)` or `Product / 8192`: an image's
/// size in bits turned into KiB.
bool isKibibytesOf(const Expr *Value, const Expr *Product, const ASTContext &Context) {
  __int128 Divisor = 1;
  const Expr *E = Value->IgnoreParenImpCasts();
  while (const auto *Div = dyn_cast<BinaryOperator>(E)) {
    if (Div->getOpcode() != BO_Div)
      break;
    Expr::EvalResult Result;
    if (!Div->getRHS()->EvaluateAsInt(Result, Context))
      return false;
    Divisor *= Result.Val.getInt().getExtValue();
    E = Div->getLHS()->IgnoreParenImpCasts();
  }
  return E == Product->IgnoreParens() && Divisor == 8 * 1024;
}

/// The accessor `E` calls on a QImage (`image.width()`, `ptr->depth()`), and the image.
std::optional<std::pair<StringRef, const Expr *>> imageAccessor(const Expr *E) {
  const auto *Call = dyn_cast<CXXMemberCallExpr>(E->IgnoreParenImpCasts());
  if (!Call || Call->getNumArgs() != 0 || !Call->getMethodDecl() ||
      !Call->getMethodDecl()->getIdentifier() || !Call->getRecordDecl() ||
      Call->getRecordDecl()->getQualifiedNameAsString() != "QImage")
    return std::nullopt;
  return std::make_pair(Call->getMethodDecl()->getName(),
                        Call->getImplicitObjectArgument()->IgnoreParenImpCasts());
}

/// `image.width() * image.depth()` on one QImage cannot overflow `int`: QImage refuses to
/// exist where it would (QImageData::calculateImageParameters rejects
/// `width > (INT_MAX - 31) / depth`).
bool isRowBitsOfOneImage(ArrayRef<const Expr *> Operands) {
  if (Operands.size() != 2)
    return false;
  const auto A = imageAccessor(Operands[0]), B = imageAccessor(Operands[1]);
  if (!A || !B ||
      !(isSameLValue(A->second, B->second) ||
        (isa<CXXThisExpr>(A->second) && isa<CXXThisExpr>(B->second))))
    return false;
  return (A->first == "width" && B->first == "depth") ||
         (A->first == "depth" && B->first == "width");
}

/// The same invariant makes a bound on an image's depth a bound on its width:
/// `image.width() * 3` under `if (image.depth() == 32)` fits `int`.
void addWidthsBoundByDepth(ArrayRef<const Expr *> Operands, std::vector<GuardBound> &Bounds,
                           const ASTContext &Context) {
  const __int128 RowBitsLimit =
      (static_cast<__int128>(1) << (Context.getIntWidth(Context.IntTy) - 1)) - 1 - 31;
  for (const Expr *Operand : Operands) {
    const auto Accessor = imageAccessor(Operand);
    const std::optional<ValueSubject> Width = ValueRanges::subjectOf(Operand);
    if (!Accessor || Accessor->first != "width" || !Width || !Width->Object)
      continue;
    std::optional<__int128> LeastDepth;
    for (const GuardBound &Bound : Bounds) {
      if (Bound.Factors.size() != 1 || Bound.Factors[0].Object != Width->Object ||
          Bound.Range.Lo < 1)
        continue;
      const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Bound.Factors[0].Member);
      if (Method && Method->getIdentifier() && Method->getName() == "depth" &&
          Method->getParent()->getQualifiedNameAsString() == "QImage")
        LeastDepth = std::max(LeastDepth.value_or(1), Bound.Range.Lo);
    }
    if (LeastDepth)
      Bounds.push_back({{*Width}, {0, RowBitsLimit / *LeastDepth}});
  }
}

} // namespace

CostOverflowCheck::CostOverflowCheck(StringRef Name, ClangTidyContext *Context)
    : PixmapCacheCheck(Name, Context), RawSinkFunctions(Options.get("SinkFunctions", "")),
      SinkFunctions(parseSinkFunctions(RawSinkFunctions)),
      IntParametersAreDimensions(Options.get("IntParametersAreDimensions", true)),
      MinimumProductWidth(Options.get("MinimumProductWidth", 32U)),
      Inserter(Options.getLocalOrGlobal("IncludeStyle", utils::IncludeSorter::IS_LLVM),
               areDiagsSelfContained()) {}

CostOverflowCheck::~CostOverflowCheck() = default;

void CostOverflowCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "SinkFunctions", RawSinkFunctions);
  Options.store(Opts, "IntParametersAreDimensions", IntParametersAreDimensions);
  Options.store(Opts, "MinimumProductWidth", MinimumProductWidth);
  Options.store(Opts, "IncludeStyle", Inserter.getStyle());
}

void CostOverflowCheck::registerPPCallbacks(const SourceManager &, Preprocessor *PP,
                                            Preprocessor *) {
  Inserter.registerPreprocessor(PP);
}

void CostOverflowCheck::startTranslationUnit() {
  Ranges.reset();
  Forwarders.clear();
  Reported.clear();
}

void CostOverflowCheck::registerMatchers(MatchFinder *Finder) {
  // Templates are checked once, in their definition (check() skips instantiations): an
  // instantiation's types are not the code's.
  // No ancestor matcher here (forCallable, hasAncestor): those build the parent map of the
  // whole translation unit, Qt's headers included. check() asks LocalParents, which maps
  // only the declaration around the product, and only for the products that pass its cheap
  // tests.
  Finder->addMatcher(binaryOperator(hasOperatorName("*"), hasType(isInteger()),
                                    unless(isExpansionInSystemHeader()))
                         .bind("product"),
                     this);
}

bool CostOverflowCheck::isDimensionLike(const Expr *E, unsigned Depth) const {
  E = E->IgnoreParenCasts();
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    return Callee && Callee->getIdentifier() && isDimensionName(Callee->getName());
  }
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    return Member->getMemberDecl()->getIdentifier() &&
           isDimensionName(Member->getMemberDecl()->getName());
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var || !Var->getIdentifier())
    return false;
  if (isDimensionName(Var->getName()))
    return true;
  if (isa<ParmVarDecl>(Var))
    return IntParametersAreDimensions && Var->getType()->isIntegerType();
  // `const int w = image.width();`
  return Var->hasLocalStorage() && Var->getInit() && Depth < 2 &&
         isDimensionLike(Var->getInit(), Depth + 1);
}

const SinkFunction *CostOverflowCheck::sinkFunction(const FunctionDecl *Callee,
                                                    unsigned Argument) const {
  if (!Callee || Argument >= Callee->getNumParams() ||
      !Callee->getParamDecl(Argument)->getType()->isIntegerType())
    return nullptr;
  const std::string Name = qualifiedName(Callee);
  auto Matches = [&](const SinkFunction &Sink) {
    return Sink.Argument == Argument && Sink.Name == Name;
  };
  if (const auto *It = llvm::find_if(BuiltinSinks, Matches); It != std::end(BuiltinSinks))
    return It;
  if (auto It = llvm::find_if(SinkFunctions, Matches); It != SinkFunctions.end())
    return &*It;
  return nullptr;
}

/// A function whose parameter goes straight into a cost argument (Qt 5's
/// `QPMCache::insert(key, pixmap, int cost)` hands `cost` to `QCache::insert`) makes that
/// parameter a cost too. One level deep, from the bodies this translation unit has.
const Expr *CostOverflowCheck::forwardedCost(const FunctionDecl *Callee, unsigned Argument,
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

/// Follows the value of `Product` (computed in `ProductType`) up the AST to where it ends
/// up, through parentheses, casts, arithmetic, qMin/qMax and local variables.
std::optional<OverflowSink> CostOverflowCheck::findSink(const Expr *Product, QualType ProductType,
                                                        const FunctionDecl *Function,
                                                        ASTContext &Context, unsigned Depth) {
  const unsigned ProductWidth = widthOf(ProductType, Context);
  // A cost must be right even where its parameter is no wider than the product: there is
  // nothing wider to reach, but a wrapped cost is still wrong.
  auto ArgumentSink = [&](const FunctionDecl *Callee, unsigned Index, const Expr *Value,
                          SourceLocation At) -> std::optional<OverflowSink> {
    if (!Callee || Index >= Callee->getNumParams())
      return std::nullopt;
    const QualType Type = Callee->getParamDecl(Index)->getType();
    if (const SinkFunction *Sink = sinkFunction(Callee, Index)) {
      const auto Kind = Sink->Kind == SinkFunction::Cost   ? OverflowSink::Cost
                        : Sink->Kind == SinkFunction::Size ? OverflowSink::Size
                                                           : OverflowSink::Listed;
      if (widthOf(Type, Context) > ProductWidth ||
          (Kind != OverflowSink::Size && widthOf(Type, Context) == ProductWidth))
        return OverflowSink{Kind, Type, Value, At, Callee};
      return std::nullopt;
    }
    if (const Expr *Forwarded = forwardedCost(Callee, Index, Context);
        Forwarded && widthOf(Type, Context) >= ProductWidth) {
      OverflowSink Sink{OverflowSink::Cost, Type, Value, At, Callee};
      Sink.Forwarded = Forwarded;
      return Sink;
    }
    return std::nullopt;
  };
  auto Wider = [&](QualType Type) { return widthOf(Type, Context) > ProductWidth; };

  const Expr *Current = Product;
  bool Direct = true;
  while (true) {
    ParentNodes Above = parents(Context).of(*Current);
    if (Above.size() != 1)
      return std::nullopt;
    const DynTypedNode &Parent = Above[0];

    if (const auto *Var = Parent.get<VarDecl>()) {
      if (Var->getInit() != Current || Var->getType()->isReferenceType())
        return std::nullopt;
      if (Wider(Var->getType()))
        return OverflowSink{OverflowSink::Variable,
                            Var->getType(),
                            Current,
                            Var->getLocation(),
                            Var,
                            nullptr,
                            nullptr,
                            Direct};
      // `int cost = w * h * 4; cache.insert(key, p, cost);`: follow an unchanging local.
      if (Depth > 0 || !Function || !Var->hasLocalStorage() || isa<ParmVarDecl>(Var) ||
          !Ranges->isUnchanged(Function, Var))
        return std::nullopt;
      auto Uses = match(findAll(declRefExpr(to(equalsNode(Var))).bind("use")), *Function->getBody(),
                        Context);
      for (const BoundNodes &Use : Uses)
        if (std::optional<OverflowSink> Sink =
                findSink(Use.getNodeAs<Expr>("use"), ProductType, Function, Context, Depth + 1)) {
          Sink->Through = Var;
          Sink->Direct = false;
          return Sink;
        }
      return std::nullopt;
    }
    // The parent map skips the member initializer and names the constructor.
    if (const auto *Constructor = Parent.get<CXXConstructorDecl>()) {
      const auto *It = llvm::find_if(Constructor->inits(), [&](const CXXCtorInitializer *Init) {
        return Init->getInit() == Current;
      });
      if (It == Constructor->init_end())
        return std::nullopt;
      const CXXCtorInitializer *Init = *It;
      if (Init->getMember() && Wider(Init->getMember()->getType()))
        return OverflowSink{OverflowSink::Field,
                            Init->getMember()->getType(),
                            Current,
                            Init->getMemberLocation(),
                            Init->getMember(),
                            nullptr,
                            nullptr,
                            Direct};
      return std::nullopt;
    }
    const auto *S = Parent.get<Stmt>();
    if (!S)
      return std::nullopt;

    if (isa<ParenExpr, MaterializeTemporaryExpr, ExprWithCleanups, CXXBindTemporaryExpr,
            ConstantExpr>(S)) {
      Current = cast<Expr>(S);
      continue;
    }
    if (const auto *Cast = dyn_cast<ImplicitCastExpr>(S)) {
      if (Cast->getCastKind() != CK_LValueToRValue && Cast->getCastKind() != CK_NoOp &&
          (Cast->getCastKind() != CK_IntegralCast ||
           widthOf(Cast->getType(), Context) < ProductWidth))
        return std::nullopt;
      Current = Cast;
      continue;
    }
    if (const auto *Cast = dyn_cast<ExplicitCastExpr>(S)) {
      const QualType Type = Cast->getTypeAsWritten();
      if (!Type->isIntegerType() || widthOf(Type, Context) < ProductWidth)
        return std::nullopt;
      if (Wider(Type))
        return OverflowSink{OverflowSink::Cast,
                            Type,
                            Current,
                            Cast->getBeginLoc(),
                            nullptr,
                            nullptr,
                            nullptr,
                            Direct};
      Current = Cast;
      continue;
    }
    if (const auto *Binary = dyn_cast<BinaryOperator>(S)) {
      const bool IsLHS = Binary->getLHS() == Current;
      switch (Binary->getOpcode()) {
      case BO_Add:
      case BO_Sub:
      case BO_Mul:
        Current = Binary;
        continue;
      case BO_Div:
      case BO_Rem:
      case BO_Shl:
      case BO_Shr:
        if (!IsLHS)
          return std::nullopt;
        Current = Binary;
        continue;
      case BO_Assign:
      case BO_AddAssign:
      case BO_SubAssign: {
        const Expr *Target = Binary->getLHS()->IgnoreParenImpCasts();
        if (IsLHS || !Wider(Target->getType()))
          return std::nullopt;
        if (const auto *Ref = dyn_cast<DeclRefExpr>(Target))
          return OverflowSink{
              OverflowSink::Variable, Target->getType(), Current, Target->getBeginLoc(),
              Ref->getDecl(),         nullptr,           nullptr, Direct};
        if (const auto *Member = dyn_cast<MemberExpr>(Target))
          return OverflowSink{
              OverflowSink::Field,     Target->getType(), Current, Target->getBeginLoc(),
              Member->getMemberDecl(), nullptr,           nullptr, Direct};
        return std::nullopt;
      }
      default:
        return std::nullopt;
      }
    }
    if (const auto *Conditional = dyn_cast<ConditionalOperator>(S)) {
      if (Conditional->getCond() == Current)
        return std::nullopt;
      Current = Conditional;
      continue;
    }
    if (const auto *New = dyn_cast<CXXNewExpr>(S)) {
      if (New->getArraySize() != Current)
        return std::nullopt;
      if (!Wider(Context.getSizeType()))
        return std::nullopt;
      return OverflowSink{OverflowSink::NewArray,
                          Context.getSizeType(),
                          Current,
                          New->getBeginLoc(),
                          nullptr,
                          nullptr,
                          nullptr,
                          Direct};
    }
    if (isa<ReturnStmt>(S)) {
      if (!Function || !Wider(Function->getReturnType()))
        return std::nullopt;
      return OverflowSink{OverflowSink::Return,
                          Function->getReturnType(),
                          Current,
                          S->getBeginLoc(),
                          Function,
                          nullptr,
                          nullptr,
                          Direct};
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(S)) {
      const Expr *const *Args = Construct->getArgs();
      const unsigned Index = std::find(Args, Args + Construct->getNumArgs(), Current) - Args;
      if (Index == Construct->getNumArgs())
        return std::nullopt;
      std::optional<OverflowSink> Sink =
          ArgumentSink(Construct->getConstructor(), Index, Current, Construct->getBeginLoc());
      if (Sink)
        Sink->Direct = Direct;
      return Sink;
    }
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      const Expr *const *Args = Call->getArgs();
      unsigned Index = std::find(Args, Args + Call->getNumArgs(), Current) - Args;
      if (Index == Call->getNumArgs())
        return std::nullopt;
      const FunctionDecl *Callee = Call->getDirectCallee();
      if (isMinMax(Callee)) {
        // qMax(1, w * h) deduces its type from both arguments: a widened operand would not
        // compile there, so the path is no longer one a fix-it can follow.
        Direct = false;
        Current = Call;
        continue;
      }
      // `cache.insert(...)` written as an operator call passes the object first.
      if (isa<CXXOperatorCallExpr>(Call) && isa_and_nonnull<CXXMethodDecl>(Callee)) {
        if (Index == 0)
          return std::nullopt;
        --Index;
      }
      std::optional<OverflowSink> Sink = ArgumentSink(Callee, Index, Current, Call->getExprLoc());
      if (Sink)
        Sink->Direct = Direct;
      return Sink;
    }
    return std::nullopt;
  }
}

void CostOverflowCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Product = Result.Nodes.getNodeAs<BinaryOperator>("product");
  ASTContext &Context = *Result.Context;
  const QualType Type = Product->getType();
  if (Product->containsErrors() || Product->isTypeDependent() || Product->isValueDependent() ||
      widthOf(Type, Context) >= 64)
    return;
  llvm::SmallVector<const Expr *, 4> Operands;
  collectOperands(Product, Type, Operands);
  unsigned WidestOperand = 0;
  for (const Expr *Operand : Operands)
    if (!Operand->isIntegerConstantExpr(Context))
      WidestOperand =
          std::max(WidestOperand, widthOf(Operand->IgnoreParenImpCasts()->getType(), Context));
  if (WidestOperand < MinimumProductWidth ||
      llvm::none_of(Operands, [&](const Expr *E) { return isDimensionLike(E); }) ||
      isRowBitsOfOneImage(Operands))
    return;

  if (parents(Context).isInTemplateInstantiation(*Product))
    return;
  const FunctionDecl *Function = parents(Context).enclosingCallable(*Product);
  if (Function && Function->isInvalidDecl())
    return;
  // Only the outermost `*` of a chain computed in one type speaks for the chain.
  const ParentNodes AboveProduct = parents(Context).of(*Product);
  if (const auto *Outer = AboveProduct.size() == 1 ? AboveProduct[0].get<Expr>() : nullptr) {
    const Expr *Up = Outer;
    while (const auto *Paren = dyn_cast<ParenExpr>(Up)) {
      ParentNodes Parent = parents(Context).of(*Paren);
      if (Parent.size() != 1 || !Parent[0].get<Expr>())
        break;
      Up = Parent[0].get<Expr>();
    }
    if (const auto *Mul = dyn_cast<BinaryOperator>(Up);
        Mul && Mul->getOpcode() == BO_Mul &&
        Mul->getType().getCanonicalType() == Type.getCanonicalType())
      return;
  }

  if (!Ranges)
    Ranges = std::make_unique<ValueRanges>(Context, parents(Context));
  std::optional<OverflowSink> Sink = findSink(Product, Type, Function, Context, 0);
  if (!Sink)
    return;
  std::vector<GuardBound> Bounds = Ranges->boundsAt(Function, Product, Operands);
  addWidthsBoundByDepth(Operands, Bounds, Context);
  auto NonNegative = [&](const Expr *E) { return isDimensionLike(E); };
  if (!Ranges->productMayOverflow(Operands, Type, Bounds, NonNegative))
    return;
  if (!Reported.insert(Product->getBeginLoc()).second)
    return;
  diagnose(Product, Operands, *Sink, Context);
}

void CostOverflowCheck::diagnose(const BinaryOperator *Product,
                                 llvm::ArrayRef<const Expr *> Operands, const OverflowSink &Sink,
                                 ASTContext &Context) {
  const QualType Type = Product->getType();
  const bool Widens = widthOf(Sink.Type, Context) > widthOf(Type, Context);
  const SourceManager &SM = Context.getSourceManager();
  // new[] sizes are size_t, which the AST gives without its name.
  const std::string SinkType = Sink.Kind == OverflowSink::NewArray ? std::string("std::size_t")
                                                                   : spellType(Sink.Type, Context);

  // The pxc cost helper replaces a whole `w * h * depth / (8 * 1024)` cost, where its KiB
  // rounded up (at least 1) is the cost the cache is meant to get, and where its 64-bit
  // result is not narrowed again.
  const bool PixmapCost =
      Sink.Kind == OverflowSink::Cost && Operands.size() == 3 &&
      llvm::count_if(Operands, [&](const Expr *E) { return isDimensionLike(E); }) == 3;
  std::optional<FixItHint> Fix;
  bool FixUsesPxc = false;
  const bool Fixable = Sink.Direct && !Sink.Through && !Sink.Forwarded && Widens &&
                       isPlainFileRange(Product->getSourceRange()) &&
                       isPlainFileRange(Sink.Value->getSourceRange());
  if (Fixable && PixmapCost && widthOf(Sink.Type, Context) >= 64 &&
      Context.getLangOpts().CPlusPlus17 && isKibibytesOf(Sink.Value, Product, Context) &&
      llvm::all_of(Operands, [&](const Expr *E) {
        const QualType T = E->IgnoreParenImpCasts()->getType();
        return T->isIntegerType() && (Context.hasSameType(T, Context.IntTy) ||
                                      Context.getIntWidth(T) < Context.getIntWidth(Context.IntTy));
      })) {
    std::string Call = "pxc::imageCostKb(";
    for (const Expr *Operand : Operands)
      Call += (sourceText(Operand->IgnoreParenImpCasts()->getSourceRange(), Context) +
               (Operand == Operands.back() ? ")" : ", "))
                  .str();
    Fix = FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(Sink.Value->IgnoreParenImpCasts()->getSourceRange()), Call);
    FixUsesPxc = true;
  } else if (Fixable) {
    const Expr *First = Operands.front()->IgnoreParenImpCasts();
    const auto *Cast =
        Sink.Kind == OverflowSink::Cast
            ? dyn_cast<ExplicitCastExpr>(parents(Context).of(*Sink.Value)[0].get<Expr>())
            : nullptr;
    std::optional<std::pair<std::string, std::string>> Spelling =
        Cast ? castSpelling(Cast, Context) : std::nullopt;
    if (Cast && Spelling && isPlainFileRange(Cast->getSourceRange()) &&
        Cast->getSubExprAsWritten()->IgnoreParens()->getBeginLoc() == First->getBeginLoc()) {
      // `qsizetype(w * h) * 4` becomes `qsizetype(w) * h * 4`: the cast moves to the
      // first operand, in the code's own spelling.
      const Expr *Inside = Cast->getSubExprAsWritten()->IgnoreParens();
      const SourceLocation AfterFirst =
          Lexer::getLocForEndOfToken(First->getEndLoc(), 0, SM, Context.getLangOpts());
      const SourceLocation AfterInside =
          Lexer::getLocForEndOfToken(Inside->getEndLoc(), 0, SM, Context.getLangOpts());
      std::string Text =
          Spelling->first + sourceText(First->getSourceRange(), Context).str() + Spelling->second +
          Lexer::getSourceText(CharSourceRange::getCharRange(AfterFirst, AfterInside), SM,
                               Context.getLangOpts())
              .str();
      if (!productFitsInPlace(Cast, parents(Context)))
        Text = "(" + Text + ")";
      Fix = FixItHint::CreateReplacement(CharSourceRange::getTokenRange(Cast->getSourceRange()),
                                         Text);
    } else if (!Cast && isPlainFileRange(First->getSourceRange())) {
      const std::string Operand = sourceText(First->getSourceRange(), Context).str();
      Fix = FixItHint::CreateReplacement(
          CharSourceRange::getTokenRange(First->getSourceRange()),
          Context.getLangOpts().CPlusPlus
              ? "static_cast<" + SinkType + ">(" + Operand + ")"
              : "(" + SinkType + ")" +
                    (isa<DeclRefExpr, IntegerLiteral, CallExpr, ParenExpr>(First)
                         ? Operand
                         : "(" + Operand + ")"));
    }
  }

  {
    auto Diag = diag(Product->getBeginLoc(),
                     "multiplication computed in %0 can overflow before its result is "
                     "%select{stored in the %2 variable %3|stored in the %2 field %3|returned "
                     "as %2 from %3|cast to %2|passed as the %2 cost to %3|passed as the %2 "
                     "size to %3|used as the %2 size of a 'new[]' array|passed as the %2 "
                     "argument to %3}1")
                << Type << static_cast<int>(Sink.Kind) << Sink.Type;
    Diag << quotedName(Sink.Target);
    Diag << Product->getSourceRange();
    if (Fix) {
      Diag << *Fix;
      if (FixUsesPxc)
        if (std::optional<FixItHint> Include = Inserter.createIncludeInsertion(
                SM.getFileID(Product->getBeginLoc()), "<pxc/cost.h>"))
          Diag << *Include;
    }
  }

  if (Sink.Through)
    diag(Sink.Through->getLocation(), "the product is first stored in %0, of type %1",
         DiagnosticIDs::Note)
        << Sink.Through << Sink.Through->getType();
  diag(Sink.At,
       Widens ? "the %0 result is widened to %1 only here"
              : "the result becomes a cost here, where a wrapped value is as wrong as a "
                "truncated one",
       DiagnosticIDs::Note)
      << Type << Sink.Type;
  if (Sink.Forwarded) {
    const NamedDecl *Final = nullptr;
    if (const auto *Call = dyn_cast<CallExpr>(Sink.Forwarded))
      Final = Call->getDirectCallee();
    else if (const auto *Construct = dyn_cast<CXXConstructExpr>(Sink.Forwarded))
      Final = Construct->getConstructor();
    diag(Sink.Forwarded->getBeginLoc(), "%0 passes it on as the cost to %1", DiagnosticIDs::Note)
        << quotedName(Sink.Target) << quotedName(Final);
  }

  if (FixUsesPxc) {
    diag(Product->getBeginLoc(),
         "use 'pxc::imageCostKb' from <pxc/cost.h>: it computes the cost in KiB in 64 bits, "
         "rounded up and at least 1, and saturates instead of overflowing",
         DiagnosticIDs::Note);
    return;
  }
  if (Sink.Through)
    diag(Product->getBeginLoc(),
         Widens ? "declare %0 as '%1' and widen the first operand to '%1'"
                : "compute the product in a 64-bit type and clamp it before storing it in %0",
         DiagnosticIDs::Note)
        << Sink.Through << SinkType;
  else if (Sink.Forwarded)
    diag(Product->getBeginLoc(),
         "widen the first operand to a 64-bit type and give the parameter of %0 a 64-bit type",
         DiagnosticIDs::Note)
        << quotedName(Sink.Target);
  else if (Widens)
    diag(Product->getBeginLoc(),
         "widen the first operand to '%0' so that the whole product is computed in '%0'",
         DiagnosticIDs::Note)
        << SinkType;
  else
    diag(Product->getBeginLoc(),
         "compute the product in a 64-bit type and clamp it to the "
         "range of %0",
         DiagnosticIDs::Note)
        << Sink.Type;
  if (PixmapCost)
    diag(Product->getBeginLoc(),
         "for an image's cost in KiB, 'pxc::imageCostKb' from <pxc/cost.h> computes it in 64 "
         "bits and cannot overflow",
         DiagnosticIDs::Note);
}

} // namespace clang::tidy::pixmapcache
