// pxc/concurrent_cost_cache.h: a cost-bounded cache that many threads can use at once.
//
// One mutex around one LRU cache serialises every thread, hits included, since even a hit
// reorders the recency list; and a mutex per shard still makes every lookup write its shard's
// lock, whose cache line then travels between cores on almost every operation. So lookups here
// write nothing shared: they walk the shard's hash chains without a lock, kept safe by
// epoch-based reclamation (pxc/epoch.h), and mark an entry as used by setting a flag that is
// already set on every hit after the first. Recency is CLOCK (second chance) instead of exact
// LRU: eviction sweeps the shard's entries, clears set flags and evicts the first entry whose
// flag is clear. Writers (insert, remove, clear, limit changes) take the shard's lock.
//
// Keys are spread over independent shards, so writers to different shards never wait for each
// other. The limit is one budget for the whole cache, so any entry up to the limit fits: an
// insert evicts from its own shard first and, if that is not enough, from the others in turn,
// never holding two shard locks. Recency is per shard.
#ifndef PXC_CONCURRENT_COST_CACHE_H
#define PXC_CONCURRENT_COST_CACHE_H

#include "pxc/cost.h"
#include "pxc/epoch.h"
#include "pxc/recycler.h"

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <utility>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace pxc {

namespace detail {
/// Wide enough for a product or sum of two Costs; __extension__ keeps -Wpedantic quiet about
/// a type ISO C++ lacks (GCC and Clang have it, as they have the overflow builtins pxc uses).
__extension__ typedef __int128 WideCost;
} // namespace detail

/// A thread-safe cost-bounded cache of copyable values. Lookups hand out copies, never
/// pointers into the cache, because another thread may evict the entry at any moment.
/// Values are never modified in place (an insert under an existing key replaces the entry),
/// so a lookup can copy one while a writer works on the same shard.
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

  /// No other thread may use the cache any more.
  ~ConcurrentCostCache() {
    for (std::size_t index = 0; index < shardCount_; ++index) {
      Shard &shard = shards_[index];
      shard.retireAll();
      Garbage everything;
      shard.collectRetired(everything, Reclaim::Everything);
    }
  }

  ConcurrentCostCache(const ConcurrentCostCache &) = delete;
  ConcurrentCostCache &operator=(const ConcurrentCostCache &) = delete;

  /// Stores a copy of `value`, replacing any value under `key`; false (and nothing changed)
  /// when `cost` is negative or above maxCost().
  bool insert(const Key &key, T value, Cost cost) {
    if (cost < 0 || cost > maxCost())
      return false;
    const std::size_t hash = hasher_(key);
    Shard &shard = shardFor(hash);
    // The shard's lock line was most likely last written by another core: ask for it now, so
    // that it travels while the node is built (before the lock, which others may wait for).
    __builtin_prefetch(&shard.mutex, 1);
    auto node = std::make_unique<Node>(key, hash, std::move(value), cost);
    {
      Garbage garbage;
      const std::lock_guard<ShardMutex> lock(shard.mutex);
      const Cost limit = maxCost();
      if (cost > limit)
        return false; // lowered meanwhile; the node is destroyed after the unlock
      const Cost before = shard.totalCost;
      shard.insert(std::move(node), equal_, totalCost_.load(std::memory_order_relaxed), limit);
      addToTotal(shard.totalCost - before);
      shard.collectRetired(garbage, Reclaim::WhenSafe);
    }
    spillOver(&shard);
    return true;
  }

  /// Copy-assigns the value under `key` to `*copyTo` (when not null) and marks it as used;
  /// false when there is none. Takes no lock and writes nothing other threads read, except
  /// the entry's use flag the first time it is found after an eviction sweep.
  bool find(const Key &key, T *copyTo) {
    const std::size_t hash = hasher_(key);
    Shard &shard = shardFor(hash);
    const detail::EpochReadGuard guard;
    const Node *node = shard.findWithoutLock(key, hash, equal_);
    if (node == nullptr)
      return false;
    node->markUsed();
    if (copyTo != nullptr)
      *copyTo = node->value;
    return true;
  }

  bool remove(const Key &key) {
    const std::size_t hash = hasher_(key);
    Shard &shard = shardFor(hash);
    Garbage garbage;
    const std::lock_guard<ShardMutex> lock(shard.mutex);
    const Cost before = shard.totalCost;
    const bool removed = shard.remove(key, hash, equal_);
    addToTotal(shard.totalCost - before);
    shard.collectRetired(garbage, Reclaim::WhenSafe);
    return removed;
  }

  /// Removes every entry. Their memory is freed as soon as no lookup that started before the
  /// call is still running, which is at once when no other thread is inside find().
  void clear() {
    for (std::size_t index = 0; index < shardCount_; ++index) {
      Shard &shard = shards_[index];
      Garbage garbage;
      const std::lock_guard<ShardMutex> lock(shard.mutex);
      addToTotal(-shard.totalCost);
      shard.retireAll();
      shard.collectRetired(garbage, Reclaim::WhenSafe);
    }
  }

  /// Sets the limit and evicts down to it, from every shard in proportion to what it holds
  /// (each share rounded up, so up to shardCount() - 1 more cost may go than needed). A
  /// negative limit is refused (false) and changes nothing.
  [[nodiscard]] bool setMaxCost(Cost maxCost) {
    if (maxCost < 0)
      return false;
    maxCost_.store(maxCost, std::memory_order_relaxed);
    const std::uint64_t total = totalCost_.load(std::memory_order_relaxed);
    if (total > static_cast<std::uint64_t>(maxCost)) {
      // Each shard frees its share of the excess, rounded up, so that together they free at
      // least all of it; 128 bits, since the products do not fit in 64.
      const detail::WideCost excess = static_cast<detail::WideCost>(total) - maxCost;
      for (std::size_t index = 0; index < shardCount_; ++index) {
        Shard &shard = shards_[index];
        Garbage garbage;
        const std::lock_guard<ShardMutex> lock(shard.mutex);
        const Cost before = shard.totalCost;
        const detail::WideCost share = (before * excess + total - 1) / total;
        shard.trimTo(share >= before ? 0 : before - static_cast<Cost>(share));
        addToTotal(shard.totalCost - before);
        shard.collectRetired(garbage, Reclaim::WhenSafe);
      }
    }
    spillOver(nullptr); // what writers added meanwhile
    return true;
  }

  [[nodiscard]] Cost maxCost() const noexcept { return maxCost_.load(std::memory_order_relaxed); }

  /// With concurrent writers, a moment's value that may briefly exceed maxCost() while an
  /// insert is still evicting; once every call has returned, it is within the limit.
  [[nodiscard]] Cost totalCost() const noexcept {
    const std::uint64_t total = totalCost_.load(std::memory_order_relaxed);
    return total > static_cast<std::uint64_t>(kMaxCost) ? kMaxCost : static_cast<Cost>(total);
  }

  [[nodiscard]] std::size_t size() const {
    std::size_t count = 0;
    for (std::size_t index = 0; index < shardCount_; ++index) {
      const std::lock_guard<ShardMutex> lock(shards_[index].mutex);
      count += shards_[index].size;
    }
    return count;
  }

  [[nodiscard]] std::size_t shardCount() const noexcept { return shardCount_; }

private:
  /// An entry. Everything a lookup reads is immutable once the node is published, except the
  /// chain link and the use flag, which are atomic. The ring and retire links belong to the
  /// writers, under the shard's lock.
  struct Node {
    Node(const Key &key, std::size_t hash, T value, Cost cost)
        : key(key), hash(hash), value(std::move(value)), cost(cost) {}

    // Nodes are usually freed by another writer than the one that made them (recycler.h).
    static void *operator new(std::size_t) {
      return detail::ThreadRecycler<sizeof(Node)>::allocate();
    }
    static void operator delete(void *memory) noexcept {
      detail::ThreadRecycler<sizeof(Node)>::release(memory);
    }

    void markUsed() const noexcept {
      // Test first: a store to a flag that is already set would still take the line away
      // from the other cores that read this node.
      if (!used.load(std::memory_order_relaxed))
        used.store(true, std::memory_order_relaxed);
    }

    const Key key;
    const std::size_t hash;
    const T value;
    const Cost cost;
    std::atomic<Node *> nextInBucket{nullptr};
    mutable std::atomic<bool> used{false};
    Node *ringNext = nullptr; // the CLOCK ring, in insertion order
    Node *ringPrevious = nullptr;
    Node *nextRetired = nullptr;
    Node *nextBatch = nullptr;  // in a batch's first node only
    std::uint64_t retiredIn = 0; // likewise
  };

  /// A power-of-two array of chain heads. Replaced (and the old one retired) when it grows.
  struct Table {
    explicit Table(unsigned bits)
        : shift(64 - bits), count(std::size_t{1} << bits),
          heads(std::make_unique<std::atomic<Node *>[]>(count)) {}

    /// Fibonacci hashing, with another multiplier than shardFor() so the shard choice does
    /// not thin out the buckets of a shard.
    [[nodiscard]] std::atomic<Node *> &bucketFor(std::size_t hash) const noexcept {
      const std::uint64_t mixed = static_cast<std::uint64_t>(hash) * UINT64_C(0x9E3779B97F4A7C15);
      return heads[static_cast<std::size_t>(mixed >> shift)];
    }

    const unsigned shift;
    const std::size_t count;
    const std::unique_ptr<std::atomic<Node *>[]> heads; // value-initialised: all null
    Table *nextRetired = nullptr;
    Table *nextBatch = nullptr;
    std::uint64_t retiredIn = 0;
  };

  /// A test-and-test-and-set lock: one atomic exchange takes it and a plain store gives it
  /// back, where std::mutex costs two locked instructions and a check for sleepers. Writers
  /// hold it for tens of nanoseconds, so a waiter spins, reading the flag rather than writing
  /// it (a failed exchange would take the line from the holder). If the holder was preempted,
  /// the waiter yields its core, and after that sleeps in short steps, so that threads beyond
  /// the number of cores do not burn it.
  class ShardMutex {
  public:
    void lock() noexcept {
      unsigned waits = 0;
      while (held_.exchange(true, std::memory_order_acquire))
        while (held_.load(std::memory_order_relaxed))
          backOff(waits++);
    }
    bool try_lock() noexcept {
      return !held_.load(std::memory_order_relaxed) &&
             !held_.exchange(true, std::memory_order_acquire);
    }
    void unlock() noexcept { held_.store(false, std::memory_order_release); }

  private:
    static constexpr unsigned kSpins = 100;
    static constexpr unsigned kYields = 100;
    static void backOff(unsigned waits) noexcept {
      if (waits < kSpins) {
#if defined(__x86_64__) || defined(__i386__)
        _mm_pause();
#endif
      } else if (waits < kSpins + kYields) {
        std::this_thread::yield();
      } else {
        std::this_thread::sleep_for(std::chrono::microseconds(50));
      }
    }
    std::atomic<bool> held_{false};
  };

  enum class Reclaim { WhenSafe, Everything };

  /// What a writer unlinked long enough ago to free, freed when the writer's scope ends:
  /// declared before the lock guard, so after the unlock, since destroying values can take a
  /// while.
  struct Garbage {
    Garbage() = default;
    Garbage(const Garbage &) = delete;
    Garbage &operator=(const Garbage &) = delete;
    ~Garbage() {
      deleteBatches(nodes);
      deleteBatches(tables);
    }
    template <typename Retired> static void deleteBatches(Retired *batch) noexcept {
      while (batch != nullptr) {
        Retired *item = std::exchange(batch, batch->nextBatch);
        while (item != nullptr)
          delete std::exchange(item, item->nextRetired);
      }
    }
    Node *nodes = nullptr; // batches, linked through their first items
    Table *tables = nullptr;
  };

  /// Unlinked nodes or tables in batches, oldest batch first. A batch is tagged with one epoch
  /// read after all its items were unlinked, stored in its first item; tags only grow along
  /// the batches, so the ones safe to free are a prefix. Items are pushed at the front of the
  /// open batch and a batch is tagged through its first item, so retiring writes only the
  /// item itself and tagging is O(1): the lock is never held while walking cold nodes, which
  /// with several writers were last written by another core.
  template <typename Retired> struct RetireBatches {
    RetireBatches() = default;
    // `newestLink` points into the batches themselves, which a copy would leave pointing at
    // the original.
    RetireBatches(const RetireBatches &) = delete;
    RetireBatches &operator=(const RetireBatches &) = delete;

    void push(Retired &item) noexcept {
      item.nextRetired = open;
      open = &item;
      ++openCount;
    }

    /// Tags the open batch with `epoch` and queues it behind the others.
    void close(std::uint64_t epoch) noexcept {
      if (open == nullptr)
        return;
      open->retiredIn = epoch;
      open->nextBatch = nullptr;
      *newestLink = open;
      newestLink = &open->nextBatch;
      open = nullptr;
      openCount = 0;
    }

    [[nodiscard]] bool empty() const noexcept { return open == nullptr && oldest == nullptr; }

    template <typename IsSafe> Retired *detachSafeBatches(const IsSafe &isSafe) noexcept {
      Retired **link = &oldest;
      while (*link != nullptr && isSafe((*link)->retiredIn))
        link = &(*link)->nextBatch;
      if (link == &oldest)
        return nullptr;
      Retired *const detached = std::exchange(oldest, *link);
      *link = nullptr;
      if (oldest == nullptr)
        newestLink = &oldest;
      return detached;
    }

    Retired *open = nullptr; // not yet tagged
    std::size_t openCount = 0;
    Retired *oldest = nullptr;
    Retired **newestLink = &oldest;
  };

  // What lookups read and what writers write live on separate cache lines, so that a writer's
  // bookkeeping does not take lines away from readers of the same shard.
  struct alignas(64) Shard {
    /// Odd while the table grows: chains are then being relinked, and a lookup that misses
    /// may have been led off its chain, so it retries under the lock.
    std::atomic<std::uint64_t> relinkCount{0};
    std::atomic<Table *> table{nullptr};

    alignas(64) mutable ShardMutex mutex;
    Cost totalCost = 0;
    std::size_t size = 0;
    Node *clockHand = nullptr; // the next entry an eviction sweep looks at; null when empty
    RetireBatches<Node> retiredNodes;
    RetireBatches<Table> retiredTables;

    const Node *findWithoutLock(const Key &key, std::size_t hash, const KeyEqual &equal) const {
      const std::uint64_t before = relinkCount.load(std::memory_order_acquire);
      if ((before & 1U) == 0) {
        if (const Node *node = walkChain(key, hash, equal))
          return node; // a match is the entry, whatever happened to the chain meanwhile
        std::atomic_thread_fence(std::memory_order_acquire);
        if (relinkCount.load(std::memory_order_relaxed) == before)
          return nullptr;
      }
      const std::lock_guard<ShardMutex> lock(mutex);
      return walkChain(key, hash, equal);
    }

    const Node *walkChain(const Key &key, std::size_t hash, const KeyEqual &equal) const {
      const Table *current = table.load(std::memory_order_acquire);
      if (current == nullptr)
        return nullptr;
      for (const Node *node = current->bucketFor(hash).load(std::memory_order_acquire);
           node != nullptr; node = node->nextInBucket.load(std::memory_order_acquire)) {
        if (node->hash == hash && equal(node->key, key))
          return node;
      }
      return nullptr;
    }

    // The rest runs under the lock.

    Node *lookup(const Key &key, std::size_t hash, const KeyEqual &equal) const {
      return const_cast<Node *>(walkChain(key, hash, equal));
    }

    /// Links `node`, replacing any entry under its key, after evicting from this shard what it
    /// can of the cost by which the whole cache (at `cacheTotal`) would exceed `limit`.
    void insert(std::unique_ptr<Node> node, const KeyEqual &equal, std::uint64_t cacheTotal,
                Cost limit) {
      Node *const replaced = lookup(node->key, node->hash, equal);
      growForOneMore(); // the only step that can throw: nothing has changed yet
      if (replaced != nullptr) {
        // Out of the ring first, so that trimming cannot pick it; it leaves the chain only
        // after the new node is in, so lookups always find one of the two.
        unlinkFromRing(*replaced);
        totalCost -= replaced->cost;
        --size;
      }
      // 128 bits: the cache's total can briefly exceed the largest Cost (see addToTotal).
      const detail::WideCost toFree = static_cast<detail::WideCost>(cacheTotal) + node->cost -
                              (replaced != nullptr ? replaced->cost : 0) - limit;
      if (toFree > 0)
        trimTo(toFree >= totalCost ? 0 : totalCost - static_cast<Cost>(toFree));
      Node *const added = node.release();
      std::atomic<Node *> &head = table.load(std::memory_order_relaxed)->bucketFor(added->hash);
      added->nextInBucket.store(head.load(std::memory_order_relaxed), std::memory_order_relaxed);
      head.store(added, std::memory_order_release); // publishes the node's contents
      linkIntoRing(*added);
      totalCost += added->cost;
      ++size;
      if (replaced != nullptr) {
        unlinkFromChain(*replaced);
        retire(*replaced);
      }
    }

    bool remove(const Key &key, std::size_t hash, const KeyEqual &equal) {
      Node *const node = lookup(key, hash, equal);
      if (node == nullptr)
        return false;
      evict(*node);
      return true;
    }

    /// CLOCK: an entry used since the hand last passed it gets a second chance. Lookups may
    /// set flags again behind the hand, so after two full turns the hand evicts regardless.
    void trimTo(Cost target) noexcept {
      std::size_t secondChances = 0;
      while (totalCost > target && clockHand != nullptr) {
        Node &candidate = *clockHand;
        if (candidate.used.load(std::memory_order_relaxed) && secondChances++ < 2 * size) {
          candidate.used.store(false, std::memory_order_relaxed);
          clockHand = candidate.ringNext;
        } else {
          evict(candidate);
        }
      }
    }

    void evict(Node &node) noexcept {
      unlinkFromRing(node);
      unlinkFromChain(node);
      totalCost -= node.cost;
      --size;
      retire(node);
    }

    /// Empties the shard and retires its table too, so a cache that once held many entries
    /// keeps no memory for them.
    void retireAll() noexcept {
      Table *const current = table.load(std::memory_order_relaxed);
      if (current == nullptr)
        return;
      table.store(nullptr, std::memory_order_release);
      while (clockHand != nullptr) {
        Node &node = *clockHand;
        unlinkFromRing(node);
        retire(node);
      }
      retire(*current);
      totalCost = 0;
      size = 0;
    }

    /// Doubles the table when it is half full. Nodes are relinked into the new table in
    /// place; a lookup walking the old one meanwhile may be led to the wrong chain, so the
    /// relink count tells it to retry.
    void growForOneMore() {
      Table *const current = table.load(std::memory_order_relaxed);
      if (current != nullptr && size < current->count / 2)
        return;
      const unsigned bits = current == nullptr ? 3 : 65 - current->shift;
      auto grown = std::make_unique<Table>(bits); // throws before anything changed
      if (current == nullptr) {
        table.store(grown.release(), std::memory_order_release);
        return;
      }
      relinkCount.store(relinkCount.load(std::memory_order_relaxed) + 1,
                        std::memory_order_relaxed);
      std::atomic_thread_fence(std::memory_order_release);
      for (std::size_t bucket = 0; bucket < current->count; ++bucket) {
        Node *node = current->heads[bucket].load(std::memory_order_relaxed);
        while (node != nullptr) {
          Node *const next = node->nextInBucket.load(std::memory_order_relaxed);
          std::atomic<Node *> &head = grown->bucketFor(node->hash);
          node->nextInBucket.store(head.load(std::memory_order_relaxed),
                                   std::memory_order_release);
          head.store(node, std::memory_order_release);
          node = next;
        }
      }
      table.store(grown.release(), std::memory_order_release);
      relinkCount.store(relinkCount.load(std::memory_order_relaxed) + 1,
                        std::memory_order_release);
      retire(*current);
    }

    void unlinkFromChain(const Node &node) noexcept {
      std::atomic<Node *> *link = &table.load(std::memory_order_relaxed)->bucketFor(node.hash);
      while (link->load(std::memory_order_relaxed) != &node)
        link = &link->load(std::memory_order_relaxed)->nextInBucket;
      // The node keeps its own link, so a lookup standing on it walks on.
      link->store(node.nextInBucket.load(std::memory_order_relaxed), std::memory_order_release);
    }

    /// New entries go just behind the hand: the last a sweep reaches.
    void linkIntoRing(Node &node) noexcept {
      if (clockHand == nullptr) {
        node.ringNext = node.ringPrevious = &node;
        clockHand = &node;
        return;
      }
      node.ringNext = clockHand;
      node.ringPrevious = clockHand->ringPrevious;
      node.ringPrevious->ringNext = &node;
      clockHand->ringPrevious = &node;
    }

    void unlinkFromRing(Node &node) noexcept {
      if (node.ringNext == &node) {
        clockHand = nullptr;
      } else {
        node.ringPrevious->ringNext = node.ringNext;
        node.ringNext->ringPrevious = node.ringPrevious;
        if (clockHand == &node)
          clockHand = node.ringNext;
      }
      node.ringNext = node.ringPrevious = nullptr;
    }

    /// Called once `item` is unreachable for lookups that start from now on; collection
    /// frees it once no lookup that might still hold it is running.
    void retire(Node &node) noexcept { retiredNodes.push(node); }
    void retire(Table &old) noexcept { retiredTables.push(old); }

    /// Hands what no lookup can hold any more to `garbage`. Tagging needs a full fence and
    /// moving the epoch on scans every thread's slot, so both wait until a batch has been
    /// unlinked (or the shard is empty). One epoch read after the fence serves the whole
    /// batch: any epoch read after the unlinking is a safe tag, later ones only more cautious.
    void collectRetired(Garbage &garbage, Reclaim mode) noexcept {
      if (retiredNodes.empty() && retiredTables.empty())
        return;
      if (mode == Reclaim::WhenSafe && size != 0 &&
          retiredNodes.openCount + retiredTables.openCount < kRetiredBeforeAdvance)
        return;
      detail::EpochDomain &domain = detail::EpochDomain::instance();
      std::atomic_thread_fence(std::memory_order_seq_cst);
      const std::uint64_t epoch = domain.current();
      retiredNodes.close(epoch);
      retiredTables.close(epoch);
      if (mode == Reclaim::WhenSafe && domain.tryAdvance())
        domain.tryAdvance();
      const auto isSafe = [&](std::uint64_t retiredIn) {
        return mode == Reclaim::Everything || domain.isSafeToFree(retiredIn);
      };
      garbage.nodes = retiredNodes.detachSafeBatches(isSafe);
      garbage.tables = retiredTables.detachSafeBatches(isSafe);
    }

    static constexpr std::size_t kRetiredBeforeAdvance = 64;
  };

  /// Evicts from the shards in turn, starting after the last one this visited, until the
  /// total is within the limit. `exempt`'s latest entry is the one just inserted: its own
  /// shard has already given what it could. Stops once a full round found nothing to evict.
  void spillOver(const Shard *exempt) {
    std::size_t fruitlessVisits = 0;
    while (fruitlessVisits < shardCount_) {
      const std::uint64_t total = totalCost_.load(std::memory_order_relaxed);
      const auto limit = static_cast<std::uint64_t>(maxCost());
      if (total <= limit)
        return;
      Shard &shard = shards_[spillCursor_.fetch_add(1, std::memory_order_relaxed) & (shardCount_ - 1)];
      if (&shard == exempt) {
        ++fruitlessVisits;
        continue;
      }
      Garbage garbage;
      const std::lock_guard<ShardMutex> lock(shard.mutex);
      const Cost before = shard.totalCost;
      const std::uint64_t excess = total - limit;
      shard.trimTo(excess >= static_cast<std::uint64_t>(before) ? 0
                                                                : before - static_cast<Cost>(excess));
      addToTotal(shard.totalCost - before);
      fruitlessVisits = shard.totalCost == before ? fruitlessVisits + 1 : 0;
      shard.collectRetired(garbage, Reclaim::WhenSafe);
    }
  }

  /// Adds a shard's change (which may be negative) to the cache's total. The total is kept
  /// unsigned: while an insert is still evicting it can briefly exceed the largest Cost, and
  /// unsigned arithmetic wraps where signed would overflow.
  /// A change of zero, the steady state of a full cache where each insert evicts as much as
  /// it adds, writes nothing: an atomic add of zero would still take the line from the cores
  /// that read the total.
  void addToTotal(Cost change) noexcept {
    if (change != 0)
      totalCost_.fetch_add(static_cast<std::uint64_t>(change), std::memory_order_relaxed);
  }

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
    const std::uint64_t mixed = static_cast<std::uint64_t>(hash) * UINT64_C(0xD6E8FEB86659FD93);
    return shards_[static_cast<std::size_t>(mixed >> (64 - shardBits_))];
  }

  const unsigned shardBits_;
  const std::size_t shardCount_;
  const std::unique_ptr<Shard[]> shards_;
  std::atomic<Cost> maxCost_{0};
  Hash hasher_;
  KeyEqual equal_;
  // Written by the inserts and removes that change it: on a cache line of its own, so that writing it does
  // not take the read-mostly members above away from the other cores.
  alignas(64) std::atomic<std::uint64_t> totalCost_{0}; // the sum of the shards' totals
  std::atomic<std::size_t> spillCursor_{0};
};

} // namespace pxc

#endif // PXC_CONCURRENT_COST_CACHE_H
