// pxc::CostCache: LRU order, cost accounting, validated limits, ownership on every path.
#include <pxc/cost_cache.h>

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace {

/// Counts its live instances, so the tests can see exactly when the cache destroys objects.
class Tracked {
public:
  Tracked(int value, int &liveCount) : value_(value), liveCount_(liveCount) { ++liveCount_; }
  ~Tracked() { --liveCount_; }
  Tracked(const Tracked &) = delete;
  Tracked &operator=(const Tracked &) = delete;
  [[nodiscard]] int value() const { return value_; }

private:
  int value_;
  int &liveCount_;
};

using Cache = pxc::CostCache<std::string, Tracked>;

class CostCacheTest : public ::testing::Test {
protected:
  std::unique_ptr<Tracked> make(int value) { return std::make_unique<Tracked>(value, live); }

  void insertOk(Cache &cache, const std::string &key, int value, pxc::Cost cost) {
    const auto result = cache.insert(key, make(value), cost);
    ASSERT_TRUE(result.inserted()) << key;
    ASSERT_EQ(result.rejected, nullptr);
  }

  /// Keys of the entries present, in the order given.
  static std::vector<std::string> present(const Cache &cache, const std::vector<std::string> &keys) {
    std::vector<std::string> found;
    for (const std::string &key : keys)
      if (cache.contains(key))
        found.push_back(key);
    return found;
  }

  int live = 0;
};

TEST_F(CostCacheTest, FindReturnsWhatWasInserted) {
  Cache cache(10);
  insertOk(cache, "a", 1, 3);
  insertOk(cache, "b", 2, 4);
  ASSERT_NE(cache.find("a"), nullptr);
  EXPECT_EQ(cache.find("a")->value(), 1);
  EXPECT_EQ(cache.find("b")->value(), 2);
  EXPECT_EQ(cache.find("c"), nullptr);
  EXPECT_EQ(cache.size(), 2U);
  EXPECT_EQ(cache.totalCost(), 7);
  EXPECT_EQ(live, 2);
}

TEST_F(CostCacheTest, EvictsLeastRecentlyUsedFirst) {
  Cache cache(3);
  insertOk(cache, "a", 1, 1);
  insertOk(cache, "b", 2, 1);
  insertOk(cache, "c", 3, 1);
  ASSERT_NE(cache.find("a"), nullptr); // "b" is now the least recently used
  insertOk(cache, "d", 4, 1);
  EXPECT_EQ(present(cache, {"a", "b", "c", "d"}), (std::vector<std::string>{"a", "c", "d"}));
  EXPECT_EQ(live, 3);
}

TEST_F(CostCacheTest, TrimsBeforeInsertingUntilTheNewCostFits) {
  Cache cache(10);
  insertOk(cache, "a", 1, 4);
  insertOk(cache, "b", 2, 4);
  insertOk(cache, "c", 3, 2);
  insertOk(cache, "big", 4, 7); // needs 7: "a" and "b" go, "c" (2) stays
  EXPECT_EQ(present(cache, {"a", "b", "c", "big"}), (std::vector<std::string>{"c", "big"}));
  EXPECT_EQ(cache.totalCost(), 9);
}

TEST_F(CostCacheTest, PeekDoesNotCountAsUse) {
  Cache cache(2);
  insertOk(cache, "a", 1, 1);
  insertOk(cache, "b", 2, 1);
  ASSERT_NE(cache.peek("a"), nullptr);
  insertOk(cache, "c", 3, 1);
  EXPECT_EQ(present(cache, {"a", "b", "c"}), (std::vector<std::string>{"b", "c"}));
}

TEST_F(CostCacheTest, TooCostlyInsertHandsTheObjectBackAndChangesNothing) {
  Cache cache(5);
  insertOk(cache, "a", 1, 2);
  auto object = make(42);
  Tracked *const address = object.get();
  const auto result = cache.insert("a", std::move(object), 6);
  EXPECT_FALSE(result.inserted());
  EXPECT_EQ(result.status, pxc::InsertStatus::CostExceedsLimit);
  ASSERT_EQ(result.rejected.get(), address); // the caller owns the very same object again
  EXPECT_EQ(result.rejected->value(), 42);
  ASSERT_NE(cache.find("a"), nullptr);
  EXPECT_EQ(cache.find("a")->value(), 1); // the older entry under the key survives
  EXPECT_EQ(cache.totalCost(), 2);
  EXPECT_EQ(live, 2);
}

TEST_F(CostCacheTest, NegativeCostIsRejected) {
  Cache cache(5);
  const auto result = cache.insert("a", make(1), -1);
  EXPECT_EQ(result.status, pxc::InsertStatus::NegativeCost);
  EXPECT_NE(result.rejected, nullptr);
  EXPECT_TRUE(cache.empty());
  EXPECT_EQ(cache.totalCost(), 0);
}

TEST_F(CostCacheTest, NullObjectIsRejected) {
  Cache cache(5);
  const auto result = cache.insert("a", nullptr, 1);
  EXPECT_EQ(result.status, pxc::InsertStatus::NullObject);
  EXPECT_FALSE(cache.contains("a"));
}

TEST_F(CostCacheTest, ReplacingDestroysTheOlderObjectAndRecountsCost) {
  Cache cache(10);
  insertOk(cache, "a", 1, 4);
  const auto result = cache.insert("a", make(2), 6);
  EXPECT_EQ(result.status, pxc::InsertStatus::Replaced);
  EXPECT_EQ(cache.find("a")->value(), 2);
  EXPECT_EQ(cache.totalCost(), 6);
  EXPECT_EQ(cache.size(), 1U);
  EXPECT_EQ(live, 1);
}

TEST_F(CostCacheTest, ReplacingDoesNotEvictForTheOldCost) {
  Cache cache(10);
  insertOk(cache, "a", 1, 5);
  insertOk(cache, "b", 2, 5);
  insertOk(cache, "b", 3, 5); // the old "b" no longer counts, so "a" can stay
  EXPECT_EQ(present(cache, {"a", "b"}), (std::vector<std::string>{"a", "b"}));
}

TEST_F(CostCacheTest, ZeroCostEntriesFitAFullCache) {
  Cache cache(1);
  insertOk(cache, "a", 1, 1);
  insertOk(cache, "free", 2, 0);
  EXPECT_EQ(present(cache, {"a", "free"}), (std::vector<std::string>{"a", "free"}));
}

TEST_F(CostCacheTest, CostsNearTheTypeLimitDoNotOverflow) {
  Cache cache(pxc::kMaxCost);
  insertOk(cache, "a", 1, pxc::kMaxCost - 1);
  insertOk(cache, "b", 2, 1);
  EXPECT_EQ(cache.totalCost(), pxc::kMaxCost);
  insertOk(cache, "c", 3, pxc::kMaxCost); // evicts both instead of wrapping the total
  EXPECT_EQ(present(cache, {"a", "b", "c"}), (std::vector<std::string>{"c"}));
  EXPECT_EQ(cache.totalCost(), pxc::kMaxCost);
}

TEST_F(CostCacheTest, LoweringTheLimitTrimsInRecencyOrder) {
  Cache cache(10);
  for (int i = 0; i < 5; ++i)
    insertOk(cache, std::to_string(i), i, 2);
  ASSERT_NE(cache.find("0"), nullptr);
  ASSERT_TRUE(cache.setMaxCost(5));
  EXPECT_EQ(cache.maxCost(), 5);
  EXPECT_EQ(present(cache, {"0", "1", "2", "3", "4"}), (std::vector<std::string>{"0", "4"}));
  EXPECT_EQ(cache.totalCost(), 4);
  EXPECT_EQ(live, 2);
  ASSERT_TRUE(cache.setMaxCost(0));
  EXPECT_TRUE(cache.empty());
  EXPECT_EQ(live, 0);
}

TEST_F(CostCacheTest, NegativeLimitsAreRefused) {
  EXPECT_THROW(Cache(-1), std::invalid_argument);
  Cache cache(4);
  insertOk(cache, "a", 1, 4);
  EXPECT_FALSE(cache.setMaxCost(-5));
  EXPECT_EQ(cache.maxCost(), 4);
  EXPECT_TRUE(cache.contains("a"));
}

TEST_F(CostCacheTest, RemoveAndTake) {
  Cache cache(10);
  insertOk(cache, "a", 1, 3);
  insertOk(cache, "b", 2, 3);
  EXPECT_TRUE(cache.remove("a"));
  EXPECT_FALSE(cache.remove("a"));
  EXPECT_EQ(live, 1);
  std::unique_ptr<Tracked> taken = cache.take("b");
  ASSERT_NE(taken, nullptr);
  EXPECT_EQ(taken->value(), 2);
  EXPECT_EQ(live, 1); // alive, owned by the caller now
  EXPECT_EQ(cache.take("b"), nullptr);
  EXPECT_EQ(cache.totalCost(), 0);
  EXPECT_TRUE(cache.empty());
}

TEST_F(CostCacheTest, ClearDestroysEverythingAndTheCacheStaysUsable) {
  Cache cache(100);
  for (int i = 0; i < 50; ++i)
    insertOk(cache, std::to_string(i), i, 1);
  cache.clear();
  EXPECT_TRUE(cache.empty());
  EXPECT_EQ(cache.totalCost(), 0);
  EXPECT_EQ(live, 0);
  insertOk(cache, "again", 1, 1);
  EXPECT_EQ(cache.find("again")->value(), 1);
}

TEST_F(CostCacheTest, DestructorDestroysTheEntries) {
  {
    Cache cache(10);
    insertOk(cache, "a", 1, 1);
    insertOk(cache, "b", 2, 1);
  }
  EXPECT_EQ(live, 0);
}

TEST_F(CostCacheTest, EvictionHandlerSeesEveryDestroyedObjectOnce) {
  std::vector<std::pair<std::string, int>> seen;
  {
    Cache cache(2);
    cache.setEvictionHandler([&](const std::string &key, Tracked &object) {
      seen.emplace_back(key, object.value());
    });
    insertOk(cache, "a", 1, 1);
    insertOk(cache, "b", 2, 1);
    insertOk(cache, "c", 3, 1);     // evicts a
    insertOk(cache, "b", 4, 1);     // replaces b
    ASSERT_TRUE(cache.remove("c")); // removes c
    std::unique_ptr<Tracked> taken = cache.take("b"); // handed over: not reported
    insertOk(cache, "d", 5, 1);
    ASSERT_TRUE(cache.setMaxCost(0)); // trims d
    insertOk(cache, "e", 6, 0);
    cache.clear(); // clears e
    insertOk(cache, "f", 7, 0);
  } // the destructor destroys f
  const std::vector<std::pair<std::string, int>> expected{
      {"a", 1}, {"b", 2}, {"c", 3}, {"d", 5}, {"e", 6}, {"f", 7}};
  EXPECT_EQ(seen, expected);
}

/// A hash that throws on request, to reach the map's allocation failure path.
struct ThrowingHash {
  static inline bool throwNext = false;
  std::size_t operator()(const std::string &key) const {
    if (throwNext)
      throw std::bad_alloc();
    return std::hash<std::string>{}(key);
  }
};

TEST_F(CostCacheTest, InsertThatThrowsLeavesTheCacheUnchanged) {
  pxc::CostCache<std::string, Tracked, ThrowingHash> cache(2);
  ASSERT_TRUE(cache.insert("a", make(1), 1).inserted());
  ASSERT_TRUE(cache.insert("b", make(2), 1).inserted());
  ThrowingHash::throwNext = true;
  EXPECT_THROW((void)cache.insert("c", make(3), 2), std::bad_alloc);
  ThrowingHash::throwNext = false;
  EXPECT_EQ(cache.size(), 2U); // nothing was evicted for the insert that did not happen
  EXPECT_EQ(cache.totalCost(), 2);
  EXPECT_EQ(live, 2); // and the object it was given did not leak
}

} // namespace
