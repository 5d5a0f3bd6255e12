//===- PixmapCacheCheck.h - what every pixmapcache-* check shares ---------===//
//
// The base class of our checks. It holds the check's share of the unit's LocalParents from
// the first question to the end of the unit, so that no check can forget to let go of it
// (the last one to let go gives the AST context its traversal scope back), and it decides
// once whether other checks share the AST context.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_CHECKS_PIXMAPCACHECHECK_H
#define PIXMAPCACHE_CHECKS_PIXMAPCACHECHECK_H

#include "common/LocalParents.h"

#include "clang-tidy/ClangTidyCheck.h"
#include <memory>
#include <string>

namespace clang::tidy::pixmapcache {

class PixmapCacheCheck : public ClangTidyCheck {
public:
  PixmapCacheCheck(StringRef Name, ClangTidyContext *Context);

  void onStartOfTranslationUnit() final;
  void onEndOfTranslationUnit() final;

protected:
  /// The unit's parent lookups, shared with our other checks; valid until the end of the unit.
  LocalParents &parents(ASTContext &Context);

  /// Reports a value of the check's option `Option` that the check cannot use, as clang-tidy
  /// reports a malformed integer: "invalid configuration value 'V' for option
  /// 'check.Option'; `Expected`". Called from the constructor; the value is then ignored.
  void reportInvalidOption(StringRef Option, StringRef Value, StringRef Expected) const;

  /// What the check forgets at the start of each unit.
  virtual void startTranslationUnit() {}
  /// What the check does once the whole unit is matched, before the parents are let go.
  virtual void endTranslationUnit() {}

private:
  const std::string Name;
  const ContextSharing Sharing;
  std::shared_ptr<LocalParents> Parents;
};

} // namespace clang::tidy::pixmapcache

#endif
