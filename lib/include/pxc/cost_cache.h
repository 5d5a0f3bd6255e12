// pxc/cost_cache.h: a cost-bounded LRU cache that owns its entries (the QCache replacement).
//
// The cache is a hash map whose nodes are also linked into a recency list, so find, insert and
// remove are O(1) on average and no entry is allocated twice. Unlike QCache::insert, which
// deletes the object it was given when the insertion fails (so a caller that goes on using
// its pointer reads freed memory), insert here takes a std::unique_ptr and hands the object
// back on failure: after a failed insert the caller owns the object again, and after a
// successful one the caller's pointer is already null.
#ifndef PXC_COST_CACHE_H
#define PXC_COST_CACHE_H

#include "pxc/cost.h"

#include <cstddef>
#include <functional>
#include <memory>
#include <stdexcept>
#include <unordered_map>
#include <utility>

namespace pxc {

/// What CostCache::insert did with the object.
enum class InsertStatus {
  Inserted,         ///< Stored under a new key.
  Replaced,         ///< Stored; the object previously under the key was destroyed.
  NullObject,       ///< Rejected: a null object would make a hit look like a miss.
  NegativeCost,     ///< Rejected: the cost is negative.
  CostExceedsLimit, ///< Rejected: the cost alone is above maxCost().
};

/// The result of CostCache::insert. On success `rejected` is null and the cache owns the
/// object; on failure the cache is unchanged and `rejected` returns the object to the caller.
template <typename T> struct [[nodiscard]] InsertResult {
  InsertStatus status;
  std::unique_ptr<T> rejected;

  [[nodiscard]] bool inserted() const noexcept {
    return status == InsertStatus::Inserted || status == InsertStatus::Replaced;
  }
};

/// A cache of at most maxCost() total cost that evicts least recently used entries first.
///
/// Costs are pxc::Cost (64-bit) throughout. The invariant totalCost() <= maxCost() holds after
/// every call, so totals never overflow. Not thread-safe: see ConcurrentCostCache.
template <typename Key, typename T, typename Hash = std::hash<Key>,
          typename KeyEqual = std::equal_to<Key>>
class CostCache {
public:
  /// Called for every object the cache destroys on its own or on request: evicted, removed,
  /// replaced or cleared (but not take()n, which hands the object over). It runs before the
  /// object is destroyed, must not throw and must not call back into this cache.
  using EvictionHandler = std::function<void(const Key &, T &)>;

  /// Throws std::invalid_argument for a negative `maxCost`: a constructor cannot report
  /// failure any other way, and a cache with a meaningless limit must not come into being.
  explicit CostCache(Cost maxCost) : maxCost_(maxCost) {
    if (maxCost < 0)
      throw std::invalid_argument("pxc::CostCache: negative maximum cost");
  }
  ~CostCache() { clear(); }

  // Entries link to each other by address, which a copy or a move would leave behind.
  CostCache(const CostCache &) = delete;
  CostCache &operator=(const CostCache &) = delete;
  CostCache(CostCache &&) = delete;
  CostCache &operator=(CostCache &&) = delete;

  void setEvictionHandler(EvictionHandler handler) { evictionHandler_ = std::move(handler); }

  /// Stores `object` under `key` at `cost`, evicting least recently used entries first so
  /// that the total stays within maxCost(). Strong guarantee: if this throws (only
  /// std::bad_alloc from the map), the cache is unchanged and the object is destroyed.
  InsertResult<T> insert(const Key &key, std::unique_ptr<T> object, Cost cost) {
    if (!object)
      return {InsertStatus::NullObject, nullptr};
    if (cost < 0)
      return {InsertStatus::NegativeCost, std::move(object)};
    if (cost > maxCost_)
      return {InsertStatus::CostExceedsLimit, std::move(object)};

    auto [position, isNew] = entries_.try_emplace(key);
    Entry &entry = position->second;
    if (isNew) {
      entry.key = &position->first;
    } else {
      // Notify before trimming so the handler sees the replaced object still under its key.
      unlink(entry);
      totalCost_ -= entry.cost;
      notifyEviction(entry);
    }
    // The entry is not linked, so trimming cannot evict it; cost <= maxCost_ keeps the
    // target non-negative.
    trimTo(maxCost_ - cost);
    std::unique_ptr<T> replaced = std::exchange(entry.object, std::move(object));
    entry.cost = cost;
    linkAsNewest(entry);
    totalCost_ += cost;
    return {isNew ? InsertStatus::Inserted : InsertStatus::Replaced, nullptr};
  }

  /// The object under `key`, now the most recently used, or null. The pointer stays valid
  /// until the next call that can remove entries (insert, remove, take, clear, setMaxCost).
  T *find(const Key &key) {
    const auto position = entries_.find(key);
    if (position == entries_.end())
      return nullptr;
    Entry &entry = position->second;
    unlink(entry);
    linkAsNewest(entry);
    return entry.object.get();
  }

  /// Like find(), without counting as a use.
  [[nodiscard]] const T *peek(const Key &key) const {
    const auto position = entries_.find(key);
    return position == entries_.end() ? nullptr : position->second.object.get();
  }

  [[nodiscard]] bool contains(const Key &key) const { return entries_.count(key) != 0; }

  /// Destroys the object under `key`; false if there was none.
  bool remove(const Key &key) {
    const auto position = entries_.find(key);
    if (position == entries_.end())
      return false;
    notifyEviction(position->second);
    erase(position);
    return true;
  }

  /// Removes the entry under `key` and hands its object to the caller (null if there was none).
  [[nodiscard]] std::unique_ptr<T> take(const Key &key) {
    const auto position = entries_.find(key);
    if (position == entries_.end())
      return nullptr;
    return erase(position);
  }

  /// Destroys every entry and releases the map's bucket array as well, so a cache that once
  /// held many entries keeps no memory for them.
  void clear() noexcept {
    for (Entry *entry = newest_; entry != nullptr; entry = entry->older)
      notifyEviction(*entry);
    Map released;
    released.swap(entries_);
    newest_ = oldest_ = nullptr;
    totalCost_ = 0;
  }

  /// Sets the limit and evicts least recently used entries down to it. A negative limit is
  /// refused (false) and leaves the cache unchanged.
  [[nodiscard]] bool setMaxCost(Cost maxCost) {
    if (maxCost < 0)
      return false;
    maxCost_ = maxCost;
    trimTo(maxCost);
    return true;
  }

  [[nodiscard]] Cost maxCost() const noexcept { return maxCost_; }
  [[nodiscard]] Cost totalCost() const noexcept { return totalCost_; }
  [[nodiscard]] std::size_t size() const noexcept { return entries_.size(); }
  [[nodiscard]] bool empty() const noexcept { return entries_.empty(); }

private:
  struct Entry {
    std::unique_ptr<T> object;
    Cost cost = 0;
    // The map's own copy of the key: unordered_map never moves its nodes, so this and the
    // recency links stay valid across rehashes.
    const Key *key = nullptr;
    Entry *newer = nullptr;
    Entry *older = nullptr;
  };
  using Map = std::unordered_map<Key, Entry, Hash, KeyEqual>;

  void linkAsNewest(Entry &entry) noexcept {
    entry.newer = nullptr;
    entry.older = newest_;
    if (newest_ != nullptr)
      newest_->newer = &entry;
    else
      oldest_ = &entry;
    newest_ = &entry;
  }

  void unlink(Entry &entry) noexcept {
    (entry.newer != nullptr ? entry.newer->older : newest_) = entry.older;
    (entry.older != nullptr ? entry.older->newer : oldest_) = entry.newer;
    entry.newer = entry.older = nullptr;
  }

  void notifyEviction(Entry &entry) noexcept {
    if (evictionHandler_ && entry.object)
      evictionHandler_(*entry.key, *entry.object);
  }

  /// Unlinks and erases the entry, returning its object for the caller to keep or destroy.
  std::unique_ptr<T> erase(typename Map::iterator position) noexcept {
    Entry &entry = position->second;
    unlink(entry);
    totalCost_ -= entry.cost;
    std::unique_ptr<T> object = std::move(entry.object);
    entries_.erase(position);
    return object;
  }

  void trimTo(Cost target) noexcept {
    while (totalCost_ > target && oldest_ != nullptr) {
      notifyEviction(*oldest_);
      erase(entries_.find(*oldest_->key));
    }
  }

  Map entries_;
  Entry *newest_ = nullptr;
  Entry *oldest_ = nullptr;
  Cost maxCost_;
  Cost totalCost_ = 0;
  EvictionHandler evictionHandler_;
};

} // namespace pxc

#endif // PXC_COST_CACHE_H
