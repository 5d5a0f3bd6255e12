//===- UseAfterInsertCheck.h - pixmapcache-use-after-insert ---------------===//
#ifndef PIXMAPCACHE_CHECKS_USEAFTERINSERT_USEAFTERINSERTCHECK_H
#define PIXMAPCACHE_CHECKS_USEAFTERINSERT_USEAFTERINSERTCHECK_H

#include "PixmapCacheCheck.h"
#include "llvm/ADT/DenseSet.h"
#include <memory>
#include <vector>

namespace clang::tidy::pixmapcache {

class FunctionGraphs;

/// Finds objects used after `QCache::insert` took ownership of them: when the insert fails
/// (cost > maxCost()) the cache has already deleted the object, and later inserts,
/// `setMaxCost`, `remove` and `clear` can evict and delete it too.
///
/// For the user-facing documentation see docs/checks/pixmapcache-use-after-insert.md.
class UseAfterInsertCheck : public PixmapCacheCheck {
public:
  UseAfterInsertCheck(StringRef Name, ClangTidyContext *Context);
  ~UseAfterInsertCheck() override;

  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void startTranslationUnit() override;

private:
  const std::vector<StringRef> CacheClasses;
  std::unique_ptr<FunctionGraphs> Graphs;
  llvm::DenseSet<SourceLocation> ReportedInserts;
};

} // namespace clang::tidy::pixmapcache

#endif
