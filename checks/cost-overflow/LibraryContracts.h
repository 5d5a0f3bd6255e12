//===- LibraryContracts.h - the values library functions promise ----------===//
//
// Some libraries bound what they hand out, where no guard in the caller shows it: libpng
// rejects images wider or higher than its user limits (1,000,000 pixels each unless the
// program raises them with `png_set_user_limits`), so the `width` and `height` that
// `png_get_IHDR` writes are at most that. Qt's `QImage::depth()` and `QPixmap::depth()` are
// at most 128 (RGBA32FPx4). ValueRanges uses these promises as assignments and results.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_CHECKS_COSTOVERFLOW_LIBRARYCONTRACTS_H
#define PIXMAPCACHE_CHECKS_COSTOVERFLOW_LIBRARYCONTRACTS_H

#include "ValueRange.h"
#include <optional>

namespace clang {
class ASTContext;
class CallExpr;
namespace tidy::pixmapcache {

/// The values that `Call` writes through its pointer argument `Argument`, when the library
/// promises a range; std::nullopt otherwise.
std::optional<IntRange> promisedOutput(const CallExpr *Call, unsigned Argument,
                                       ASTContext &Context);

/// The values that `Call` returns, when the library promises a range; std::nullopt otherwise.
std::optional<IntRange> promisedResult(const CallExpr *Call);

} // namespace tidy::pixmapcache
} // namespace clang

#endif
