//===- ProductSinks.h - where the value of a product ends up ---------------===//
#ifndef PIXMAPCACHE_CHECKS_COSTOVERFLOW_PRODUCTSINKS_H
#define PIXMAPCACHE_CHECKS_COSTOVERFLOW_PRODUCTSINKS_H

#include "clang/AST/Type.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace clang {
class ASTContext;
class Expr;
class FunctionDecl;
class NamedDecl;
class VarDecl;
namespace tidy::pixmapcache {

class LocalParents;
class ValueRanges;

/// The width in bits of an integer or enumeration type, 0 for any other: a sink matters when
/// it is wider than the product, or as wide and a cost.
unsigned widthOf(QualType T, const ASTContext &Context);

/// A function argument where a size or cost ends up.
struct SinkFunction {
  std::string Name; ///< qualified, without template arguments: `QCache::insert`
  unsigned Argument;
  /// Cost, Length and Listed sinks matter also where their parameter is only as wide as the
  /// product: a wrapped cost or copy length is wrong even where nothing is truncated.
  enum KindType { Cost, Size, Length, Listed } Kind;
};

/// The `SinkFunctions` option: `name:index;name:index`, names optionally with a leading `::`.
/// Each entry that is not of that form is passed to `Invalid` and left out.
std::vector<SinkFunction> parseSinkFunctions(llvm::StringRef Raw,
                                             llvm::function_ref<void(llvm::StringRef)> Invalid);

/// Where the result of a product ends up.
struct OverflowSink {
  // Order as in the %select of the check's warning.
  enum KindType { Variable, Field, Return, Cast, Cost, Size, NewArray, Listed, Length } Kind;
  QualType Type;                     ///< the type the result ends up in
  const Expr *Value = nullptr;       ///< the expression the sink receives
  SourceLocation At;                 ///< the variable, `return`, call or cast
  const NamedDecl *Target = nullptr; ///< the variable, field or function
  const VarDecl *Through = nullptr;  ///< a local variable that carries the product there
  const Expr *Forwarded = nullptr;   ///< the cost argument that `Target` passes it on to
  bool Direct = true;                ///< only parentheses, casts and arithmetic on the way
};

/// Follows the value of a product up the AST, through parentheses, casts, arithmetic,
/// qMin/qMax and unchanging local variables, to the first place where it matters: a wider
/// variable, field, return value or cast, or a cost or size argument of a known function (Qt's
/// caches and allocators, the `SinkFunctions` option, and functions of this unit that pass a
/// parameter on as a cache cost).
class ProductSinks {
public:
  explicit ProductSinks(std::vector<SinkFunction> Configured);

  /// Forgets what the last translation unit's function bodies said.
  void startTranslationUnit();

  /// Where `Product`, computed in `ProductType` inside `Function` (null at namespace
  /// scope), ends up; std::nullopt when nowhere that a wider type or a cost makes wrong.
  std::optional<OverflowSink> find(const Expr *Product, QualType ProductType,
                                   const FunctionDecl *Function, ASTContext &Context,
                                   LocalParents &Parents, ValueRanges &Ranges);

private:
  class Search;

  /// The sink function whose argument `Argument` is `Callee`'s, if any.
  const SinkFunction *sinkFunction(const FunctionDecl *Callee, unsigned Argument) const;
  /// The cost argument inside `Callee`'s body that its parameter `Argument` goes to, if any.
  const Expr *forwardedCost(const FunctionDecl *Callee, unsigned Argument, ASTContext &Context);

  const std::vector<SinkFunction> Configured;
  /// Per (function, parameter): the cost argument inside it that the parameter is passed to.
  llvm::DenseMap<std::pair<const FunctionDecl *, unsigned>, const Expr *> Forwarders;
};

} // namespace tidy::pixmapcache
} // namespace clang

#endif
