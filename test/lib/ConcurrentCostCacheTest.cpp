// pxc::ConcurrentCostCache: the sharded limit, and invariants under many threads at once.
// The stress tests also run under ThreadSanitizer (pxc_concurrency_tests_tsan).
#include <pxc/concurrent_cost_cache.h>
#include <pxc/serial_id.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
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

TEST(ConcurrentCostCache, SplitsTheLimitOverTheShards) {
  Cache cache(10, 4); // shares 3, 3, 2, 2
  EXPECT_EQ(cache.maxCost(), 10);
  for (int key = 0; key < 1000; ++key)
    (void)cache.insert(key, valueFor(key), 1);
  EXPECT_EQ(cache.totalCost(), 10);
  EXPECT_EQ(cache.size(), 10U);
  EXPECT_FALSE(cache.insert(5000, "too big for any share", 4));
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
  ASSERT_GT(cache.totalCost(), 8);
  ASSERT_TRUE(cache.setMaxCost(8));
  EXPECT_LE(cache.totalCost(), 8);
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
