// Differential fuzz test of pxc::ConcurrentCostCache with one shard against the CLOCK model
// in fuzz_models.h: results, contents, sizes and costs must agree after every operation. The
// lock-free lookup path, table growth, replacement and batched reclamation all run here
// under ASan and UBSan. A four-shard cache gets the same operations and must keep what holds
// whatever the shards' recency: an insert succeeds exactly when 0 <= cost <= limit, the entry
// just inserted is there, and the total stays within the limit (spilling evictions over to
// other shards).
//
//   ctest runs a short fixed-seed run. For a longer one:
//     build/bin/pxc_concurrent_cache_fuzzer -max_total_time=600 -jobs=2 [corpus-dir]
#include "fuzz_models.h"

#include <pxc/concurrent_cost_cache.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>

namespace {

using pxc_fuzz::costFrom;
using pxc_fuzz::require;

constexpr int kKeys = 48; // enough for the table to grow several times

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  pxc_fuzz::Input input(data, size);
  const pxc::Cost initialMax = std::max<pxc::Cost>(0, costFrom(input.next()));
  pxc::ConcurrentCostCache<int, int> cache(initialMax, 1);
  pxc_fuzz::ClockModel<int, int> model(initialMax);
  pxc::ConcurrentCostCache<int, int> sharded(initialMax, 4);

  int nextValue = 0;
  while (!input.empty()) {
    const int operation = input.next() % 8;
    const int key = input.next() % kKeys;
    switch (operation) {
    case 0:
    case 1:
    case 2: {
      const pxc::Cost cost = costFrom(input.next());
      const int value = nextValue++;
      const bool inserted = model.insert(key, value, cost);
      require(cache.insert(key, value, cost) == inserted, "insert");
      require(sharded.insert(key, value, cost) == inserted, "insert into shards");
      int found = -1;
      require(!inserted || (sharded.find(key, &found) && found == value),
              "an entry is there right after its insert");
      break;
    }
    case 3:
    case 4: {
      int actual = -1;
      const int *expected = model.find(key);
      require(cache.find(key, &actual) == (expected != nullptr), "find");
      require(expected == nullptr || actual == *expected, "found value");
      break;
    }
    case 5: {
      const bool present = sharded.find(key, nullptr);
      require(sharded.remove(key) == present, "remove from shards");
      require(cache.remove(key) == model.remove(key), "remove");
      break;
    }
    case 6: {
      const pxc::Cost maxCost = costFrom(input.next());
      const bool accepted = model.setMaxCost(maxCost);
      require(cache.setMaxCost(maxCost) == accepted, "setMaxCost");
      require(sharded.setMaxCost(maxCost) == accepted, "setMaxCost of shards");
      break;
    }
    default:
      if (key == 0) { // rarely: it empties the state the other operations build up
        cache.clear();
        model.clear();
        sharded.clear();
        require(sharded.size() == 0 && sharded.totalCost() == 0, "clear of shards");
      }
      break;
    }
    require(sharded.totalCost() <= sharded.maxCost(), "total of shards within maxCost");
    require(cache.size() == model.size(), "size");
    require(cache.totalCost() == model.totalCost(), "totalCost");
    require(cache.totalCost() <= cache.maxCost(), "totalCost within maxCost");
  }
  // Contents, probed at the end only: a probe is a lookup, which sets the use flag.
  for (int probe = 0; probe < kKeys; ++probe)
    require(cache.find(probe, nullptr) == model.contains(probe), "contents");
  return 0;
}
