//===- PixmapCacheCheck.cpp - what every pixmapcache-* check shares -------===//
#include "PixmapCacheCheck.h"
#include "RegisteredChecks.h"
#include "common/LocalParents.h"
#include "common/PerUnit.h"

#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "llvm/ADT/STLExtras.h"
#include <string>

namespace clang::tidy::pixmapcache {

/// Whether no check but ours is enabled for the current file: then nothing but them asks
/// the AST context for parents while they match.
static ContextSharing contextSharing(const ClangTidyContext &Context) {
  const bool Alone = llvm::none_of(registeredCheckNames(), [&](const std::string &Name) {
    return !StringRef(Name).starts_with("pixmapcache-") && Context.isCheckEnabled(Name);
  });
  return Alone ? ContextSharing::ChecksRunAlone : ContextSharing::WithOtherChecks;
}

PixmapCacheCheck::PixmapCacheCheck(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), Name(Name), Sharing(contextSharing(*Context)) {}

void PixmapCacheCheck::reportInvalidOption(StringRef Option, StringRef Value,
                                           StringRef Expected) const {
  configurationDiag("invalid configuration value '%0' for option '%1'; %2")
      << Value << (Name + "." + Option).str() << Expected;
}

void PixmapCacheCheck::onStartOfTranslationUnit() {
  Parents.reset();
  startTranslationUnit();
}

void PixmapCacheCheck::onEndOfTranslationUnit() {
  endTranslationUnit();
  Parents.reset();
}

LocalParents &PixmapCacheCheck::parents(ASTContext &Context) {
  if (!Parents)
    Parents = PerUnit<LocalParents>::get(Context, Sharing);
  return *Parents;
}

} // namespace clang::tidy::pixmapcache
