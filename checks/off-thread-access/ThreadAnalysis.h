//===- ThreadAnalysis.h - the off-thread analysis' one way in -------------===//
//
// What both the off-thread check and the scanner's cross-TU pass use: the analysis'
// options, read from the check's options in one place, and the unit's thread facts,
// collected once per unit by whoever asks first (PerUnit<UnitThreadFacts>).
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_CHECKS_OFFTHREADACCESS_THREADANALYSIS_H
#define PIXMAPCACHE_CHECKS_OFFTHREADACCESS_THREADANALYSIS_H

#include "ThreadCallGraph.h"
#include "ThreadFacts.h"

#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>

namespace clang {
class ASTContext;
namespace tidy::pixmapcache {

inline constexpr llvm::StringLiteral OffThreadAccessCheckName = "pixmapcache-off-thread-access";

/// The check's options and the APIs they name. Not copyable: `apis()` points into it.
class ThreadAnalysisOptions {
public:
  /// `Options`: the off-thread check's (OffThreadAccessCheckName) options.
  explicit ThreadAnalysisOptions(const ClangTidyCheck::OptionsView &Options);
  ThreadAnalysisOptions(const ThreadAnalysisOptions &) = delete;
  ThreadAnalysisOptions &operator=(const ThreadAnalysisOptions &) = delete;

  void store(ClangTidyCheck::OptionsView &Options, ClangTidyOptions::OptionMap &Opts) const;
  const ThreadApis &apis() const { return Apis; }
  /// The option values that the facts depend on, one string: equal for options that name
  /// the same APIs.
  std::string identity() const;
  /// How findings report the uses of one function (ReportEveryUse).
  UseGrouping grouping() const {
    return ReportEveryUse ? UseGrouping::PerUse : UseGrouping::PerFunction;
  }

private:
  const std::string GuiThreadOnly;
  const std::string ThreadStartFunctions;
  const std::string ThreadEntryFunctions;
  const std::string ThreadBaseClasses;
  const bool ReportEveryUse;
  const ThreadApis Apis;
};

/// The thread facts of one unit, shared through PerUnit<UnitThreadFacts>: the check asks at
/// the end of the unit, and the scanner, which holds it from the start of the unit, asks
/// after the check and gets the same facts without collecting them again.
class UnitThreadFacts {
public:
  explicit UnitThreadFacts(ASTContext &Context) : Context(Context) {}

  /// The facts of the unit with `Options`' APIs: collected on the first call, and again
  /// only for other options.
  const ThreadFacts &facts(const ThreadAnalysisOptions &Options);

private:
  ASTContext &Context;
  std::optional<ThreadFacts> Collected;
  std::string CollectedFor; ///< the identity() of the options of `Collected`
};

} // namespace tidy::pixmapcache
} // namespace clang

#endif
