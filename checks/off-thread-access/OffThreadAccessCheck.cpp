//===- OffThreadAccessCheck.cpp - pixmapcache-off-thread-access -----------===//
#include "OffThreadAccessCheck.h"

#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/DenseSet.h"

using namespace clang::ast_matchers;

namespace clang::tidy::pixmapcache {

namespace {

constexpr llvm::StringLiteral DefaultGuiThreadOnly =
    "::QPixmapCache;::QPixmap;::QIcon::pixmap;::QWidget";
} // namespace

OffThreadAccessCheck::OffThreadAccessCheck(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      GuiThreadOnly(Options.get("GuiThreadOnly", DefaultGuiThreadOnly)),
      ThreadStartFunctions(Options.get("ThreadStartFunctions", "")),
      ThreadEntryFunctions(Options.get("ThreadEntryFunctions", "")),
      ThreadBaseClasses(Options.get("ThreadBaseClasses", "")),
      Apis{utils::options::parseStringList(GuiThreadOnly),
           utils::options::parseStringList(ThreadStartFunctions),
           utils::options::parseStringList(ThreadEntryFunctions),
           utils::options::parseStringList(ThreadBaseClasses)} {}

void OffThreadAccessCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "GuiThreadOnly", GuiThreadOnly);
  Options.store(Opts, "ThreadStartFunctions", ThreadStartFunctions);
  Options.store(Opts, "ThreadEntryFunctions", ThreadEntryFunctions);
  Options.store(Opts, "ThreadBaseClasses", ThreadBaseClasses);
}

void OffThreadAccessCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(functionDecl(isDefinition(), unless(isExpansionInSystemHeader())), this);
}

void OffThreadAccessCheck::check(const MatchFinder::MatchResult &Result) {
  Context = Result.Context;
}

void OffThreadAccessCheck::onStartOfTranslationUnit() { Context = nullptr; }

void OffThreadAccessCheck::onEndOfTranslationUnit() {
  if (!Context)
    return;
  ThreadFacts Facts = collectThreadFacts(*Context, Apis);
  const ThreadSummary *Summaries[] = {&Facts.Summary};
  // A use in a template is one call site however many instantiations reach it.
  llvm::DenseSet<SourceLocation> Reported;
  for (const OffThreadUse &Use : ThreadReachability(Summaries).offThreadUses(ReportedPathTailSteps))
    if (Reported.insert(Facts.Sites[Use.Use->Site]).second)
      report(Use, Facts);
  ThreadFactsHandOff::give(*Context, std::move(Facts));
  Context = nullptr;
}

void OffThreadAccessCheck::report(const OffThreadUse &Use, const ThreadFacts &Facts) {
  const OffThreadWording Words = describeOffThreadUse(Use);
  const SourceLocation Loc = Facts.Sites[Use.Use->Site];
  diag(Loc, "%0") << Words.Message;
  diag(Facts.Sites[Use.Entry->Site], "%0", DiagnosticIDs::Note) << Words.EntryNote;
  for (unsigned I = 0; I != Use.Path.size(); ++I)
    diag(Facts.Sites[Use.Path[I].Call->Site], "%0", DiagnosticIDs::Note) << Words.PathNotes[I];
  diag(Loc, "%0", DiagnosticIDs::Note) << Words.Advice;
}

} // namespace clang::tidy::pixmapcache
