//===- OffThreadAccessCheck.h - pixmapcache-off-thread-access -------------===//
#ifndef PIXMAPCACHE_CHECKS_OFFTHREADACCESS_OFFTHREADACCESSCHECK_H
#define PIXMAPCACHE_CHECKS_OFFTHREADACCESS_OFFTHREADACCESSCHECK_H

#include "ThreadAnalysis.h"
#include "ThreadCallGraph.h"
#include "ThreadFacts.h"

#include "PixmapCacheCheck.h"

namespace clang::tidy::pixmapcache {

/// Finds uses of GUI-thread-only APIs (QPixmapCache, QPixmap, QIcon::pixmap, widgets,
/// painting on pixmaps) in code that a thread entry point (QThread::run, QRunnable::run,
/// callables given to std::thread, QtConcurrent::run, QThreadPool::start, ...) reaches through
/// the translation unit's call graph.
///
/// For the user-facing documentation see docs/checks/pixmapcache-off-thread-access.md.
class OffThreadAccessCheck : public PixmapCacheCheck {
public:
  OffThreadAccessCheck(StringRef Name, ClangTidyContext *Context);

  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void startTranslationUnit() override;
  void endTranslationUnit() override;

private:
  void report(const OffThreadFinding &Finding, const ThreadFacts &Facts);

  const ThreadAnalysisOptions AnalysisOptions;
  /// The analysis runs once per translation unit, at its end; matches only tell it that the
  /// unit has code of its own and where its ASTContext is.
  ASTContext *Context = nullptr;
};

} // namespace clang::tidy::pixmapcache

#endif
