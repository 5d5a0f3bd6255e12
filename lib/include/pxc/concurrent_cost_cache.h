// pxc/concurrent_cost_cache.h: a CostCache that many threads can use at once.
//
// One mutex around one cache serialises every thread, hits included, since even a hit
// reorders the recency list. This cache splits keys over independent shards, each a CostCache
// with its own mutex and an equal share of the limit, so threads that touch different shards
// never wait for each other. The price is that recency is per shard: an entry is evicted when
// it is the least recently used of its shard, not of the whole cache.
#ifndef PXC_CONCURRENT_COST_CACHE_H
#define PXC_CONCURRENT_COST_CACHE_H

#include "pxc/cost_cache.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>

namespace pxc {

/// A thread-safe cost-bounded cache of copyable values. Lookups hand out copies, never
/// pointers into the cache, because another thread may evict the entry as soon as the lock is
/// released.
template <typename Key, typename T, typename Hash = std::hash<Key>,
          typename KeyEqual = std::equal_to<Key>>
class ConcurrentCostCache {
public:
  static constexpr std::size_t kDefaultShardCount = 16;

  /// `shardCount` is rounded up to a power of two (at least 1). Throws std::invalid_argument
  /// for a negative `maxCost`.
  explicit ConcurrentCostCache(Cost maxCost, std::size_t shardCount = kDefaultShardCount)
      : shardBits_(bitsForShards(shardCount)), shardCount_(std::size_t{1} << shardBits_),
        shards_(std::make_unique<Shard[]>(shardCount_)) {
    if (!setMaxCost(maxCost))
      throw std::invalid_argument("pxc::ConcurrentCostCache: negative maximum cost");
  }

  /// Stores a copy of `value`; false (and nothing stored) when `cost` is negative or above
  /// the limit of the key's shard, maxCost() / shardCount().
  bool insert(const Key &key, T value, Cost cost) {
    // Copy the value before taking the lock, which other threads may be waiting for.
    auto object = std::make_unique<T>(std::move(value));
    const std::size_t hash = hasher_(key);
    Shard &shard = shardFor(hash);
    InsertResult<T> result = [&] {
      const std::lock_guard<std::mutex> lock(shard.mutex);
      return shard.cache.insertHashed(key, hash, std::move(object), cost);
    }();
    return result.inserted(); // a rejected object is destroyed here, after the unlock
  }

  /// Copy-assigns the value under `key` to `*copyTo` (when not null), and makes it the most
  /// recently used of its shard; false when there is none. Assigning into the caller's object
  /// under the lock, rather than returning a copy, avoids a temporary and its destruction on
  /// the hot path.
  bool find(const Key &key, T *copyTo) {
    const std::size_t hash = hasher_(key);
    Shard &shard = shardFor(hash);
    const std::lock_guard<std::mutex> lock(shard.mutex);
    const T *value = shard.cache.findHashed(key, hash);
    if (value == nullptr)
      return false;
    if (copyTo != nullptr)
      *copyTo = *value;
    return true;
  }

  bool remove(const Key &key) {
    const std::size_t hash = hasher_(key);
    Shard &shard = shardFor(hash);
    const std::lock_guard<std::mutex> lock(shard.mutex);
    return shard.cache.removeHashed(key, hash);
  }

  void clear() {
    forEachShard([](CostCache<Key, T, Hash, KeyEqual> &cache) { cache.clear(); });
  }

  /// Splits `maxCost` over the shards (the first `maxCost % shardCount()` get one more) and
  /// trims each to its share. A negative limit is refused (false) and changes nothing.
  [[nodiscard]] bool setMaxCost(Cost maxCost) {
    if (maxCost < 0)
      return false;
    const std::lock_guard<std::mutex> lock(limitMutex_);
    const Cost count = static_cast<Cost>(shardCount_);
    for (std::size_t index = 0; index < shardCount_; ++index) {
      const Cost share = (maxCost / count) + (static_cast<Cost>(index) < maxCost % count ? 1 : 0);
      const std::lock_guard<std::mutex> shardLock(shards_[index].mutex);
      (void)shards_[index].cache.setMaxCost(share); // share >= 0 cannot be refused
    }
    maxCost_.store(maxCost, std::memory_order_relaxed);
    return true;
  }

  [[nodiscard]] Cost maxCost() const noexcept { return maxCost_.load(std::memory_order_relaxed); }

  /// The sum over the shards, each read under its lock; with concurrent writers it is a
  /// snapshot that may mix moments.
  [[nodiscard]] Cost totalCost() const {
    Cost total = 0;
    forEachShard([&](const CostCache<Key, T, Hash, KeyEqual> &cache) {
      total += cache.totalCost();
    });
    return total;
  }

  [[nodiscard]] std::size_t size() const {
    std::size_t count = 0;
    forEachShard([&](const CostCache<Key, T, Hash, KeyEqual> &cache) { count += cache.size(); });
    return count;
  }

  [[nodiscard]] std::size_t shardCount() const noexcept { return shardCount_; }

private:
  // Each shard on its own cache line, so locking one does not slow down its neighbours.
  struct alignas(64) Shard {
    std::mutex mutex;
    CostCache<Key, T, Hash, KeyEqual> cache{0};
  };

  /// log2 of `count` rounded up to a power of two, so at most 63.
  static unsigned bitsForShards(std::size_t count) noexcept {
    unsigned bits = 0;
    while (bits < 63 && (std::size_t{1} << bits) < count)
      ++bits;
    return bits;
  }

  [[nodiscard]] Shard &shardFor(std::size_t hash) const noexcept {
    if (shardBits_ == 0)
      return shards_[0];
    // The top bits of a multiplicative hash, with another multiplier than the one CostCache
    // uses for its buckets, so the shard choice does not thin out the buckets of a shard.
    const std::uint64_t mixed = static_cast<std::uint64_t>(hash) * UINT64_C(0xD6E8FEB86659FD93);
    return shards_[static_cast<std::size_t>(mixed >> (64 - shardBits_))];
  }

  // const only in the sense that the shard array does not change: `visit` may modify the
  // caches, and the non-const callers rely on that.
  template <typename Visit> void forEachShard(const Visit &visit) const {
    for (std::size_t index = 0; index < shardCount_; ++index) {
      const std::lock_guard<std::mutex> lock(shards_[index].mutex);
      visit(shards_[index].cache);
    }
  }

  const unsigned shardBits_;
  const std::size_t shardCount_;
  const std::unique_ptr<Shard[]> shards_;
  std::mutex limitMutex_; // orders concurrent setMaxCost calls, so shares come from one limit
  std::atomic<Cost> maxCost_{0};
  Hash hasher_;
};

} // namespace pxc

#endif // PXC_CONCURRENT_COST_CACHE_H
