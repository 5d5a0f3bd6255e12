//===- ManualRefcountCheck.h - pixmapcache-manual-refcount ----------------===//
#ifndef PIXMAPCACHE_CHECKS_MANUALREFCOUNT_MANUALREFCOUNTCHECK_H
#define PIXMAPCACHE_CHECKS_MANUALREFCOUNT_MANUALREFCOUNTCHECK_H

#include "PixmapCacheCheck.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseSet.h"
#include <memory>
#include <optional>

namespace clang::tidy::pixmapcache {

class RefCountIndex;
struct RefCountHazard;
struct RefCountProtocol;

/// Finds hand-written reference counting: a `delete` guarded by a counter decrement that
/// reaches zero (`if (d && --d->ref == 0) delete d;`, `if (!d->ref.deref()) delete d;`),
/// reported once per class or function, with notes on the hazards of the protocol around it
/// (a non-atomic count on a copyable handle, copy assignment that releases first, copies
/// and moves that do not keep the count) and on the shared-pointer replacement.
///
/// For the user-facing documentation see docs/checks/pixmapcache-manual-refcount.md.
class ManualRefcountCheck : public PixmapCacheCheck {
public:
  ManualRefcountCheck(StringRef Name, ClangTidyContext *Context);
  ~ManualRefcountCheck() override;

  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void startTranslationUnit() override;

private:
  std::optional<RefCountProtocol> findProtocol(const CXXDeleteExpr *Delete, ASTContext &Context);
  void reportHazards(const RefCountProtocol &P, llvm::ArrayRef<RefCountHazard> Hazards);
  void suggestReplacement(SourceLocation Delete, const RefCountProtocol &P, ASTContext &Context);

  const bool HazardsOnly;
  std::unique_ptr<RefCountIndex> Index;
  llvm::DenseSet<const Decl *> ReportedOwners;
};

} // namespace clang::tidy::pixmapcache

#endif
