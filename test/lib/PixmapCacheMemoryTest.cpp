// QTBUG-112200: QPixmapCache kept the string of every evicted entry until clear(), so an
// application that cached many distinct strings grew without bound. pxc::PixmapCache drops
// the string with the entry. Measured with the allocator's own statistics.
#include "qt_test_support.h"

#include <pxc/pixmap_cache.h>

#include <QPixmap>

#include <gtest/gtest.h>

#include <cstdint>

namespace {

constexpr int kUniqueKeys = 100000;
constexpr pxc::Cost kLimitKb = 64; // at most 64 of the 1 KiB pixmaps below are alive

/// Heap bytes that 64 live entries may hold (pixmap handles, strings of ~40 characters, map
/// nodes, buckets), with generous slack; retaining 100k strings would take megabytes.
constexpr std::int64_t kLiveEntriesBudget = 256 * 1024;
/// Allocator noise after everything was freed.
constexpr std::int64_t kClearedBudget = 16 * 1024;

QPixmap oneKbPixmap() {
  QPixmap pixmap(16, 16); // 16 * 16 * 32 bits = 1 KiB
  pixmap.fill(Qt::gray);
  return pixmap;
}

std::int64_t heapGrowthSince(std::size_t baseline) {
  return static_cast<std::int64_t>(pxc::test::liveHeapBytes()) -
         static_cast<std::int64_t>(baseline);
}

QString uniqueKey(int index) {
  return QStringLiteral("pxc-memory-test/unique-string-key/%1").arg(index);
}

class PixmapCacheMemory : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_EQ(pixmap.depth(), 32);
    // One round first, so one-time allocations (Qt's, the allocator's) are in the baseline.
    for (int i = 0; i < 1000; ++i)
      ASSERT_TRUE(cache.insert(uniqueKey(i), pixmap));
    cache.clear();
    baseline = pxc::test::liveHeapBytes();
  }

  const QPixmap pixmap = oneKbPixmap(); // shared by all entries: only bookkeeping grows
  pxc::PixmapCache cache{kLimitKb};
  std::size_t baseline = 0;
};

TEST_F(PixmapCacheMemory, EvictedStringKeysAreFreed) {
  for (int i = 0; i < kUniqueKeys; ++i)
    ASSERT_TRUE(cache.insert(uniqueKey(i), pixmap));
  const std::int64_t afterEviction = heapGrowthSince(baseline);
  RecordProperty("bytes_retained_after_100k_inserts", std::to_string(afterEviction));
  EXPECT_LT(afterEviction, kLiveEntriesBudget);
  EXPECT_EQ(cache.totalCost(), kLimitKb);
  EXPECT_TRUE(cache.find(uniqueKey(kUniqueKeys - 1), nullptr));
  EXPECT_FALSE(cache.find(uniqueKey(0), nullptr));

  cache.clear();
  const std::int64_t afterClear = heapGrowthSince(baseline);
  RecordProperty("bytes_retained_after_clear", std::to_string(afterClear));
  EXPECT_LT(afterClear, kClearedBudget);
}

TEST_F(PixmapCacheMemory, DiscardedKeysAreFreed) {
  for (int i = 0; i < kUniqueKeys; ++i)
    ASSERT_TRUE(cache.insert(pixmap).isValid()); // the Key is dropped at once
  EXPECT_LT(heapGrowthSince(baseline), kLiveEntriesBudget);
  cache.clear();
  EXPECT_LT(heapGrowthSince(baseline), kClearedBudget);
}

} // namespace
