//===- PixmapCacheTidyModule.cpp - registers the pixmapcache-* checks -----===//
//
// Every front end (the clang-tidy plugin, pixmapcache-clangd, pixmapcache-scan) links this
// object, so the registration below is the one place that lists our checks.
//
//===----------------------------------------------------------------------===//
#include "cost-overflow/CostOverflowCheck.h"
#include "manual-refcount/ManualRefcountCheck.h"
#include "off-thread-access/OffThreadAccessCheck.h"
#include "off-thread-access/ThreadAnalysis.h"
#include "unchecked-realloc/UncheckedReallocCheck.h"
#include "use-after-insert/UseAfterInsertCheck.h"

#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"

namespace clang::tidy::pixmapcache {

class PixmapCacheTidyModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &CheckFactories) override {
    CheckFactories.registerCheck<CostOverflowCheck>("pixmapcache-cost-overflow");
    CheckFactories.registerCheck<ManualRefcountCheck>("pixmapcache-manual-refcount");
    CheckFactories.registerCheck<OffThreadAccessCheck>(OffThreadAccessCheckName);
    CheckFactories.registerCheck<UncheckedReallocCheck>("pixmapcache-unchecked-realloc");
    CheckFactories.registerCheck<UseAfterInsertCheck>("pixmapcache-use-after-insert");
  }
};

} // namespace clang::tidy::pixmapcache

namespace clang::tidy {
static ClangTidyModuleRegistry::Add<pixmapcache::PixmapCacheTidyModule>
    PixmapCacheModuleRegistration("pixmapcache-module",
                                  "Checks for defects around pixmap caches and QPixmapCache.");
} // namespace clang::tidy
