#include "pxc/pixmap_cache.h"

#include "pxc/qt_cost.h"
#include "pxc/serial_id.h"

#include <QCoreApplication>
#include <QThread>

#include <optional>
#include <utility>

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

/// An entry is inserted either under a Key or under a string: exactly one of the two is set.
struct PixmapCache::Entry {
  QPixmap pixmap;
  std::shared_ptr<Key::Data> key;
  /// The back-link that lets eviction drop the string mapping without a search.
  std::optional<QString> stringKey;
};

namespace {

/// What idsByString_ holds for "no entry": SerialIdAllocator starts at 1.
constexpr std::uint64_t kNoId = 0;

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
  entries_.setEvictionHandler(
      [this](const std::uint64_t &id, const Entry &entry) { forget(id, entry); });
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
  const std::optional<std::uint64_t> id = allocateId();
  if (!id || !entries_.insert(*id, std::make_unique<Entry>(Entry{pixmap, nullptr, key}),
                              costKb(pixmap))
                  .inserted())
    return false; // nothing was published; the rejected entry died with the result
  // Only now that the entry is in is the string published. The older entry under it goes;
  // its eviction handler finds the string already pointing elsewhere and leaves it.
  const std::uint64_t older = std::exchange(idsByString_[key], *id);
  if (older != kNoId)
    entries_.remove(older);
  return true;
}

PixmapCache::Key PixmapCache::insert(const QPixmap &pixmap) {
  if (!isOnGuiThread("insert"))
    return {};
  const std::optional<std::uint64_t> id = allocateId();
  if (!id)
    return {};
  auto data = std::make_shared<Key::Data>(*id);
  if (!entries_.insert(*id, std::make_unique<Entry>(Entry{pixmap, data, std::nullopt}),
                       costKb(pixmap))
           .inserted())
    return {}; // the rejected entry held the only other reference to `data`
  return Key(std::move(data));
}

std::optional<std::uint64_t> PixmapCache::allocateId() {
  const std::optional<std::uint64_t> id = entryIds().allocate();
  if (!id)
    qCWarning(lcPixmapCache, "pxc::PixmapCache::insert: entry ids exhausted");
  return id;
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

void PixmapCache::forget(std::uint64_t id, const Entry &entry) {
  if (entry.key)
    entry.key->release();
  if (!entry.stringKey)
    return;
  // The string may have been re-published for a newer entry: only drop our own mapping.
  const auto position = idsByString_.find(*entry.stringKey);
  if (position != idsByString_.end() && position.value() == id)
    idsByString_.erase(position);
}

} // namespace pxc
