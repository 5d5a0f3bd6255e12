#include "pxc/pixmap_cache.h"

#include "pxc/qstring_hash.h"
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

struct PixmapCache::Entry {
  QPixmap pixmap;
  /// The handle's shared state for entries inserted without a string, else null.
  std::shared_ptr<Key::Data> key;
};

namespace {

/// The id of entries inserted under a string; SerialIdAllocator starts at 1.
constexpr std::uint64_t kStringEntry = 0;

/// One id space for every PixmapCache in the process, so a Key used with the wrong cache
/// finds nothing instead of another cache's entry.
SerialIdAllocator &entryIds() {
  static SerialIdAllocator allocator;
  return allocator;
}

} // namespace

std::size_t PixmapCache::EntryKeyHash::operator()(const EntryKey &key) const noexcept {
  return key.id == kStringEntry ? QStringHash()(key.string) : std::hash<std::uint64_t>()(key.id);
}

bool PixmapCache::Key::isValid() const noexcept {
  return d_ && d_->valid.load(std::memory_order_acquire);
}

PixmapCache::PixmapCache(Cost cacheLimitKb) : entries_(cacheLimitKb) {
  // The one place where keys are released, whichever way the entry leaves.
  entries_.setEvictionHandler([](const EntryKey &, const Entry &entry) {
    if (entry.key)
      entry.key->release();
  });
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
  return isOnGuiThread("find") && copyOut(EntryKey{key, kStringEntry}, pixmap);
}

bool PixmapCache::find(const Key &key, QPixmap *pixmap) {
  return isOnGuiThread("find") && key.d_ && copyOut(EntryKey{QString(), key.d_->id}, pixmap);
}

bool PixmapCache::copyOut(const EntryKey &key, QPixmap *pixmap) {
  const Entry *entry = entries_.find(key);
  if (entry == nullptr)
    return false;
  if (pixmap != nullptr)
    *pixmap = entry->pixmap;
  return true;
}

bool PixmapCache::insert(const QString &key, const QPixmap &pixmap) {
  return isOnGuiThread("insert") &&
         insertEntry(EntryKey{key, kStringEntry}, std::make_unique<Entry>(Entry{pixmap, nullptr}));
}

PixmapCache::Key PixmapCache::insert(const QPixmap &pixmap) {
  if (!isOnGuiThread("insert"))
    return {};
  const std::optional<std::uint64_t> id = entryIds().allocate();
  if (!id) {
    qCWarning(lcPixmapCache, "pxc::PixmapCache::insert: entry ids exhausted");
    return {};
  }
  auto data = std::make_shared<Key::Data>(*id);
  if (!insertEntry(EntryKey{QString(), *id}, std::make_unique<Entry>(Entry{pixmap, data})))
    return {}; // the rejected entry held the only other reference to `data`
  return Key(std::move(data));
}

bool PixmapCache::insertEntry(const EntryKey &key, std::unique_ptr<Entry> entry) {
  const Cost cost = costKb(entry->pixmap);
  // On failure the cache is unchanged (an older pixmap under the same string included) and
  // the entry comes back in the result, to be destroyed with it: nothing was published.
  return entries_.insert(key, std::move(entry), cost).inserted();
}

bool PixmapCache::remove(const QString &key) {
  return isOnGuiThread("remove") && entries_.remove(EntryKey{key, kStringEntry});
}

bool PixmapCache::remove(const Key &key) {
  return isOnGuiThread("remove") && key.d_ && entries_.remove(EntryKey{QString(), key.d_->id});
}

void PixmapCache::clear() {
  if (isOnGuiThread("clear"))
    entries_.clear();
}

Cost PixmapCache::totalCost() const {
  return isOnGuiThread("totalCost") ? entries_.totalCost() : -1;
}

} // namespace pxc
