#include "pxc/image_cache.h"

#include "pxc/qt_cost.h"

namespace pxc {

ImageCache::ImageCache(Cost cacheLimitKb, std::size_t shardCount)
    : images_(cacheLimitKb, shardCount) {}

bool ImageCache::insert(const QString &key, const QImage &image) {
  return images_.insert(key, image, costKb(image));
}

bool ImageCache::find(const QString &key, QImage *image) { return images_.find(key, image); }

bool ImageCache::remove(const QString &key) { return images_.remove(key); }

void ImageCache::clear() { images_.clear(); }

bool ImageCache::setCacheLimit(Cost cacheLimitKb) { return images_.setMaxCost(cacheLimitKb); }

Cost ImageCache::cacheLimit() const noexcept { return images_.maxCost(); }

Cost ImageCache::totalCost() const { return images_.totalCost(); }

std::size_t ImageCache::shardCount() const noexcept { return images_.shardCount(); }

} // namespace pxc
