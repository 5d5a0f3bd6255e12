// pxc/cost_cache.h: a cost-bounded LRU cache that owns its entries (the QCache replacement).
//
// The cache is a chained hash table whose nodes are also linked into a recency list, so find,
// insert and remove are O(1) on average, with one node allocation per entry. Each node keeps
// its key's hash: growing the table, unlinking a node and skipping non-matching nodes never
// hash a key again, and ConcurrentCostCache hashes a key once for both the shard and the table. Unlike QCache::insert, which
// deletes the object it was given when the insertion fails (so a caller that goes on using
// its pointer reads freed memory), insert here takes a std::unique_ptr and hands the object
// back on failure: after a failed insert the caller owns the object again, and after a
// successful one the caller's pointer is already null.
#ifndef PXC_COST_CACHE_H
#define PXC_COST_CACHE_H

#include "pxc/cost.h"

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
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
  /// that the total stays within maxCost(). Strong guarantee: if this throws (std::bad_alloc,
  /// or an exception from copying the key), the cache is unchanged and the object destroyed.
  InsertResult<T> insert(const Key &key, std::unique_ptr<T> object, Cost cost) {
    return insertHashed(key, hasher_(key), std::move(object), cost);
  }

  /// The object under `key`, now the most recently used, or null. The pointer stays valid
  /// until the next call that can remove entries (insert, remove, take, clear, setMaxCost).
  T *find(const Key &key) { return findHashed(key, hasher_(key)); }

  /// Like find(), without counting as a use.
  [[nodiscard]] const T *peek(const Key &key) const {
    const Node *node = lookup(key, hasher_(key));
    return node == nullptr ? nullptr : node->object.get();
  }

  [[nodiscard]] bool contains(const Key &key) const {
    return lookup(key, hasher_(key)) != nullptr;
  }

  /// Destroys the object under `key`; false if there was none.
  bool remove(const Key &key) { return removeHashed(key, hasher_(key)); }

  /// Removes the entry under `key` and hands its object to the caller (null if there was none).
  [[nodiscard]] std::unique_ptr<T> take(const Key &key) {
    Node *node = lookup(key, hasher_(key));
    return node == nullptr ? nullptr : erase(*node);
  }

  /// Destroys every entry and frees the bucket array as well, so a cache that once held many
  /// entries keeps no memory for them.
  void clear() noexcept {
    for (Node *node = newest_; node != nullptr;) {
      Node *const older = node->older;
      notifyEviction(*node);
      delete node;
      node = older;
    }
    newest_ = oldest_ = nullptr;
    buckets_.reset();
    bucketShift_ = kNoBuckets;
    bucketCount_ = size_ = 0;
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
  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] bool empty() const noexcept { return size_ == 0; }

private:
  // ConcurrentCostCache hashes each key once, to pick the shard, and passes the hash on.
  template <typename, typename, typename, typename> friend class ConcurrentCostCache;

  struct Node {
    Key key;
    std::size_t hash;
    std::unique_ptr<T> object;
    Cost cost = 0;
    Node *nextInBucket = nullptr;
    Node *newer = nullptr;
    Node *older = nullptr;
  };

  static constexpr unsigned kNoBuckets = 64;
  static constexpr std::size_t kMinBuckets = 8;

  InsertResult<T> insertHashed(const Key &key, std::size_t hash, std::unique_ptr<T> object,
                               Cost cost) {
    if (!object)
      return {InsertStatus::NullObject, nullptr};
    if (cost < 0)
      return {InsertStatus::NegativeCost, std::move(object)};
    if (cost > maxCost_)
      return {InsertStatus::CostExceedsLimit, std::move(object)};

    Node *node = lookup(key, hash);
    const bool isNew = node == nullptr;
    if (isNew) {
      // Both can throw, and nothing has changed yet.
      reserveForOneMore();
      node = new Node{key, hash};
    } else {
      // Notify before trimming so the handler sees the replaced object still under its key.
      unlinkFromRecency(*node);
      totalCost_ -= node->cost;
      notifyEviction(*node);
    }
    // The node is not in the recency list, so trimming cannot evict it; cost <= maxCost_
    // keeps the target non-negative.
    trimTo(maxCost_ - cost);
    assert(totalCost_ <= maxCost_ - cost && "so the sum below cannot exceed maxCost_");
    if (isNew) {
      linkIntoBucket(*node);
      ++size_;
    }
    // Destroyed on return, once the cache is consistent again.
    const std::unique_ptr<T> replaced = std::exchange(node->object, std::move(object));
    node->cost = cost;
    linkAsNewest(*node);
    totalCost_ += cost;
    return {isNew ? InsertStatus::Inserted : InsertStatus::Replaced, nullptr};
  }

  T *findHashed(const Key &key, std::size_t hash) {
    Node *node = lookup(key, hash);
    if (node == nullptr)
      return nullptr;
    unlinkFromRecency(*node);
    linkAsNewest(*node);
    return node->object.get();
  }

  bool removeHashed(const Key &key, std::size_t hash) {
    Node *node = lookup(key, hash);
    if (node == nullptr)
      return false;
    notifyEviction(*node);
    erase(*node);
    return true;
  }

  /// Fibonacci hashing: the top bits of hash * 2^64/phi, so that weak hashes (the identity
  /// hash of integers, aligned pointers) still spread over a power-of-two table.
  [[nodiscard]] Node *&bucketFor(std::size_t hash) const noexcept {
    const std::uint64_t mixed = static_cast<std::uint64_t>(hash) * UINT64_C(0x9E3779B97F4A7C15);
    return buckets_[static_cast<std::size_t>(mixed >> bucketShift_)];
  }

  [[nodiscard]] Node *lookup(const Key &key, std::size_t hash) const {
    if (bucketCount_ == 0)
      return nullptr;
    for (Node *node = bucketFor(hash); node != nullptr; node = node->nextInBucket)
      if (node->hash == hash && equal_(node->key, key))
        return node;
    return nullptr;
  }

  /// Doubles the bucket array when it is half full: chains then average well under one
  /// other node, and a lookup is mostly one bucket load and one node load. Throws (leaving
  /// the table as it was) when the new array cannot be had.
  void reserveForOneMore() {
    if (size_ < bucketCount_ / 2)
      return;
    if (bucketCount_ > (~std::size_t{0} >> 1) / sizeof(Node *))
      throw std::length_error("pxc::CostCache: too many entries");
    const std::size_t count = bucketCount_ == 0 ? kMinBuckets : 2 * bucketCount_;
    buckets_ = std::make_unique<Node *[]>(count); // value-initialised: all null
    bucketCount_ = count;
    bucketShift_ = 64;
    for (std::size_t power = count; power > 1; power >>= 1)
      --bucketShift_;
    for (Node *node = newest_; node != nullptr; node = node->older)
      linkIntoBucket(*node);
  }

  void linkIntoBucket(Node &node) noexcept {
    Node *&head = bucketFor(node.hash);
    node.nextInBucket = head;
    head = &node;
  }

  void unlinkFromBucket(const Node &node) noexcept {
    Node **link = &bucketFor(node.hash);
    while (*link != &node)
      link = &(*link)->nextInBucket;
    *link = node.nextInBucket;
  }

  void linkAsNewest(Node &node) noexcept {
    node.newer = nullptr;
    node.older = newest_;
    if (newest_ != nullptr)
      newest_->newer = &node;
    else
      oldest_ = &node;
    newest_ = &node;
  }

  void unlinkFromRecency(Node &node) noexcept {
    (node.newer != nullptr ? node.newer->older : newest_) = node.older;
    (node.older != nullptr ? node.older->newer : oldest_) = node.newer;
    node.newer = node.older = nullptr;
  }

  void notifyEviction(Node &node) noexcept {
    if (evictionHandler_ && node.object)
      evictionHandler_(node.key, *node.object);
  }

  /// Unlinks and frees the node, returning its object for the caller to keep or destroy.
  std::unique_ptr<T> erase(Node &node) noexcept {
    unlinkFromRecency(node);
    unlinkFromBucket(node);
    totalCost_ -= node.cost;
    --size_;
    std::unique_ptr<T> object = std::move(node.object);
    delete &node;
    return object;
  }

  void trimTo(Cost target) noexcept {
    while (totalCost_ > target && oldest_ != nullptr) {
      notifyEviction(*oldest_);
      erase(*oldest_);
    }
  }

  // Every node is in exactly one bucket chain and, except during insert, in the recency list.
  std::unique_ptr<Node *[]> buckets_;
  std::size_t bucketCount_ = 0;   // 0 or a power of two >= kMinBuckets
  unsigned bucketShift_ = kNoBuckets; // 64 - log2(bucketCount_)
  std::size_t size_ = 0;
  Node *newest_ = nullptr;
  Node *oldest_ = nullptr;
  Cost maxCost_;
  Cost totalCost_ = 0;
  EvictionHandler evictionHandler_;
  Hash hasher_;
  KeyEqual equal_;
};

} // namespace pxc

#endif // PXC_COST_CACHE_H
