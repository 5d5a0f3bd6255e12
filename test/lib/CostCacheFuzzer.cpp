// Differential fuzz test of pxc::CostCache: random operations run against the cache and
// against a deliberately naive model (a vector in recency order, searched linearly) of the
// documented behaviour; any difference in results, contents, costs or eviction order aborts.
//
//   ctest runs a short fixed-seed run. For a longer one:
//     build/bin/pxc_cost_cache_fuzzer -max_total_time=600 -jobs=2 [corpus-dir]
#include "fuzz_models.h"

#include <pxc/cost_cache.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

namespace {

using pxc_fuzz::costFrom;
using pxc_fuzz::require;

using Evictions = std::vector<std::pair<int, int>>; // (key, value) in the order reported

/// The specification of CostCache, written for obviousness rather than speed.
class Model {
public:
  explicit Model(pxc::Cost maxCost) : maxCost_(maxCost) {}

  pxc::InsertStatus insert(int key, int value, pxc::Cost cost) {
    if (cost < 0)
      return pxc::InsertStatus::NegativeCost;
    if (cost > maxCost_)
      return pxc::InsertStatus::CostExceedsLimit;
    const bool existed = erase(key, /*report=*/true);
    trimTo(maxCost_ - cost);
    entries_.insert(entries_.begin(), Entry{key, value, cost});
    return existed ? pxc::InsertStatus::Replaced : pxc::InsertStatus::Inserted;
  }

  const int *find(int key) {
    const std::size_t index = indexOf(key);
    if (index == entries_.size())
      return nullptr;
    const Entry entry = entries_[index];
    entries_.erase(entries_.begin() + static_cast<std::ptrdiff_t>(index));
    entries_.insert(entries_.begin(), entry);
    return &entries_.front().value;
  }

  [[nodiscard]] const int *peek(int key) const {
    const std::size_t index = indexOf(key);
    return index == entries_.size() ? nullptr : &entries_[index].value;
  }

  bool remove(int key) { return erase(key, /*report=*/true); }

  std::unique_ptr<int> take(int key) {
    const int *value = peek(key);
    if (value == nullptr)
      return nullptr;
    auto taken = std::make_unique<int>(*value);
    erase(key, /*report=*/false);
    return taken;
  }

  bool setMaxCost(pxc::Cost maxCost) {
    if (maxCost < 0)
      return false;
    maxCost_ = maxCost;
    trimTo(maxCost);
    return true;
  }

  void clear() {
    for (const Entry &entry : entries_)
      evictions.emplace_back(entry.key, entry.value);
    entries_.clear();
  }

  [[nodiscard]] pxc::Cost totalCost() const {
    pxc::Cost total = 0;
    for (const Entry &entry : entries_)
      total += entry.cost;
    return total;
  }
  [[nodiscard]] std::size_t size() const { return entries_.size(); }

  Evictions evictions;

private:
  struct Entry {
    int key;
    int value;
    pxc::Cost cost;
  };

  [[nodiscard]] std::size_t indexOf(int key) const {
    std::size_t index = 0;
    while (index < entries_.size() && entries_[index].key != key)
      ++index;
    return index;
  }

  bool erase(int key, bool report) {
    const std::size_t index = indexOf(key);
    if (index == entries_.size())
      return false;
    if (report)
      evictions.emplace_back(key, entries_[index].value);
    entries_.erase(entries_.begin() + static_cast<std::ptrdiff_t>(index));
    return true;
  }

  void trimTo(pxc::Cost target) {
    while (totalCost() > target) {
      evictions.emplace_back(entries_.back().key, entries_.back().value);
      entries_.pop_back();
    }
  }

  std::vector<Entry> entries_; // most recently used first
  pxc::Cost maxCost_;
};

constexpr int kKeys = 40; // enough for the bucket array to grow several times


} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  pxc_fuzz::Input input(data, size);
  const pxc::Cost initialMax = std::max<pxc::Cost>(0, costFrom(input.next()));
  Evictions evictions; // before the cache: its destructor still reports evictions
  pxc::CostCache<int, int> cache(initialMax);
  Model model(initialMax);
  cache.setEvictionHandler([&](const int &key, int &value) { evictions.emplace_back(key, value); });

  int nextValue = 0;
  while (!input.empty()) {
    const int operation = input.next() % 8;
    const int key = input.next() % kKeys;
    switch (operation) {
    case 0:
    case 1: {
      const pxc::Cost cost = costFrom(input.next());
      const int value = nextValue++;
      const pxc::InsertResult<int> result = cache.insert(key, std::make_unique<int>(value), cost);
      require(result.status == model.insert(key, value, cost), "insert status");
      require(result.inserted() == (result.rejected == nullptr), "rejected object on failure only");
      require(result.inserted() || *result.rejected == value, "the rejected object is the one given");
      break;
    }
    case 2: {
      const int *actual = cache.find(key);
      const int *expected = model.find(key);
      require((actual == nullptr) == (expected == nullptr) && (!actual || *actual == *expected),
              "find");
      break;
    }
    case 3:
      require(cache.remove(key) == model.remove(key), "remove");
      break;
    case 4: {
      const std::unique_ptr<int> actual = cache.take(key);
      const std::unique_ptr<int> expected = model.take(key);
      require((actual == nullptr) == (expected == nullptr) && (!actual || *actual == *expected),
              "take");
      break;
    }
    case 5: {
      const pxc::Cost maxCost = costFrom(input.next());
      require(cache.setMaxCost(maxCost) == model.setMaxCost(maxCost), "setMaxCost");
      break;
    }
    case 6:
      if (key == 0) { // rarely: it empties the state the other operations build up
        cache.clear();
        model.clear();
      }
      break;
    default: // contains/peek do not count as a use: checked below for every key
      break;
    }
    require(evictions == model.evictions, "evicted entries or their order");
    require(cache.size() == model.size(), "size");
    require(cache.totalCost() == model.totalCost(), "totalCost");
    require(cache.totalCost() <= cache.maxCost(), "totalCost within maxCost");
    for (int probe = 0; probe < kKeys; ++probe) {
      const int *actual = cache.peek(probe);
      const int *expected = model.peek(probe);
      require((actual == nullptr) == (expected == nullptr) && (!actual || *actual == *expected),
              "contents");
      require(cache.contains(probe) == (expected != nullptr), "contains");
    }
  }
  return 0;
}
