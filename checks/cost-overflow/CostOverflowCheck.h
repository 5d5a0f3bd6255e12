//===- CostOverflowCheck.h - pixmapcache-cost-overflow ---------------------===//
#ifndef PIXMAPCACHE_CHECKS_COSTOVERFLOW_COSTOVERFLOWCHECK_H
#define PIXMAPCACHE_CHECKS_COSTOVERFLOW_COSTOVERFLOWCHECK_H

#include "PixmapCacheCheck.h"
#include "clang-tidy/utils/IncludeInserter.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::pixmapcache {

class ValueRanges;
struct OverflowSink;

/// Finds multiplications of image dimensions (`w * h * depth`) computed in a type narrower
/// than where the result ends up: a wider variable, field or return value, a cache cost, an
/// allocation size, or a cast to a wider type, also when the product reaches it through
/// `/`, `>>`, `+`, casts or a local variable. Products that provably fit (small operand
/// types, constants, dominating guards, checked multiplication) are not reported.
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

  /// A function argument where a size or cost ends up.
  struct SinkFunction {
    std::string Name; ///< qualified, without template arguments: `QCache::insert`
    unsigned Argument;
    enum KindType { Cost, Size, Listed } Kind;
  };

private:
  bool isDimensionLike(const Expr *E, unsigned Depth = 0) const;
  const SinkFunction *sinkFunction(const FunctionDecl *Callee, unsigned Argument) const;
  const Expr *forwardedCost(const FunctionDecl *Callee, unsigned Argument, ASTContext &Context);
  std::optional<OverflowSink> findSink(const Expr *Product, QualType ProductType,
                                       const FunctionDecl *Function, ASTContext &Context,
                                       unsigned Depth);
  void diagnose(const BinaryOperator *Product, llvm::ArrayRef<const Expr *> Operands,
                const OverflowSink &Sink, ASTContext &Context);

  const std::string RawSinkFunctions;
  const std::vector<SinkFunction> SinkFunctions;
  const bool IntParametersAreDimensions;
  const unsigned MinimumProductWidth;
  utils::IncludeInserter Inserter;
  std::unique_ptr<ValueRanges> Ranges;
  /// Per (function, parameter): the cost argument inside it that the parameter is passed to.
  llvm::DenseMap<std::pair<const FunctionDecl *, unsigned>, const Expr *> Forwarders;
  llvm::DenseSet<SourceLocation> Reported;
};

} // namespace clang::tidy::pixmapcache

#endif
