// pxc/image_cache.h: the thread-safe image cache for worker threads.
//
// QPixmapCache (and pxc::PixmapCache) may only be used on the GUI thread, because QPixmap is a
// GUI-thread class; Qt's own check makes an off-thread QPixmapCache silently miss. Threads that
// produce images (thumbnailers, decoders) should cache QImage, which is safe to use and to
// share between threads, in this cache, and convert to QPixmap on the GUI thread.
#ifndef PXC_IMAGE_CACHE_H
#define PXC_IMAGE_CACHE_H

#include "pxc/concurrent_cost_cache.h"
#include "pxc/qstring_hash.h"

#include <QImage>
#include <QString>

#include <cstddef>

namespace pxc {

/// A QImage cache keyed by string, usable from any number of threads at once. Images cost
/// their pixel data size in KiB, as in PixmapCache, against one limit for the whole cache.
/// Lookups take no lock; keys are spread over shards whose writers lock only their own (see
/// ConcurrentCostCache).
class ImageCache {
public:
  static constexpr Cost kDefaultCacheLimitKb = Cost{10} * 1024;

  /// Throws std::invalid_argument for a negative limit.
  explicit ImageCache(
      Cost cacheLimitKb = kDefaultCacheLimitKb,
      std::size_t shardCount = ConcurrentCostCache<QString, QImage, QStringHash>::kDefaultShardCount);

  /// Stores `image` under `key`; false (and nothing changed) when it costs more than the limit.
  bool insert(const QString &key, const QImage &image);
  /// Copies the image under `key` into `*image` (if not null); false when there is none.
  bool find(const QString &key, QImage *image);
  bool remove(const QString &key);
  void clear();

  /// Sets the limit in KiB and evicts down to it; false (and nothing changed) if negative.
  bool setCacheLimit(Cost cacheLimitKb);
  [[nodiscard]] Cost cacheLimit() const noexcept;
  [[nodiscard]] Cost totalCost() const;
  [[nodiscard]] std::size_t shardCount() const noexcept;

private:
  ConcurrentCostCache<QString, QImage, QStringHash> images_;
};

} // namespace pxc

#endif // PXC_IMAGE_CACHE_H
