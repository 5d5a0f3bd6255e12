// pxc/cost.h: the one cost type of the pxc caches, and the overflow-free image cost in KiB.
//
// Qt computed a pixmap's cost as an `int` byte count until QTBUG-45293 (it overflowed for
// pixmaps above 2 GiB of pixel data), and still narrows the 64-bit KiB cost into the `int`
// parameter of QCache::insert. Here every cost, limit and total is a pxc::Cost from the
// computation to the cache's bookkeeping, and the computation saturates instead of wrapping.
#ifndef PXC_COST_H
#define PXC_COST_H

#include "pxc/checked.h"

#include <cstdint>
#include <limits>

namespace pxc {

/// Cost of a cache entry and the limit of a cache, in the cache's unit (KiB for images).
using Cost = std::int64_t;

inline constexpr Cost kMaxCost = std::numeric_limits<Cost>::max();

/// The cost in KiB of a `width` x `height` image with `depth` bits per pixel: the exact pixel
/// data size rounded up to whole KiB and saturated at kMaxCost, so no input overflows.
/// Every image costs at least 1, degenerate ones (any non-positive argument) included: a
/// zero-cost entry would never be evicted, so a stream of empty images could grow the cache
/// without bound.
[[nodiscard]] constexpr Cost imageCostKb(int width, int height, int depth) noexcept {
  if (width <= 0 || height <= 0 || depth <= 0)
    return 1;
  constexpr Cost kBitsPerKb = Cost{8} * 1024;
  // width * height < 2^62 always fits. Splitting the pixel count by whole KiB keeps the
  // remainder term below 2^13 * 2^31; only the quotient term can exceed Cost, and then the
  // exact result does too.
  const Cost pixels = Cost{width} * height;
  const Cost remainderKb = (pixels % kBitsPerKb * depth + kBitsPerKb - 1) / kBitsPerKb;
  const std::optional<Cost> quotientKb = checkedMul(pixels / kBitsPerKb, Cost{depth});
  if (!quotientKb)
    return kMaxCost;
  const std::optional<Cost> totalKb = checkedAdd(*quotientKb, remainderKb);
  if (!totalKb)
    return kMaxCost;
  return *totalKb; // at least 1: pixels >= 1 and depth >= 1 make one of the terms positive
}

} // namespace pxc

#endif // PXC_COST_H
