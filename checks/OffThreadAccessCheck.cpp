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
/// Path notes: the first call after the entry point and the last ones before the use.
constexpr unsigned MaxTailSteps = 2;

std::string quoted(StringRef Name, StringRef IfEmpty) {
  return Name.empty() ? IfEmpty.str() : ("'" + Name + "'").str();
}

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
  const ThreadFacts Facts = collectThreadFacts(*Context, Apis);
  const ThreadSummary *Summaries[] = {&Facts.Summary};
  // A use in a template is one call site however many instantiations reach it.
  llvm::DenseSet<SourceLocation> Reported;
  for (const OffThreadUse &Use : ThreadReachability(Summaries).offThreadUses(MaxTailSteps))
    if (Reported.insert(Facts.Sites[Use.Use->Site]).second)
      report(Use, Facts);
  Context = nullptr;
}

void OffThreadAccessCheck::report(const OffThreadUse &Use, const ThreadFacts &Facts) {
  const GuiUseFact &Gui = *Use.Use;
  const SourceLocation Loc = Facts.Sites[Gui.Site];
  const std::string What =
      (Gui.Kind == GuiUseKind::Call           ? "call to '"
       : Gui.Kind == GuiUseKind::Construction ? "construction of '"
                                              : "painting on a '") +
      Gui.What + "'";
  diag(Loc, "%0 on a worker thread %select{silently fails: QPixmapCache works only on the GUI "
            "thread since Qt 5.13, elsewhere insert and find return false and the cache never "
            "hits|is undefined: widgets may only be used on the GUI thread|is undefined: %2 may "
            "only be used on the GUI thread|is undefined: %2 may only be used on the GUI thread}1")
      << What << static_cast<int>(Gui.Api) << quoted(Gui.ApiName, "");

  const EntryFact &Entry = *Use.Entry;
  diag(Facts.Sites[Entry.Site],
       "%0 runs on a worker thread: %select{it overrides %2|it is passed to %2|it is listed in "
       "ThreadEntryFunctions}1",
       DiagnosticIDs::Note)
      << quoted(Entry.Name, "the lambda") << static_cast<int>(Entry.Kind)
      << quoted(Entry.Via, "");
  const unsigned Omitted = Use.PathLength - Use.Path.size();
  for (unsigned I = 0; I != Use.Path.size(); ++I) {
    const CallFact &Call = *Use.Path[I].Call;
    diag(Facts.Sites[Call.Site],
         "%select{|after %2 more %plural{1:call|:calls}2, }1%0 %select{is called|is called and "
         "may run an override|is passed on and may be called}3 here",
         DiagnosticIDs::Note)
        << quoted(Call.CalleeName, "the lambda") << (I == 1 && Omitted != 0) << Omitted
        << static_cast<int>(Call.Kind);
  }

  switch (Gui.Api) {
  case GuiApiKind::PixmapCache:
    diag(Loc,
         "cache QImage in 'pxc::ImageCache' (<pxc/image_cache.h>), which is safe on any thread, "
         "and create the QPixmap with QPixmap::fromImage on the GUI thread; or run this code "
         "there with QMetaObject::invokeMethod(qApp, ...)",
         DiagnosticIDs::Note);
    break;
  case GuiApiKind::Widget:
    diag(Loc,
         "hand the work to the GUI thread with QMetaObject::invokeMethod(widget, ...) or a "
         "queued signal",
         DiagnosticIDs::Note);
    break;
  case GuiApiKind::Pixmap:
    diag(Loc,
         "work on a QImage in the worker (it may be loaded, painted on and cached in "
         "'pxc::ImageCache' from <pxc/image_cache.h> on any thread) and create the QPixmap with "
         "QPixmap::fromImage on the GUI thread; or run this code there with "
         "QMetaObject::invokeMethod(qApp, ...)",
         DiagnosticIDs::Note);
    break;
  case GuiApiKind::Other:
    diag(Loc, "run this code on the GUI thread with QMetaObject::invokeMethod(qApp, ...)",
         DiagnosticIDs::Note);
    break;
  }
}

} // namespace clang::tidy::pixmapcache
