//===- OffThreadAccessCheck.cpp - pixmapcache-off-thread-access -----------===//
#include "OffThreadAccessCheck.h"
#include "PixmapCacheCheck.h"
#include "ThreadAnalysis.h"
#include "ThreadCallGraph.h"
#include "ThreadFacts.h"
#include "common/LibraryCode.h"
#include "common/PerUnit.h"

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Basic/DiagnosticIDs.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseSet.h"
#include <memory>

using namespace clang::ast_matchers;

namespace clang::tidy::pixmapcache {

OffThreadAccessCheck::OffThreadAccessCheck(StringRef Name, ClangTidyContext *Context)
    : PixmapCacheCheck(Name, Context), AnalysisOptions(Options) {
  if (AnalysisOptions.apis().GuiThreadOnly.empty())
    reportInvalidOption("GuiThreadOnly", Options.get("GuiThreadOnly", ""),
                        "expected the classes and functions that only the GUI thread may use: "
                        "with none, the check reports nothing");
}

void OffThreadAccessCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  AnalysisOptions.store(Options, Opts);
}

void OffThreadAccessCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(functionDecl(isDefinition(), unless(isExpansionInLibraryCode())), this);
}

void OffThreadAccessCheck::check(const MatchFinder::MatchResult &Result) {
  Context = Result.Context;
}

void OffThreadAccessCheck::startTranslationUnit() { Context = nullptr; }

void OffThreadAccessCheck::endTranslationUnit() {
  if (!Context)
    return;
  // Held while the facts are used: the scanner may hold it too, and then gets the same facts.
  const std::shared_ptr<UnitThreadFacts> Unit = PerUnit<UnitThreadFacts>::get(*Context);
  const ThreadFacts &Facts = Unit->facts(AnalysisOptions);
  const ThreadSummary *Summaries[] = {&Facts.Summary};
  // A use in a template is one call site however many instantiations reach it.
  llvm::DenseSet<SourceLocation> Reported;
  for (const OffThreadFinding &Finding : groupOffThreadUses(
           ThreadReachability(Summaries).offThreadUses(ReportedPathTailSteps),
           [&](unsigned) { return AnalysisOptions.grouping(); },
           [&](unsigned, const GuiUseFact &Use) {
             return Reported.insert(Facts.Sites[Use.Site]).second;
           }))
    report(Finding, Facts);
  Context = nullptr;
}

void OffThreadAccessCheck::report(const OffThreadFinding &Finding, const ThreadFacts &Facts) {
  // One unit: every site is in the unit's own summary.
  const OffThreadReport Report = describeOffThreadFinding(Finding);
  diag(Facts.Sites[Report.Where.Site], "%0") << Report.Message;
  for (const OffThreadNote &Note : Report.Notes)
    diag(Facts.Sites[Note.Where.Site], "%0", DiagnosticIDs::Note) << Note.Text;
}

} // namespace clang::tidy::pixmapcache
