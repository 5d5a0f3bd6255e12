#include "pxc/pixmap_cache.h"

#include "pxc/qt_cost.h"
#include "pxc/serial_id.h"

#include <QCoreApplication>
#include <QThread>

#include <optional>

namespace pxc {

Q_LOGGING_CATEGORY(lcPixmapCache, "pxc.pixmapcache")

/// What a Key shares with the cache entry it names.
struct PixmapCache::Key::Data {
  explicit Data(std::uint64_t entryId) noexcept : id(entryId) {}

  /// Marks the entry gone. Idempotent, so the paths that can drop an entry (eviction,
  /// removal, clear, destruction of the cache) need no coordination; the memory itself is
  /// freed by the last shared_ptr, on whichever thread drops it.
  void release() noexcept { valid.store(false, std::memory_order_release); }

  const std::uint64_t id;
  std::atomic<bool> valid{true};
};

struct PixmapCache::Entry {
  QPixmap pixmap;
  std::shared_ptr<Key::Data> key;
  /// The string the entry is published under, if any: the back-link that lets eviction drop
  /// the string mapping without a search.
  std::optional<QString> stringKey;
};

namespace {

/// One id space for every PixmapCache in the process, so a Key used with the wrong cache
/// finds nothing instead of another cache's entry.
SerialIdAllocator &entryIds() {
  static SerialIdAllocator allocator;
  return allocator;
}

} // namespace

bool PixmapCache::Key::isValid() const noexcept {
  return d_ && d_->valid.load(std::memory_order_acquire);
}

PixmapCache::PixmapCache(Cost cacheLimitKb) : entries_(cacheLimitKb) {
  entries_.setEvictionHandler([this](const std::uint64_t &, Entry &entry) { forget(entry); });
}

PixmapCache::~PixmapCache() = default;

PixmapCache &PixmapCache::instance() {
  static PixmapCache *const cache = [] {
    // Leaked on purpose: destroying pixmaps during static destruction, after QGuiApplication
    // is gone, is not safe. The post routine empties the cache while it still is.
    auto *created = new PixmapCache();
    qAddPostRoutine([] { instance().clear(); });
    return created;
  }();
  return *cache;
}

bool PixmapCache::isOnGuiThread(const char *function) {
  const QCoreApplication *application = QCoreApplication::instance();
  if (application != nullptr && QThread::currentThread() == application->thread())
    return true;
  qCWarning(lcPixmapCache,
            "pxc::PixmapCache::%s called %s; ignored: QPixmap may only be used on the GUI "
            "thread (use pxc::ImageCache with QImage in worker threads)",
            function, application == nullptr ? "without a QCoreApplication" : "off the GUI thread");
  return false;
}

Cost PixmapCache::cacheLimit() const {
  return isOnGuiThread("cacheLimit") ? entries_.maxCost() : -1;
}

bool PixmapCache::setCacheLimit(Cost cacheLimitKb) {
  if (!isOnGuiThread("setCacheLimit"))
    return false;
  if (entries_.setMaxCost(cacheLimitKb))
    return true;
  qCWarning(lcPixmapCache, "pxc::PixmapCache::setCacheLimit: negative limit %lld ignored",
            static_cast<long long>(cacheLimitKb));
  return false;
}

bool PixmapCache::find(const QString &key, QPixmap *pixmap) {
  if (!isOnGuiThread("find"))
    return false;
  const auto position = idsByString_.constFind(key);
  return position != idsByString_.cend() && copyOut(position.value(), pixmap);
}

bool PixmapCache::find(const Key &key, QPixmap *pixmap) {
  return isOnGuiThread("find") && key.d_ && copyOut(key.d_->id, pixmap);
}

bool PixmapCache::copyOut(std::uint64_t id, QPixmap *pixmap) {
  const Entry *entry = entries_.find(id);
  if (entry == nullptr)
    return false;
  if (pixmap != nullptr)
    *pixmap = entry->pixmap;
  return true;
}

bool PixmapCache::insert(const QString &key, const QPixmap &pixmap) {
  if (!isOnGuiThread("insert"))
    return false;
  const std::shared_ptr<Key::Data> stored = store(pixmap, &key);
  if (!stored)
    return false;
  // Only now that the entry is in is the string published. Removing the older entry runs the
  // eviction handler, which drops its mapping before the new one is added.
  if (const auto older = idsByString_.constFind(key); older != idsByString_.cend())
    entries_.remove(older.value());
  idsByString_.insert(key, stored->id);
  return true;
}

PixmapCache::Key PixmapCache::insert(const QPixmap &pixmap) {
  if (!isOnGuiThread("insert"))
    return Key();
  return Key(store(pixmap, nullptr));
}

std::shared_ptr<PixmapCache::Key::Data> PixmapCache::store(const QPixmap &pixmap,
                                                           const QString *stringKey) {
  const std::optional<std::uint64_t> id = entryIds().allocate();
  if (!id) {
    qCWarning(lcPixmapCache, "pxc::PixmapCache::insert: entry ids exhausted");
    return nullptr;
  }
  auto key = std::make_shared<Key::Data>(*id);
  auto entry = std::make_unique<Entry>(
      Entry{pixmap, key, stringKey != nullptr ? std::optional(*stringKey) : std::nullopt});
  // On failure the entry, and with it the only other reference to `key`, comes back and is
  // destroyed here: nothing was published, so nothing is left behind.
  if (!entries_.insert(*id, std::move(entry), costKb(pixmap)).inserted())
    return nullptr;
  return key;
}

bool PixmapCache::remove(const QString &key) {
  if (!isOnGuiThread("remove"))
    return false;
  const auto position = idsByString_.constFind(key);
  return position != idsByString_.cend() && entries_.remove(position.value());
}

bool PixmapCache::remove(const Key &key) {
  return isOnGuiThread("remove") && key.d_ && entries_.remove(key.d_->id);
}

void PixmapCache::clear() {
  if (!isOnGuiThread("clear"))
    return;
  entries_.clear();
  // The handler emptied the map entry by entry; assigning a new one also frees its buckets.
  idsByString_ = QHash<QString, std::uint64_t>();
}

Cost PixmapCache::totalCost() const {
  return isOnGuiThread("totalCost") ? entries_.totalCost() : -1;
}

void PixmapCache::forget(const Entry &entry) {
  entry.key->release();
  if (!entry.stringKey)
    return;
  // The string may have been re-published for a newer entry: only drop our own mapping.
  const auto position = idsByString_.find(*entry.stringKey);
  if (position != idsByString_.end() && position.value() == entry.key->id)
    idsByString_.erase(position);
}

} // namespace pxc
