//===- UncheckedReallocCheck.h - pixmapcache-unchecked-realloc ------------===//
#ifndef PIXMAPCACHE_CHECKS_UNCHECKEDREALLOC_UNCHECKEDREALLOCCHECK_H
#define PIXMAPCACHE_CHECKS_UNCHECKEDREALLOC_UNCHECKEDREALLOCCHECK_H

#include "PixmapCacheCheck.h"
#include "clang-tidy/utils/IncludeInserter.h"
#include "llvm/ADT/DenseSet.h"
#include <memory>
#include <optional>
#include <vector>

namespace clang::tidy::pixmapcache {

class NullCheckFlow;
struct UncheckedUse;

/// Finds `realloc` calls whose failure is not handled: the result overwrites the pointer it
/// reallocates (the old block leaks on failure), or it is dereferenced, indexed or passed to
/// memory functions before any null check on some path.
///
/// For the user-facing documentation see docs/checks/pixmapcache-unchecked-realloc.md.
class UncheckedReallocCheck : public PixmapCacheCheck {
public:
  UncheckedReallocCheck(StringRef Name, ClangTidyContext *Context);
  ~UncheckedReallocCheck() override;

  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void startTranslationUnit() override;

private:
  void noteUse(const std::optional<UncheckedUse> &Use, const ASTContext &Context);
  void notePassThrough(const CallExpr *PassThrough);

  const std::vector<StringRef> ReallocLikeFunctions;
  const bool AssertIsCheck;
  utils::IncludeInserter Inserter;
  std::unique_ptr<NullCheckFlow> Flow;
  llvm::DenseSet<SourceLocation> ReportedCalls;
};

} // namespace clang::tidy::pixmapcache

#endif
