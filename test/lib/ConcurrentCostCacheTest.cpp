// pxc::ConcurrentCostCache: the sharded limit, CLOCK recency, reclamation, and lock-free
// lookups racing writers (table growth, replacement) and many threads at once.
// The stress tests also run under ThreadSanitizer (pxc_concurrency_tests_tsan).
#include <pxc/concurrent_cost_cache.h>
#include <pxc/serial_id.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace {

using Cache = pxc::ConcurrentCostCache<int, std::string>;

std::string valueFor(int key) { return "value-" + std::to_string(key); }

TEST(ConcurrentCostCache, RoundsShardCountUpToAPowerOfTwo) {
  EXPECT_EQ(Cache(10, 0).shardCount(), 1U);
  EXPECT_EQ(Cache(10, 1).shardCount(), 1U);
  EXPECT_EQ(Cache(10, 5).shardCount(), 8U);
  EXPECT_EQ(Cache(10, 16).shardCount(), 16U);
}

TEST(ConcurrentCostCache, FindCopiesTheValueOut) {
  Cache cache(100, 4);
  ASSERT_TRUE(cache.insert(1, valueFor(1), 1));
  std::string found;
  ASSERT_TRUE(cache.find(1, &found));
  EXPECT_EQ(found, valueFor(1));
  found.assign("changed");
  ASSERT_TRUE(cache.find(1, &found));
  EXPECT_EQ(found, valueFor(1)); // the copy was independent of the cached value
  EXPECT_TRUE(cache.find(1, nullptr));
  found.assign("untouched");
  EXPECT_FALSE(cache.find(2, &found));
  EXPECT_EQ(found, "untouched");
}

TEST(ConcurrentCostCache, TheLimitIsOneBudgetForAllShards) {
  Cache cache(10, 4);
  EXPECT_EQ(cache.maxCost(), 10);
  for (int key = 0; key < 1000; ++key)
    ASSERT_TRUE(cache.insert(key, valueFor(key), 1));
  EXPECT_EQ(cache.totalCost(), 10);
  EXPECT_EQ(cache.size(), 10U);
  // An entry as large as the whole limit fits: the other shards give up their entries.
  ASSERT_TRUE(cache.insert(5000, "as large as the limit", 10));
  EXPECT_EQ(cache.totalCost(), 10);
  EXPECT_EQ(cache.size(), 1U);
  EXPECT_TRUE(cache.find(5000, nullptr));
  EXPECT_FALSE(cache.insert(5001, "larger than the limit", 11));
  EXPECT_TRUE(cache.find(5000, nullptr));
}

TEST(ConcurrentCostCache, CostsNearTheTopOfTheRangeDoNotOverflow) {
  Cache cache(pxc::kMaxCost, 4);
  for (int key = 0; key < 8; ++key) {
    ASSERT_TRUE(cache.insert(key, valueFor(key), pxc::kMaxCost - key));
    EXPECT_EQ(cache.totalCost(), pxc::kMaxCost - key);
    EXPECT_EQ(cache.size(), 1U);
  }
  ASSERT_TRUE(cache.insert(100, valueFor(100), 1));
  EXPECT_LE(cache.totalCost(), pxc::kMaxCost);
  EXPECT_TRUE(cache.find(100, nullptr));
}

TEST(ConcurrentCostCache, RejectsNegativeCostsAndLimits) {
  EXPECT_THROW(Cache(-1), std::invalid_argument);
  Cache cache(8, 2);
  EXPECT_FALSE(cache.insert(1, valueFor(1), -1));
  EXPECT_FALSE(cache.setMaxCost(-1));
  EXPECT_EQ(cache.maxCost(), 8);
}

TEST(ConcurrentCostCache, LoweringTheLimitTrimsEveryShard) {
  Cache cache(64, 4);
  for (int key = 0; key < 64; ++key)
    (void)cache.insert(key, valueFor(key), 1);
  ASSERT_EQ(cache.totalCost(), 64);
  ASSERT_TRUE(cache.setMaxCost(8));
  // Each of the 4 shards frees its share of the excess rounded up: at most 3 more than needed.
  EXPECT_LE(cache.totalCost(), 8);
  EXPECT_GE(cache.totalCost(), 5);
  ASSERT_TRUE(cache.setMaxCost(0));
  EXPECT_EQ(cache.size(), 0U);
}

TEST(ConcurrentCostCache, RemoveAndClear) {
  Cache cache(100, 4);
  for (int key = 0; key < 20; ++key)
    ASSERT_TRUE(cache.insert(key, valueFor(key), 1));
  EXPECT_TRUE(cache.remove(3));
  EXPECT_FALSE(cache.remove(3));
  EXPECT_FALSE(cache.find(3, nullptr));
  cache.clear();
  EXPECT_EQ(cache.size(), 0U);
  EXPECT_EQ(cache.totalCost(), 0);
}

TEST(ConcurrentCostCache, EntriesFoundSinceTheLastSweepGetASecondChance) {
  Cache cache(3, 1);
  for (int key = 0; key < 3; ++key)
    ASSERT_TRUE(cache.insert(key, valueFor(key), 1));
  ASSERT_TRUE(cache.find(0, nullptr));
  ASSERT_TRUE(cache.insert(3, valueFor(3), 1));
  EXPECT_TRUE(cache.find(0, nullptr));
  EXPECT_FALSE(cache.find(1, nullptr));
  EXPECT_TRUE(cache.find(2, nullptr));
  EXPECT_TRUE(cache.find(3, nullptr));
}

TEST(ConcurrentCostCache, ReplacingAKeyKeepsOneEntry) {
  Cache cache(10, 1);
  ASSERT_TRUE(cache.insert(1, "old", 4));
  ASSERT_TRUE(cache.insert(1, "new", 6));
  std::string found;
  ASSERT_TRUE(cache.find(1, &found));
  EXPECT_EQ(found, "new");
  EXPECT_EQ(cache.size(), 1U);
  EXPECT_EQ(cache.totalCost(), 6);
}

/// Counts the live instances, to see when the cache really frees what it removed.
struct Counted {
  static inline std::atomic<int> alive{0};
  Counted() { alive.fetch_add(1); }
  Counted(const Counted &) { alive.fetch_add(1); }
  Counted &operator=(const Counted &) = default;
  ~Counted() { alive.fetch_sub(1); }
};

TEST(ConcurrentCostCache, FreesRemovedEntriesOnlyAfterRunningLookupsEnd) {
  pxc::ConcurrentCostCache<int, Counted> cache(1000, 1);
  for (int key = 0; key < 200; ++key)
    ASSERT_TRUE(cache.insert(key, Counted(), 1));
  ASSERT_EQ(Counted::alive.load(), 200);

  // A lookup in progress on another thread: what it could be looking at must stay alive.
  std::atomic<bool> readerInside{false};
  std::atomic<bool> readerMayLeave{false};
  std::thread reader([&] {
    const pxc::detail::EpochReadGuard lookupInProgress;
    readerInside.store(true);
    while (!readerMayLeave.load())
      std::this_thread::yield();
  });
  while (!readerInside.load())
    std::this_thread::yield();
  cache.clear();
  EXPECT_EQ(cache.size(), 0U);
  EXPECT_EQ(Counted::alive.load(), 200);

  readerMayLeave.store(true);
  reader.join();
  cache.clear(); // the next write to the shard frees what is now safe
  EXPECT_EQ(Counted::alive.load(), 0);
}

TEST(ConcurrentCostCache, EvictionKeepsRetiredMemoryBounded) {
  pxc::ConcurrentCostCache<int, Counted> cache(100, 1);
  for (int key = 0; key < 100000; ++key)
    ASSERT_TRUE(cache.insert(key, Counted(), 1));
  EXPECT_EQ(cache.size(), 100U);
  // The cached entries plus at most one batch waiting for the epoch to move on.
  EXPECT_LE(Counted::alive.load(), 100 + 64);
  cache.clear();
  EXPECT_EQ(Counted::alive.load(), 0);
}

TEST(ConcurrentCostCacheStress, LookupsNeverMissPresentKeysWhileTheTableGrows) {
  // A table grows only as it doubles, so each round grows a fresh cache from its resident
  // keys to many times that, while the readers look the resident keys up. Four hash values
  // make four long chains, which growing relinks in reverse: a reader caught in one is led
  // away from the keys ahead of it, and only the relink check saves its lookup.
  struct FourChains {
    std::size_t operator()(int key) const noexcept { return static_cast<std::size_t>(key % 4); }
  };
  using IntCache = pxc::ConcurrentCostCache<int, int, FourChains>;
  constexpr int kResident = 64;
  constexpr int kGrownTo = 1024;
  constexpr int kRounds = 100;
  std::vector<std::unique_ptr<IntCache>> caches; // kept until the readers are done
  std::atomic<IntCache *> current{nullptr};
  std::atomic<bool> writing{true};
  std::atomic<int> misses{0};
  std::atomic<long> lookups{0};
  const auto fresh = [&] {
    caches.push_back(std::make_unique<IntCache>(1 << 20, 1));
    for (int key = 0; key < kResident; ++key)
      EXPECT_TRUE(caches.back()->insert(key, key, 1));
    current.store(caches.back().get());
    return caches.back().get();
  };
  IntCache *growing = fresh();
  std::vector<std::thread> readers;
  for (int thread = 0; thread < 2; ++thread)
    readers.emplace_back([&] {
      int value = -1;
      while (writing.load(std::memory_order_relaxed))
        for (int key = 0; key < kResident; ++key) {
          lookups.fetch_add(1, std::memory_order_relaxed);
          if (!current.load()->find(key, &value) || value != key)
            misses.fetch_add(1, std::memory_order_relaxed);
        }
    });
  for (int round = 0; round < kRounds; ++round) {
    for (int key = kResident; key < kGrownTo; ++key)
      ASSERT_TRUE(growing->insert(key, key, 1));
    growing = fresh();
  }
  writing.store(false);
  for (std::thread &reader : readers)
    reader.join();
  EXPECT_EQ(misses.load(), 0);
  EXPECT_GT(lookups.load(), 0);
}

TEST(ConcurrentCostCacheStress, LookupsAlwaysSeeOneVersionOfAReplacedKey) {
  pxc::ConcurrentCostCache<int, std::string> cache(100, 1);
  ASSERT_TRUE(cache.insert(7, "version-0", 1));
  std::atomic<bool> writing{true};
  std::atomic<int> misses{0};
  std::atomic<int> torn{0};
  std::thread reader([&] {
    std::string value;
    while (writing.load(std::memory_order_relaxed)) {
      if (!cache.find(7, &value))
        misses.fetch_add(1, std::memory_order_relaxed);
      else if (value.rfind("version-", 0) != 0)
        torn.fetch_add(1, std::memory_order_relaxed);
    }
  });
  for (int version = 1; version < 20000; ++version)
    ASSERT_TRUE(cache.insert(7, "version-" + std::to_string(version), 1));
  writing.store(false);
  reader.join();
  EXPECT_EQ(misses.load(), 0);
  EXPECT_EQ(torn.load(), 0);
}

TEST(ConcurrentCostCacheStress, ManyThreadsKeepTheInvariants) {
  constexpr int kThreads = 8;
  constexpr int kOperationsPerThread = 20000;
  constexpr int kKeySpace = 512;
  Cache cache(200, 8);
  std::atomic<int> wrongValues{0};
  std::atomic<int> hits{0};
  std::vector<std::thread> threads;
  for (int thread = 0; thread < kThreads; ++thread) {
    threads.emplace_back([&, thread] {
      std::uint32_t state = 0x9E3779B9U * static_cast<std::uint32_t>(thread + 1);
      for (int operation = 0; operation < kOperationsPerThread; ++operation) {
        state = state * 1664525U + 1013904223U; // a per-thread LCG: no shared RNG state
        const int key = static_cast<int>((state >> 8) % kKeySpace);
        switch ((state >> 28) % 8) {
        case 0:
          (void)cache.remove(key);
          break;
        case 1:
        case 2:
          (void)cache.insert(key, valueFor(key), 1 + key % 3);
          break;
        case 3:
          if (operation % 1000 == 0)
            (void)cache.setMaxCost(100 + key % 200);
          break;
        default:
          if (std::string value; cache.find(key, &value)) {
            hits.fetch_add(1, std::memory_order_relaxed);
            if (value != valueFor(key))
              wrongValues.fetch_add(1, std::memory_order_relaxed);
          }
        }
      }
    });
  }
  for (std::thread &thread : threads)
    thread.join();
  EXPECT_EQ(wrongValues.load(), 0);
  EXPECT_GT(hits.load(), 0);
  EXPECT_LE(cache.totalCost(), cache.maxCost());
}

TEST(SerialIdAllocatorStress, ConcurrentIdsAreUnique) {
  constexpr int kThreads = 8;
  constexpr int kIdsPerThread = 10000;
  pxc::SerialIdAllocator allocator;
  std::vector<std::vector<std::uint64_t>> idsPerThread(kThreads);
  std::vector<std::thread> threads;
  for (int thread = 0; thread < kThreads; ++thread)
    threads.emplace_back([&, thread] {
      for (int i = 0; i < kIdsPerThread; ++i)
        idsPerThread[static_cast<std::size_t>(thread)].push_back(*allocator.allocate());
    });
  for (std::thread &thread : threads)
    thread.join();
  std::vector<std::uint64_t> all;
  for (const auto &ids : idsPerThread)
    all.insert(all.end(), ids.begin(), ids.end());
  std::sort(all.begin(), all.end());
  EXPECT_EQ(std::adjacent_find(all.begin(), all.end()), all.end());
  EXPECT_EQ(all.size(), static_cast<std::size_t>(kThreads) * kIdsPerThread);
}

} // namespace
