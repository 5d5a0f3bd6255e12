//===- CostOverflowCheck.cpp - pixmapcache-cost-overflow -------------------===//
#include "CostOverflowCheck.h"
#include "CallSites.h"
#include "PixmapCacheCheck.h"
#include "ProductSinks.h"
#include "ValueOrigin.h"
#include "ValueRange.h"
#include "common/ExprEquivalence.h"
#include "common/LibraryCode.h"
#include "common/LocalParents.h"
#include "common/SourceText.h"

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang-tidy/utils/IncludeSorter.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/OperationKinds.h"
#include "clang/AST/PrettyPrinter.h"
#include "clang/AST/Stmt.h"
#include "clang/AST/Type.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticIDs.h"
#include "clang/Basic/SourceLocation.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

using namespace clang::ast_matchers;

namespace clang::tidy::pixmapcache {

namespace {

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

/// Whether `Product` is an operand of a wider `*` chain in its own type: `w * h` in
/// `(w * h) * 4`.
bool isInnerFactorOfChain(const BinaryOperator *Product, LocalParents &Parents) {
  const ParentNodes AboveProduct = Parents.of(*Product);
  const auto *Up = AboveProduct.size() == 1 ? AboveProduct[0].get<Expr>() : nullptr;
  if (!Up)
    return false;
  while (const auto *Paren = dyn_cast<ParenExpr>(Up)) {
    ParentNodes Parent = Parents.of(*Paren);
    if (Parent.size() != 1 || !Parent[0].get<Expr>())
      break;
    Up = Parent[0].get<Expr>();
  }
  const auto *Mul = dyn_cast<BinaryOperator>(Up);
  return Mul && Mul->getOpcode() == BO_Mul &&
         Mul->getType().getCanonicalType() == Product->getType().getCanonicalType();
}

/// Whether `Product`, in the instantiation `Function`, is dependent in the template it comes
/// from: the definition could not be checked, so the instantiation is. A product that the
/// definition already answered for is not looked at again.
bool isDependentInTemplate(const BinaryOperator *Product, const FunctionDecl *Function) {
  const FunctionDecl *Pattern = Function ? Function->getTemplateInstantiationPattern() : nullptr;
  const Stmt *Body = Pattern ? Pattern->getBody() : nullptr;
  llvm::SmallVector<const Stmt *, 64> Work;
  if (Body)
    Work.push_back(Body);
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (const auto *Binary = dyn_cast<BinaryOperator>(S);
        Binary && Binary->getOpcode() == BO_Mul &&
        Binary->getOperatorLoc() == Product->getOperatorLoc())
      return Binary->isTypeDependent() || Binary->isValueDependent();
    for (const Stmt *Child : S->children())
      if (Child)
        Work.push_back(Child);
  }
  return false;
}

/// Qualified, so that a cost passed to QCache<K, T>::insert says which cache it is.
std::string quotedName(const NamedDecl *D) {
  return D ? quoted(D->getQualifiedNameAsString()) : "";
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
  const Expr *Operand = Cast->getSubExprAsWritten();
  if (!isa<CXXFunctionalCastExpr, CXXStaticCastExpr, CStyleCastExpr>(Cast))
    return std::nullopt;
  return std::make_pair(textBetween(Cast->getBeginLoc(), Operand->getBeginLoc(), Context).str(),
                        textBetween(afterToken(Operand->getEndLoc(), Context),
                                    afterToken(Cast->getEndLoc(), Context), Context)
                            .str());
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

/// The analyses of one translation unit, made on its first candidate product.
struct UnitAnalyses {
  UnitAnalyses(ASTContext &Context, LocalParents &Parents)
      : Calls(Context), Ranges(Context, Parents, Calls), Origins(Context, Parents, Calls) {}
  CallSites Calls;
  ValueRanges Ranges;
  ValueOrigins Origins;
};

/// A non-constant operand of a product that may overflow: its values, and where they come
/// from.
struct OperandOrigin {
  const Expr *Operand;
  IntRange Range;
  bool Unbounded; ///< nothing narrows the range of its type (beyond its sign)
  ValueOrigin Origin;
};

CostOverflowCheck::CostOverflowCheck(StringRef Name, ClangTidyContext *Context)
    : PixmapCacheCheck(Name, Context), RawSinkFunctions(Options.get("SinkFunctions", "")),
      IntParametersAreDimensions(Options.get("IntParametersAreDimensions", false)),
      ReportUnknownOrigins(Options.get("ReportUnknownOrigins", false)),
      MinimumProductWidth(Options.get("MinimumProductWidth", 32U)),
      Inserter(Options.getLocalOrGlobal("IncludeStyle", utils::IncludeSorter::IS_LLVM),
               areDiagsSelfContained()),
      Sinks(parseSinkFunctions(RawSinkFunctions, [this](StringRef Entry) {
        reportInvalidOption("SinkFunctions", Entry,
                            "expected a function and the index of its argument, e.g. "
                            "'ThumbnailCache::put:2'");
      })) {
  if (MinimumProductWidth > 64)
    reportInvalidOption("MinimumProductWidth", std::to_string(MinimumProductWidth),
                        "expected a width in bits up to 64: no product would be reported");
}

CostOverflowCheck::~CostOverflowCheck() = default;

void CostOverflowCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "SinkFunctions", RawSinkFunctions);
  Options.store(Opts, "IntParametersAreDimensions", IntParametersAreDimensions);
  Options.store(Opts, "ReportUnknownOrigins", ReportUnknownOrigins);
  Options.store(Opts, "MinimumProductWidth", MinimumProductWidth);
  Options.store(Opts, "IncludeStyle", Inserter.getStyle());
}

void CostOverflowCheck::registerPPCallbacks(const SourceManager &, Preprocessor *PP,
                                            Preprocessor *) {
  Inserter.registerPreprocessor(PP);
}

void CostOverflowCheck::startTranslationUnit() {
  Analyses.reset();
  Sinks.startTranslationUnit();
  Reported.clear();
}

void CostOverflowCheck::registerMatchers(MatchFinder *Finder) {
  // A template's products are checked in its definition, and only those that are dependent
  // there, in its instantiations (check() tells them apart), without fix-its.
  // No ancestor matcher here (forCallable, hasAncestor): those build the parent map of the
  // whole translation unit, Qt's headers included. check() asks LocalParents, which maps
  // only the declaration around the product, and only for the products that pass its cheap
  // tests.
  Finder->addMatcher(
      binaryOperator(hasOperatorName("*"), hasType(isInteger()), unless(isExpansionInLibraryCode()))
          .bind("product"),
      this);
}

/// Sizes are not negative: dimension-like values, and integer parameters (a size passed in).
std::function<bool(const Expr *)> CostOverflowCheck::isSize() const {
  return [this](const Expr *E) {
    if (isDimensionLike(E))
      return true;
    const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenCasts());
    return Ref && isa<ParmVarDecl>(Ref->getDecl()) && Ref->getType()->isIntegerType();
  };
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

/// A parameter of a function only its unit calls is a dimension when a caller passes one:
/// `qimageCalcXPoints(img.width(), dw)` makes `sw` a width.
bool CostOverflowCheck::isPassedDimensions(const Expr *E, unsigned Depth) const {
  const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenCasts());
  const auto *Parameter = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
  const auto *Function = Parameter ? dyn_cast<FunctionDecl>(Parameter->getDeclContext()) : nullptr;
  if (!Function || Depth >= 3 || !Analyses)
    return false;
  const std::vector<const CallExpr *> *Sites = Analyses->Calls.allCallsOf(Function);
  const unsigned Index = Parameter->getFunctionScopeIndex();
  return Sites && llvm::any_of(*Sites, [&](const CallExpr *Call) {
           return Index < Call->getNumArgs() &&
                  (isDimensionLike(Call->getArg(Index)) ||
                   isPassedDimensions(Call->getArg(Index), Depth + 1));
         });
}

/// A product is this check's business when it computes a size: of dimensions, or of anything
/// that reaches an allocation, a copy length or a cache cost.
bool CostOverflowCheck::isInDomain(llvm::ArrayRef<const Expr *> Operands,
                                   const OverflowSink &Sink) const {
  if (Sink.Kind == OverflowSink::Cost || Sink.Kind == OverflowSink::Size ||
      Sink.Kind == OverflowSink::NewArray || Sink.Kind == OverflowSink::Listed ||
      Sink.Kind == OverflowSink::Length)
    return true;
  return llvm::any_of(Operands,
                      [&](const Expr *E) { return isDimensionLike(E) || isPassedDimensions(E); });
}

void CostOverflowCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Product = Result.Nodes.getNodeAs<BinaryOperator>("product");
  ASTContext &Context = *Result.Context;
  const QualType Type = Product->getType();
  if (Product->containsErrors() || Product->isTypeDependent() || Product->isValueDependent() ||
      widthOf(Type, Context) >= 64)
    return;
  // Only the outermost `*` of a chain computed in one type speaks for the chain. Asked first,
  // so that the chain's operands are collected, and its ancestors walked, once per chain.
  if (isInnerFactorOfChain(Product, parents(Context)))
    return;
  llvm::SmallVector<const Expr *, 4> Operands;
  collectOperands(Product, Type, Operands);
  unsigned WidestOperand = 0;
  for (const Expr *Operand : Operands)
    if (!Operand->isIntegerConstantExpr(Context))
      WidestOperand =
          std::max(WidestOperand, widthOf(Operand->IgnoreParenImpCasts()->getType(), Context));
  if (WidestOperand < MinimumProductWidth || isRowBitsOfOneImage(Operands))
    return;

  const FunctionDecl *Function = parents(Context).enclosingCallable(*Product);
  if (Function && Function->isInvalidDecl())
    return;
  const bool Instantiated = parents(Context).isInTemplateInstantiation(*Product);
  if (Instantiated &&
      (Reported.contains(Product->getBeginLoc()) || !isDependentInTemplate(Product, Function)))
    return;

  if (!Analyses)
    Analyses = std::make_unique<UnitAnalyses>(Context, parents(Context));
  std::optional<OverflowSink> Sink =
      Sinks.find(Product, Type, Function, Context, parents(Context), Analyses->Ranges);
  if (!Sink || !isInDomain(Operands, *Sink))
    return;
  std::vector<GuardBound> Bounds = Analyses->Ranges.boundsAt(Function, Product, Operands);
  addWidthsBoundByDepth(Operands, Bounds, Context);
  if (!Analyses->Ranges.productMayOverflow(Operands, Type, Bounds, isSize()))
    return;
  const std::vector<OperandOrigin> Origins = originsOf(Operands, Bounds, Function, Context);
  if (!ReportUnknownOrigins && !llvm::all_of(Origins, [](const OperandOrigin &Operand) {
        return Operand.Origin.Kind == ValueOrigin::Outside;
      }))
    return;
  if (!Reported.insert(Product->getBeginLoc()).second)
    return;
  diagnose(Product, Operands, *Sink, Origins, Instantiated ? Function : nullptr, Context);
}

/// The operands whose values decide whether the product overflows, with where they come
/// from: those that can exceed 16 bits, or all non-constant ones when none can (a 16-bit
/// value times a constant cannot overflow on its own).
std::vector<OperandOrigin> CostOverflowCheck::originsOf(llvm::ArrayRef<const Expr *> Operands,
                                                        llvm::ArrayRef<GuardBound> Bounds,
                                                        const FunctionDecl *Function,
                                                        const ASTContext &Context) {
  constexpr __int128 Small = 65535;
  std::vector<OperandOrigin> Wide, Narrow;
  for (const Expr *Operand : Operands) {
    if (Operand->isIntegerConstantExpr(Context))
      continue;
    const IntRange Range = Analyses->Ranges.rangeOf(Operand, Bounds, isSize());
    const std::optional<IntRange> Whole =
        IntRange::ofType(Operand->IgnoreParenImpCasts()->getType(), Context);
    const bool Unbounded = Whole && Range.Hi >= Whole->Hi;
    OperandOrigin Entry{Operand, Range, Unbounded, Analyses->Origins.of(Operand, Function)};
    (Range.Hi > Small || Range.Lo < -Small ? Wide : Narrow).push_back(Entry);
  }
  if (Wide.size() == 1)
    creditObjectInMemory(Wide.front(), Operands, Bounds);
  return Wide.empty() ? Narrow : Wide;
}

/// `src->width * 2`, `4 * image.colorCount()`, `rect.width() * bytesPerPixel`: one size of an
/// object that is already in memory, times a factor of at most 16, overflows `int` only for
/// an object of more than 134 million elements, which no image (Qt keeps its width times its
/// depth in `int`), list or rect that the program holds reaches. Such a size is bounded by
/// the object, not by the caller that passes it; a number passed as it is (`pointCount * 2`)
/// or read from a file is not.
void CostOverflowCheck::creditObjectInMemory(OperandOrigin &Wide,
                                             llvm::ArrayRef<const Expr *> Operands,
                                             llvm::ArrayRef<GuardBound> Bounds) {
  constexpr __int128 SmallFactor = 16;
  ValueOrigin &Origin = Wide.Origin;
  if (Origin.Kind != ValueOrigin::Outside || !Origin.OfObject ||
      (Origin.Source != ValueOrigin::ExportedParameter &&
       Origin.Source != ValueOrigin::LibraryResult))
    return;
  __int128 Factor = 1;
  for (const Expr *Operand : Operands) {
    if (Operand == Wide.Operand)
      continue;
    const IntRange Range = Analyses->Ranges.rangeOf(Operand, Bounds, isSize());
    Factor *= std::max(Range.Hi, -Range.Lo);
    if (Factor > SmallFactor)
      return;
  }
  Origin = ValueOrigin::program(ValueOrigin::ObjectInMemory, Origin.From, Origin.Where);
}

/// The pxc cost helper replaces a whole `w * h * depth / (8 * 1024)` cost, where its KiB
/// rounded up (at least 1) is the cost the cache is meant to get, and where its 64-bit
/// result is not narrowed again.
std::optional<FixItHint> CostOverflowCheck::imageCostFix(llvm::ArrayRef<const Expr *> Operands,
                                                         const BinaryOperator *Product,
                                                         const OverflowSink &Sink,
                                                         const ASTContext &Context) const {
  if (widthOf(Sink.Type, Context) < 64 || !Context.getLangOpts().CPlusPlus17 ||
      !isKibibytesOf(Sink.Value, Product, Context) || !llvm::all_of(Operands, [&](const Expr *E) {
        const QualType T = E->IgnoreParenImpCasts()->getType();
        return T->isIntegerType() && (Context.hasSameType(T, Context.IntTy) ||
                                      Context.getIntWidth(T) < Context.getIntWidth(Context.IntTy));
      }))
    return std::nullopt;
  std::string Call = "pxc::imageCostKb(";
  for (const Expr *Operand : Operands)
    Call += (tokenText(Operand->IgnoreParenImpCasts()->getSourceRange(), Context) +
             (Operand == Operands.back() ? ")" : ", "))
                .str();
  return FixItHint::CreateReplacement(
      CharSourceRange::getTokenRange(Sink.Value->IgnoreParenImpCasts()->getSourceRange()), Call);
}

/// Widens the first operand to the sink's type, so that the whole product is computed there:
/// `static_cast<T>(w) * h`, or for `qsizetype(w * h) * 4` the cast moved to the first
/// operand in the code's own spelling, `qsizetype(w) * h * 4`.
std::optional<FixItHint>
CostOverflowCheck::widenFirstOperandFix(llvm::ArrayRef<const Expr *> Operands,
                                        const OverflowSink &Sink, StringRef SinkType,
                                        ASTContext &Context) {
  const Expr *First = Operands.front()->IgnoreParenImpCasts();
  const auto *Cast =
      Sink.Kind == OverflowSink::Cast
          ? dyn_cast<ExplicitCastExpr>(parents(Context).of(*Sink.Value)[0].get<Expr>())
          : nullptr;
  if (Cast) {
    std::optional<std::pair<std::string, std::string>> Spelling = castSpelling(Cast, Context);
    if (!Spelling || !isPlainFileRange(Cast->getSourceRange()) ||
        Cast->getSubExprAsWritten()->IgnoreParens()->getBeginLoc() != First->getBeginLoc())
      return std::nullopt;
    const Expr *Inside = Cast->getSubExprAsWritten()->IgnoreParens();
    std::string Text = Spelling->first + tokenText(First->getSourceRange(), Context).str() +
                       Spelling->second +
                       textBetween(afterToken(First->getEndLoc(), Context),
                                   afterToken(Inside->getEndLoc(), Context), Context)
                           .str();
    if (!productFitsInPlace(Cast, parents(Context)))
      Text = "(" + Text + ")";
    return FixItHint::CreateReplacement(CharSourceRange::getTokenRange(Cast->getSourceRange()),
                                        Text);
  }
  if (!isPlainFileRange(First->getSourceRange()))
    return std::nullopt;
  const std::string Operand = tokenText(First->getSourceRange(), Context).str();
  const std::string Widened =
      Context.getLangOpts().CPlusPlus
          ? "static_cast<" + SinkType.str() + ">(" + Operand + ")"
          : "(" + SinkType.str() + ")" +
                (isa<DeclRefExpr, IntegerLiteral, CallExpr, ParenExpr>(First)
                     ? Operand
                     : "(" + Operand + ")");
  return FixItHint::CreateReplacement(CharSourceRange::getTokenRange(First->getSourceRange()),
                                      Widened);
}

void CostOverflowCheck::diagnose(const BinaryOperator *Product,
                                 llvm::ArrayRef<const Expr *> Operands, const OverflowSink &Sink,
                                 llvm::ArrayRef<OperandOrigin> Origins,
                                 const FunctionDecl *Instantiation, ASTContext &Context) {
  const QualType Type = Product->getType();
  const bool Widens = widthOf(Sink.Type, Context) > widthOf(Type, Context);
  // new[] sizes are size_t, which the AST gives without its name.
  const std::string SinkType = Sink.Kind == OverflowSink::NewArray ? std::string("std::size_t")
                                                                   : spellType(Sink.Type, Context);
  const bool PixmapCost =
      Sink.Kind == OverflowSink::Cost && Operands.size() == 3 &&
      llvm::count_if(Operands, [&](const Expr *E) { return isDimensionLike(E); }) == 3;

  // A fix-it only where the product goes straight to a wider sink, all in the file as written,
  // and not for one instantiation of a template: the others may need another type.
  std::optional<FixItHint> Fix;
  bool FixUsesPxc = false;
  if (!Instantiation && Sink.Direct && !Sink.Through && !Sink.Forwarded && Widens &&
      isPlainFileRange(Product->getSourceRange()) &&
      isPlainFileRange(Sink.Value->getSourceRange())) {
    if (PixmapCost)
      Fix = imageCostFix(Operands, Product, Sink, Context);
    FixUsesPxc = Fix.has_value();
    if (!Fix)
      Fix = widenFirstOperandFix(Operands, Sink, SinkType, Context);
  }

  reportProduct(Product, Sink, Fix, FixUsesPxc, Context);
  if (Instantiation) {
    std::string Name;
    llvm::raw_string_ostream Stream(Name);
    Instantiation->getNameForDiagnostic(Stream, Context.getPrintingPolicy(), /*Qualified=*/true);
    diag(Instantiation->getPointOfInstantiation(), "in the instantiation %0 here",
         DiagnosticIDs::Note)
        << quoted(Name);
  }
  for (const OperandOrigin &Operand : Origins)
    explainOperand(Operand, Context);
  explainSink(Sink, Type, Widens);
  suggestRepair(Product, Sink, SinkType, Widens, PixmapCost, FixUsesPxc);
}

void CostOverflowCheck::reportProduct(const BinaryOperator *Product, const OverflowSink &Sink,
                                      const std::optional<FixItHint> &Fix, bool FixUsesPxc,
                                      const ASTContext &Context) {
  auto Diag = diag(Product->getBeginLoc(),
                   "multiplication in %0 can overflow before it is %select{stored in the "
                   "variable %3|stored in the field %3|returned from %3|cast to %2|passed as "
                   "the cost to %3|passed as the size to %3|used as the size of a 'new[]' "
                   "array|passed to %3|passed as the length to %3}1")
              << Product->getType() << static_cast<int>(Sink.Kind) << Sink.Type;
  Diag << quotedName(Sink.Target);
  Diag << Product->getSourceRange();
  if (!Fix)
    return;
  Diag << *Fix;
  if (FixUsesPxc)
    if (std::optional<FixItHint> Include = Inserter.createIncludeInsertion(
            Context.getSourceManager().getFileID(Product->getBeginLoc()), "<pxc/cost.h>"))
      Diag << *Include;
}

/// The notes on the way from the product to its sink: the local that carries it, where it
/// is widened or becomes a cost, and the function that passes it on.
void CostOverflowCheck::explainSink(const OverflowSink &Sink, QualType ProductType, bool Widens) {
  if (Sink.Through)
    diag(Sink.Through->getLocation(), "the product is first stored in %0, of type %1",
         DiagnosticIDs::Note)
        << Sink.Through << Sink.Through->getType();
  diag(Sink.At,
       Widens ? "the %0 result is widened to %1 only here"
              : "the result becomes a %select{cost|length}2 here, where a wrapped value is as "
                "wrong as a truncated one",
       DiagnosticIDs::Note)
      << ProductType << Sink.Type << (Sink.Kind == OverflowSink::Length);
  if (!Sink.Forwarded)
    return;
  const NamedDecl *Final = nullptr;
  if (const auto *Call = dyn_cast<CallExpr>(Sink.Forwarded))
    Final = Call->getDirectCallee();
  else if (const auto *Construct = dyn_cast<CXXConstructExpr>(Sink.Forwarded))
    Final = Construct->getConstructor();
  diag(Sink.Forwarded->getBeginLoc(), "%0 passes it on as the cost to %1", DiagnosticIDs::Note)
      << quotedName(Sink.Target) << quotedName(Final);
}

/// Why an operand could not be bounded: where its value comes from, and how far the guards
/// before the product keep it, so that a reader sees at once whether the values can arrive.
void CostOverflowCheck::explainOperand(const OperandOrigin &Operand, const ASTContext &Context) {
  const ValueOrigin &Origin = Operand.Origin;
  const SourceManager &SM = Context.getSourceManager();
  const unsigned Line =
      Origin.Where.isValid() ? SM.getPresumedLineNumber(SM.getExpansionLoc(Origin.Where)) : 0;
  // The operand is the parameter, field or variable itself: `w`, not `image.width()`.
  const Expr *Bare = Operand.Operand->IgnoreParenCasts();
  const Decl *Named = isa<DeclRefExpr>(Bare)  ? cast<DeclRefExpr>(Bare)->getDecl()
                      : isa<MemberExpr>(Bare) ? cast<MemberExpr>(Bare)->getMemberDecl()
                                              : nullptr;
  int Source = static_cast<int>(Origin.Source);
  // The wordings for an operand that is its own origin follow those of the sources.
  constexpr int Itself = ValueOrigin::ObjectInMemory + 1;
  if (Named && Named == Origin.From) {
    if (Origin.Source == ValueOrigin::ExportedParameter)
      Source = Itself;
    else if (Origin.Source == ValueOrigin::UnseenCallers)
      Source = Itself + 1;
    else if (Origin.Source == ValueOrigin::Field)
      Source = Itself + 2;
    else if (Origin.Source == ValueOrigin::Global)
      Source = Itself + 3;
  }
  auto Diag = diag(Operand.Operand->getBeginLoc(),
                   "%0 %select{is a constant|comes from the parameter %2 of %3, which other "
                   "translation units can call with any value|is read from a stream at line "
                   "%4|is written by %3 at line %4, which this translation unit does not "
                   "define|comes from %3, which this translation unit does not define|comes "
                   "from the member %2, which the program sets elsewhere|comes from the "
                   "variable %2, which the program sets elsewhere|comes from %3, a function of "
                   "this translation unit that the check does not follow|comes from the "
                   "parameter %2, whose callers the check cannot all see|comes from an "
                   "expression the check does not follow|is a size of an object already in "
                   "memory (from %2), which times a factor of at most 16 cannot overflow|is a "
                   "parameter of %3, which other "
                   "translation units can call with any value|is a parameter whose callers the "
                   "check cannot all see|is a member that the program sets elsewhere|is a variable "
                   "that the program sets elsewhere}1%select{|, and no "
                   "guard bounds it|, and the guards before the product let it reach %6}5",
                   DiagnosticIDs::Note);
  Diag << noteSpelling(Operand.Operand, Context, "an operand") << Source;
  const auto *Parameter = dyn_cast_or_null<ParmVarDecl>(Origin.From);
  const auto *Owner = Parameter ? dyn_cast<NamedDecl>(Parameter->getDeclContext()) : nullptr;
  Diag << (Origin.From ? quoted(Origin.From->getNameAsString()) : std::string("''"))
       << quotedName(Owner ? Owner : Origin.From) << Line;
  const int Bound = Origin.Kind != ValueOrigin::Outside ? 0 : Operand.Unbounded ? 1 : 2;
  Diag << Bound
       << std::to_string(static_cast<long long>(std::min<__int128>(Operand.Range.Hi, INT64_MAX)));
}

/// The note that says what to do: the fix-it's reason, or the change the code needs.
void CostOverflowCheck::suggestRepair(const BinaryOperator *Product, const OverflowSink &Sink,
                                      StringRef SinkType, bool Widens, bool PixmapCost,
                                      bool FixUsesPxc) {
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
