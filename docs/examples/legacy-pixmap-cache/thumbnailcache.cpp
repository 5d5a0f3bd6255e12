#include "thumbnailcache.h"

const QImage *ThumbnailCache::thumbnail(const QString &fileName) {
  if (QImage *cached = cache.object(fileName))
    return cached;
  auto *image = new QImage(fileName);
  // Cost in KB: width * height * depth / 8 / 1024, computed in int.
  const int cost = image->width() * image->height() * image->depth() / 8 / 1024;
  cache.insert(fileName, image, cost);
  return image;
}
