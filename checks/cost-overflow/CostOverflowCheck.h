//===- CostOverflowCheck.h - pixmapcache-cost-overflow ---------------------===//
#ifndef PIXMAPCACHE_CHECKS_COSTOVERFLOW_COSTOVERFLOWCHECK_H
#define PIXMAPCACHE_CHECKS_COSTOVERFLOW_COSTOVERFLOWCHECK_H

#include "PixmapCacheCheck.h"
#include "ProductSinks.h"
#include "ValueRange.h"
#include "clang-tidy/utils/IncludeInserter.h"
#include "llvm/ADT/DenseSet.h"
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::pixmapcache {

struct OperandOrigin;
struct UnitAnalyses;

/// Finds multiplications of sizes (`w * h * depth`, element counts) computed in a type
/// narrower than where the result ends up: a wider variable, field or return value, a cache
/// cost, an allocation or copy size, or a cast to a wider type, also when the product reaches
/// it through `/`, `>>`, `+`, casts or a local variable. Products that provably fit (small
/// operand types, constants, dominating guards, checked multiplication) are not reported, nor
/// by default those of values the program itself holds (ValueOrigin.h).
///
/// For the user-facing documentation see docs/checks/pixmapcache-cost-overflow.md.
class CostOverflowCheck : public PixmapCacheCheck {
public:
  CostOverflowCheck(StringRef Name, ClangTidyContext *Context);
  ~CostOverflowCheck() override;

  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void startTranslationUnit() override;

private:
  bool isDimensionLike(const Expr *E, unsigned Depth = 0) const;
  std::function<bool(const Expr *)> isSize() const;
  bool isPassedDimensions(const Expr *E, unsigned Depth = 0) const;
  bool isInDomain(llvm::ArrayRef<const Expr *> Operands, const OverflowSink &Sink) const;
  std::vector<OperandOrigin> originsOf(llvm::ArrayRef<const Expr *> Operands,
                                       llvm::ArrayRef<GuardBound> Bounds,
                                       const FunctionDecl *Function, const ASTContext &Context);
  void creditObjectInMemory(OperandOrigin &Wide, llvm::ArrayRef<const Expr *> Operands,
                            llvm::ArrayRef<GuardBound> Bounds);
  void diagnose(const BinaryOperator *Product, llvm::ArrayRef<const Expr *> Operands,
                const OverflowSink &Sink, llvm::ArrayRef<OperandOrigin> Origins,
                const FunctionDecl *Instantiation, ASTContext &Context);
  std::optional<FixItHint> imageCostFix(llvm::ArrayRef<const Expr *> Operands,
                                        const BinaryOperator *Product, const OverflowSink &Sink,
                                        const ASTContext &Context) const;
  std::optional<FixItHint> widenFirstOperandFix(llvm::ArrayRef<const Expr *> Operands,
                                                const OverflowSink &Sink, StringRef SinkType,
                                                ASTContext &Context);
  void reportProduct(const BinaryOperator *Product, const OverflowSink &Sink,
                     const std::optional<FixItHint> &Fix, bool FixUsesPxc,
                     const ASTContext &Context);
  void explainSink(const OverflowSink &Sink, QualType ProductType, bool Widens);
  void suggestRepair(const BinaryOperator *Product, const OverflowSink &Sink, StringRef SinkType,
                     bool Widens, bool PixmapCost, bool FixUsesPxc);
  void explainOperand(const OperandOrigin &Operand, const ASTContext &Context);

  const std::string RawSinkFunctions;
  const bool IntParametersAreDimensions;
  const bool ReportUnknownOrigins;
  const unsigned MinimumProductWidth;
  utils::IncludeInserter Inserter;
  ProductSinks Sinks;
  std::unique_ptr<UnitAnalyses> Analyses;
  llvm::DenseSet<SourceLocation> Reported;
};

} // namespace clang::tidy::pixmapcache

#endif
