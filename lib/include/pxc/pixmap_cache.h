// pxc/pixmap_cache.h: the QPixmapCache API without QPixmapCache's defects.
//
// Same operations (find, insert and remove by string or by Key, a limit in KiB, clear), with:
// - Key as a std::shared_ptr handle: an atomic count, no manual delete, and one idempotent
//   release when the entry leaves the cache;
// - costs in pxc::Cost from the pixel size to the limit, never narrowed to int;
// - the string as the entry's own key, so eviction and clear() drop it with the entry, in
//   O(1) (QTBUG-112200: Qt kept the strings of evicted entries until the next clear());
// - insert publishing the Key and the string only once the entry is stored;
// - ids that are never reused and need no growing array;
// - misuse off the GUI thread reported through the "pxc.pixmapcache" logging category and a
//   documented return value in every build, where Qt silently returns false.
#ifndef PXC_PIXMAP_CACHE_H
#define PXC_PIXMAP_CACHE_H

#include "pxc/cost_cache.h"

#include <QLoggingCategory>
#include <QPixmap>
#include <QString>

#include <cstdint>
#include <memory>

namespace pxc {

Q_DECLARE_LOGGING_CATEGORY(lcPixmapCache)

/// A cache of QPixmaps that must be used from the GUI thread only (QPixmap is a GUI-thread
/// class). Every member except Key's checks the calling thread: called from another thread,
/// or with no QCoreApplication, it warns through lcPixmapCache, changes nothing and returns
/// the "nothing happened" value documented on it.
class PixmapCache {
public:
  /// A handle to a pixmap inserted without a string. Copies share the entry; copying,
  /// destroying and isValid() are safe from any thread.
  class Key {
  public:
    Key() noexcept = default;

    /// True while the entry is in its cache; false for a default Key, after the entry was
    /// evicted or removed, and after its cache was cleared or destroyed.
    [[nodiscard]] bool isValid() const noexcept;

    friend bool operator==(const Key &lhs, const Key &rhs) noexcept { return lhs.d_ == rhs.d_; }
    friend bool operator!=(const Key &lhs, const Key &rhs) noexcept { return lhs.d_ != rhs.d_; }

  private:
    friend class PixmapCache;
    struct Data;
    explicit Key(std::shared_ptr<Data> data) noexcept : d_(std::move(data)) {}
    std::shared_ptr<Data> d_;
  };

  /// Qt's default limit, 10 MiB.
  static constexpr Cost kDefaultCacheLimitKb = Cost{10} * 1024;

  /// Throws std::invalid_argument for a negative limit.
  explicit PixmapCache(Cost cacheLimitKb = kDefaultCacheLimitKb);
  /// Invalidates every Key of this cache.
  ~PixmapCache();
  // The eviction handler refers to this cache by address.
  PixmapCache(const PixmapCache &) = delete;
  PixmapCache &operator=(const PixmapCache &) = delete;
  PixmapCache(PixmapCache &&) = delete;
  PixmapCache &operator=(PixmapCache &&) = delete;

  /// The application-wide cache, the counterpart of QPixmapCache's static functions. It is
  /// cleared when the QCoreApplication is destroyed, while pixmaps can still be freed.
  static PixmapCache &instance();

  /// The limit in KiB; -1 off the GUI thread.
  [[nodiscard]] Cost cacheLimit() const;
  /// Sets the limit in KiB and evicts down to it. False for a negative limit or off the GUI
  /// thread, and then nothing changes.
  bool setCacheLimit(Cost cacheLimitKb);

  /// Copies the pixmap under `key` into `*pixmap` (if `pixmap` is not null) and marks it as
  /// recently used. False when there is none, or off the GUI thread.
  bool find(const QString &key, QPixmap *pixmap);
  bool find(const Key &key, QPixmap *pixmap);

  /// Stores `pixmap` under `key`, replacing an older pixmap under the same string. False when
  /// the pixmap costs more than the whole limit, or off the GUI thread; then nothing changes,
  /// the older pixmap included.
  bool insert(const QString &key, const QPixmap &pixmap);
  /// Stores `pixmap` under a new Key. On failure (as above) the Key is invalid.
  [[nodiscard]] Key insert(const QPixmap &pixmap);

  /// Removes the pixmap; false when there was none, or off the GUI thread.
  bool remove(const QString &key);
  bool remove(const Key &key);

  /// Removes every pixmap and releases the memory of the bookkeeping. Does nothing (but warn)
  /// off the GUI thread.
  void clear();

  /// The total cost in KiB of the pixmaps held; -1 off the GUI thread.
  [[nodiscard]] Cost totalCost() const;

private:
  /// Entries are keyed by their string, or (for Key handles) by an id and an empty string:
  /// the string is the cache key itself, so it leaves with its entry and nothing can be left
  /// behind (QTBUG-112200 was a second map from strings to keys that eviction did not touch).
  struct EntryKey {
    QString string;
    std::uint64_t id;
    friend bool operator==(const EntryKey &lhs, const EntryKey &rhs) noexcept {
      return lhs.id == rhs.id && lhs.string == rhs.string;
    }
  };
  struct EntryKeyHash {
    std::size_t operator()(const EntryKey &key) const noexcept;
  };
  struct Entry;

  [[nodiscard]] static bool isOnGuiThread(const char *function);
  /// Copies the pixmap under `key` into `*pixmap` (if not null); false if there is none.
  bool copyOut(const EntryKey &key, QPixmap *pixmap);
  bool insertEntry(const EntryKey &key, std::unique_ptr<Entry> entry);

  CostCache<EntryKey, Entry, EntryKeyHash> entries_;
};

} // namespace pxc

#endif // PXC_PIXMAP_CACHE_H
