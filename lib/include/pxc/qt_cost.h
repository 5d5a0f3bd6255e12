// pxc/qt_cost.h: the cost in KiB of Qt images, as the pxc Qt caches charge it.
#ifndef PXC_QT_COST_H
#define PXC_QT_COST_H

#include "pxc/cost.h"

#include <QImage>
#include <QPixmap>

namespace pxc {

/// The pixel data size of `pixmap` in KiB (at least 1), without overflow for any size.
[[nodiscard]] inline Cost costKb(const QPixmap &pixmap) {
  return imageCostKb(pixmap.width(), pixmap.height(), pixmap.depth());
}

/// The pixel data size of `image` in KiB (at least 1), without overflow for any size.
[[nodiscard]] inline Cost costKb(const QImage &image) {
  return imageCostKb(image.width(), image.height(), image.depth());
}

} // namespace pxc

#endif // PXC_QT_COST_H
