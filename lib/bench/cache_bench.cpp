// pxc caches against their Qt counterparts on the same workloads (docs/benchmarks.md):
//   CostCache vs QCache, PixmapCache vs QPixmapCache (single-threaded, GUI thread),
//   ImageCache vs one mutex around a QCache (1..N threads), and a share-nothing loop that
//   shows how far N threads can scale on the machine at all. The multi-threaded ones report
//   what a cache line's round trip between two cores cost when they started.
// Workloads: "hit" looks up keys that are all present, "miss" looks up keys that are absent,
// "evict" inserts new keys into a full cache so that every insert evicts.
// Every benchmark name is "<workload>/<implementation>"; ratios.py pairs them up.
#include <pxc/cost_cache.h>
#include <pxc/image_cache.h>
#include <pxc/pixmap_cache.h>
#include <pxc/qt_cost.h>

#include <QCache>
#include <QGuiApplication>
#include <QImage>
#include <QPixmap>
#include <QPixmapCache>
#include <QString>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <random>
#include <thread>
#include <type_traits>
#include <vector>

namespace {

constexpr int kEntries = 4096;      // what the cache holds in every workload
constexpr int kLookupStream = 1 << 16; // precomputed key indices, so the loop only does lookups

/// Indices into [0, range) in a fixed pseudo-random order, shared by both implementations.
std::vector<int> shuffledIndices(int range, int count, std::uint32_t seed) {
  std::mt19937 generator(seed);
  std::uniform_int_distribution<int> pick(0, range - 1);
  std::vector<int> indices(static_cast<std::size_t>(count));
  for (int &index : indices)
    index = pick(generator);
  return indices;
}

/// Present keys are [0, kEntries); absent ones [kEntries, 2 * kEntries).
const std::vector<int> &hitStream() {
  static const std::vector<int> stream = shuffledIndices(kEntries, kLookupStream, 1);
  return stream;
}
const std::vector<int> &missStream() {
  static std::vector<int> stream = [] {
    std::vector<int> indices = shuffledIndices(kEntries, kLookupStream, 2);
    for (int &index : indices)
      index += kEntries;
    return indices;
  }();
  return stream;
}

const std::vector<QString> &stringKeys() {
  static const std::vector<QString> keys = [] {
    std::vector<QString> strings;
    for (int i = 0; i < 2 * kEntries; ++i)
      strings.push_back(QStringLiteral("bench/icon-%1@2x.png").arg(i));
    return strings;
  }();
  return keys;
}

struct Payload {
  std::int64_t value;
};

// ---- CostCache vs QCache: int keys, unit cost ------------------------------------------------

template <typename Cache> struct IntCacheOps;
template <> struct IntCacheOps<pxc::CostCache<int, Payload>> {
  static auto make() { return std::make_unique<pxc::CostCache<int, Payload>>(kEntries); }
  static void insert(pxc::CostCache<int, Payload> &cache, int key) {
    (void)cache.insert(key, std::make_unique<Payload>(Payload{key}), 1);
  }
  static const Payload *find(pxc::CostCache<int, Payload> &cache, int key) {
    return cache.find(key);
  }
};
template <> struct IntCacheOps<QCache<int, Payload>> {
  static auto make() { return std::make_unique<QCache<int, Payload>>(kEntries); }
  static void insert(QCache<int, Payload> &cache, int key) {
    cache.insert(key, new Payload{key}, 1);
  }
  static const Payload *find(QCache<int, Payload> &cache, int key) { return cache.object(key); }
};

template <typename Cache> void lookups(benchmark::State &state, const std::vector<int> &stream) {
  using Ops = IntCacheOps<Cache>;
  auto cache = Ops::make();
  for (int key = 0; key < kEntries; ++key)
    Ops::insert(*cache, key);
  std::size_t position = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(Ops::find(*cache, stream[position]));
    position = (position + 1) % stream.size();
  }
  state.SetItemsProcessed(state.iterations());
}

template <typename Cache> void intHit(benchmark::State &state) { lookups<Cache>(state, hitStream()); }
template <typename Cache> void intMiss(benchmark::State &state) { lookups<Cache>(state, missStream()); }

template <typename Cache> void intEvict(benchmark::State &state) {
  using Ops = IntCacheOps<Cache>;
  auto cache = Ops::make();
  int key = 0;
  for (; key < kEntries; ++key)
    Ops::insert(*cache, key);
  for (auto _ : state)
    Ops::insert(*cache, key++); // always a new key: evicts the least recently used
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(intHit<pxc::CostCache<int, Payload>>)->Name("CostCache.hit/pxc");
BENCHMARK(intHit<QCache<int, Payload>>)->Name("CostCache.hit/qt");
BENCHMARK(intMiss<pxc::CostCache<int, Payload>>)->Name("CostCache.miss/pxc");
BENCHMARK(intMiss<QCache<int, Payload>>)->Name("CostCache.miss/qt");
BENCHMARK(intEvict<pxc::CostCache<int, Payload>>)->Name("CostCache.evict/pxc");
BENCHMARK(intEvict<QCache<int, Payload>>)->Name("CostCache.evict/qt");

// ---- PixmapCache vs QPixmapCache: string keys, 1 KiB pixmaps --------------------------------

QPixmap benchPixmap() {
  static const QPixmap pixmap = [] {
    QPixmap filled(16, 16);
    filled.fill(Qt::darkCyan);
    return filled;
  }();
  return pixmap;
}

struct PxcPixmaps {
  pxc::PixmapCache cache{kEntries};
  void insert(const QString &key) { (void)cache.insert(key, benchPixmap()); }
  bool find(const QString &key, QPixmap *pixmap) { return cache.find(key, pixmap); }
};
struct QtPixmaps {
  QtPixmaps() {
    QPixmapCache::clear();
    QPixmapCache::setCacheLimit(kEntries);
  }
  ~QtPixmaps() { QPixmapCache::clear(); }
  QtPixmaps(const QtPixmaps &) = delete;
  QtPixmaps &operator=(const QtPixmaps &) = delete;
  void insert(const QString &key) { QPixmapCache::insert(key, benchPixmap()); }
  bool find(const QString &key, QPixmap *pixmap) { return QPixmapCache::find(key, pixmap); }
};

template <typename Pixmaps>
void pixmapLookups(benchmark::State &state, const std::vector<int> &stream) {
  Pixmaps pixmaps;
  const std::vector<QString> &keys = stringKeys();
  for (int key = 0; key < kEntries; ++key)
    pixmaps.insert(keys[key]);
  QPixmap found;
  std::size_t position = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(pixmaps.find(keys[stream[position]], &found));
    position = (position + 1) % stream.size();
  }
  state.SetItemsProcessed(state.iterations());
}

template <typename Pixmaps> void pixmapHit(benchmark::State &state) {
  pixmapLookups<Pixmaps>(state, hitStream());
}
template <typename Pixmaps> void pixmapMiss(benchmark::State &state) {
  pixmapLookups<Pixmaps>(state, missStream());
}
template <typename Pixmaps> void pixmapEvict(benchmark::State &state) {
  Pixmaps pixmaps;
  const std::vector<QString> &keys = stringKeys();
  // The cache holds kEntries and cycles through 2 * kEntries keys: every insert is a new key.
  std::size_t position = 0;
  for (auto _ : state) {
    pixmaps.insert(keys[position]);
    position = (position + 1) % keys.size();
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(pixmapHit<PxcPixmaps>)->Name("PixmapCache.hit/pxc");
BENCHMARK(pixmapHit<QtPixmaps>)->Name("PixmapCache.hit/qt");
BENCHMARK(pixmapMiss<PxcPixmaps>)->Name("PixmapCache.miss/pxc");
BENCHMARK(pixmapMiss<QtPixmaps>)->Name("PixmapCache.miss/qt");
BENCHMARK(pixmapEvict<PxcPixmaps>)->Name("PixmapCache.evict/pxc");
BENCHMARK(pixmapEvict<QtPixmaps>)->Name("PixmapCache.evict/qt");

// ---- The machine: what sharing a cache line between two cores costs -------------------------

/// The time, in ns, of one round trip of a cache line between this thread and another: the
/// least a write to a line the other core wrote last costs. On a virtual machine it changes
/// with where the host places the vCPUs (docs/benchmarks.md saw 80 and 400 ns), and with it
/// every multi-threaded result, so those benchmarks report it next to their own. The median
/// of 9 batches of 2,000 round trips, so that one preemption of either thread does not count.
double lineRoundTripNs() {
  constexpr int kBatches = 9;
  constexpr int kTrips = 2000;
  alignas(64) std::atomic<int> line{0};
  std::thread partner([&] {
    for (int trip = 0; trip < kBatches * kTrips; ++trip) {
      while (line.load(std::memory_order_acquire) != 2 * trip + 1) {
      }
      line.store(2 * trip + 2, std::memory_order_release);
    }
  });
  std::vector<double> batches;
  int trip = 0;
  for (int batch = 0; batch < kBatches; ++batch) {
    const auto start = std::chrono::steady_clock::now();
    for (int end = trip + kTrips; trip < end; ++trip) {
      line.store(2 * trip + 1, std::memory_order_release);
      while (line.load(std::memory_order_acquire) != 2 * trip + 2) {
      }
    }
    const std::chrono::duration<double, std::nano> elapsed =
        std::chrono::steady_clock::now() - start;
    batches.push_back(elapsed.count() / kTrips);
  }
  partner.join();
  std::nth_element(batches.begin(), batches.begin() + kBatches / 2, batches.end());
  return batches[kBatches / 2];
}

/// Measured by each multi-threaded benchmark's setup, right before it runs.
double setupRoundTripNs = 0;

void reportRoundTrip(benchmark::State &state) {
  state.counters["round_trip_ns"] = benchmark::Counter(setupRoundTripNs, benchmark::Counter::kAvgThreads);
}

// ---- ImageCache vs a mutex around QCache: 1..N threads --------------------------------------

/// One image of 1 KiB per key. Distinct images matter: copies of a single QImage would share
/// one reference count, and the threads would then contend on that instead of on the cache.
const std::vector<QImage> &benchImages() {
  static const std::vector<QImage> images = [] {
    std::vector<QImage> distinct;
    for (int i = 0; i < kEntries; ++i) {
      QImage filled(16, 16, QImage::Format_ARGB32);
      filled.fill(QColor::fromRgb(static_cast<QRgb>(i)));
      distinct.push_back(filled);
    }
    return distinct;
  }();
  return images;
}

/// What applications write today to share an image cache between threads.
class LockedQCache {
public:
  LockedQCache() : cache_(kEntries) {}
  bool insert(const QString &key, const QImage &image) {
    const std::lock_guard<std::mutex> lock(mutex_);
    return cache_.insert(key, new QImage(image), pxc::costKb(image));
  }
  bool find(const QString &key, QImage *image) {
    const std::lock_guard<std::mutex> lock(mutex_);
    const QImage *found = cache_.object(key);
    if (found == nullptr)
      return false;
    *image = *found;
    return true;
  }

private:
  std::mutex mutex_;
  QCache<QString, QImage> cache_;
};

// Shared by the threads of one benchmark run; made and destroyed around it by Setup/Teardown.
std::unique_ptr<pxc::ImageCache> sharedImageCache;
std::unique_ptr<LockedQCache> sharedLockedCache;

template <typename Cache> Cache &sharedCache();
template <> pxc::ImageCache &sharedCache() { return *sharedImageCache; }
template <> LockedQCache &sharedCache() { return *sharedLockedCache; }

template <typename Cache> void fillShared(const benchmark::State &) {
  setupRoundTripNs = lineRoundTripNs();
  // The same room for both: exactly the kEntries images of 1 KiB.
  if constexpr (std::is_same_v<Cache, pxc::ImageCache>)
    sharedImageCache = std::make_unique<pxc::ImageCache>(kEntries);
  else
    sharedLockedCache = std::make_unique<LockedQCache>();
  for (int key = 0; key < kEntries; ++key)
    (void)sharedCache<Cache>().insert(stringKeys()[key], benchImages()[key]);
}
void dropShared(const benchmark::State &) {
  sharedImageCache.reset();
  sharedLockedCache.reset();
}

template <typename Cache>
void sharedLookups(benchmark::State &state, const std::vector<int> &stream) {
  Cache &cache = sharedCache<Cache>();
  const std::vector<QString> &keys = stringKeys();
  std::size_t position = static_cast<std::size_t>(state.thread_index()) * 7919;
  QImage found;
  for (auto _ : state) {
    benchmark::DoNotOptimize(cache.find(keys[stream[position % stream.size()]], &found));
    ++position;
  }
  reportRoundTrip(state);
  state.SetItemsProcessed(state.iterations());
}
template <typename Cache> void sharedHit(benchmark::State &state) {
  sharedLookups<Cache>(state, hitStream());
}
template <typename Cache> void sharedMiss(benchmark::State &state) {
  sharedLookups<Cache>(state, missStream());
}

/// Hits where thread t of N looks up only keys k with k % N == t, in the same shared cache.
/// A QImage copy writes the image's reference count, so when all threads read all images
/// ("hit"), that count's cache line moves between cores on about every other hit, whatever the
/// cache does. Here each image is read by one thread: what remains shared is the cache itself.
template <typename Cache> void sharedHitOwnKeys(benchmark::State &state) {
  Cache &cache = sharedCache<Cache>();
  const std::vector<QString> &keys = stringKeys();
  const std::vector<int> &stream = hitStream();
  const int threads = state.threads();
  const int own = state.thread_index();
  std::size_t position = static_cast<std::size_t>(own) * 7919;
  QImage found;
  for (auto _ : state) {
    const int key = (stream[position % stream.size()] / threads) * threads + own;
    benchmark::DoNotOptimize(cache.find(keys[static_cast<std::size_t>(key)], &found));
    ++position;
  }
  reportRoundTrip(state);
  state.SetItemsProcessed(state.iterations());
}

/// Every thread inserts keys the cache does not hold (it cycles through twice as many keys
/// as fit), so every insert evicts.
template <typename Cache> void sharedEvict(benchmark::State &state) {
  Cache &cache = sharedCache<Cache>();
  const std::vector<QString> &keys = stringKeys();
  std::size_t position = kEntries + static_cast<std::size_t>(state.thread_index()) * 7919;
  for (auto _ : state) {
    const std::size_t index = position % keys.size();
    benchmark::DoNotOptimize(cache.insert(keys[index], benchImages()[index % kEntries]));
    ++position;
  }
  reportRoundTrip(state);
  state.SetItemsProcessed(state.iterations());
}

#define PXC_SHARED_BENCHMARK(function, name, Cache)                                               \
  BENCHMARK(function<Cache>)                                                                     \
      ->Name(name)                                                                               \
      ->Setup(fillShared<Cache>)                                                                 \
      ->Teardown(dropShared)                                                                     \
      ->ThreadRange(1, 4)                                                                        \
      ->UseRealTime()
PXC_SHARED_BENCHMARK(sharedHit, "ImageCache.hit/pxc", pxc::ImageCache);
PXC_SHARED_BENCHMARK(sharedHit, "ImageCache.hit/qt", LockedQCache);
PXC_SHARED_BENCHMARK(sharedHitOwnKeys, "ImageCache.hit-own-keys/pxc", pxc::ImageCache);
PXC_SHARED_BENCHMARK(sharedHitOwnKeys, "ImageCache.hit-own-keys/qt", LockedQCache);
PXC_SHARED_BENCHMARK(sharedMiss, "ImageCache.miss/pxc", pxc::ImageCache);
PXC_SHARED_BENCHMARK(sharedMiss, "ImageCache.miss/qt", LockedQCache);
PXC_SHARED_BENCHMARK(sharedEvict, "ImageCache.evict/pxc", pxc::ImageCache);
PXC_SHARED_BENCHMARK(sharedEvict, "ImageCache.evict/qt", LockedQCache);

/// Work that shares nothing: how much N threads can gain at all on this machine, the ceiling
/// against which the caches' scaling is read.
void parallelCeiling(benchmark::State &state) {
  std::uint32_t value = static_cast<std::uint32_t>(state.thread_index()) + 1;
  for (auto _ : state) {
    for (int step = 0; step < 64; ++step)
      value = value * 1664525U + 1013904223U;
    benchmark::DoNotOptimize(value);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(parallelCeiling)->Name("ceiling.spin/none")->ThreadRange(1, 4)->UseRealTime();

} // namespace

int main(int argc, char **argv) {
  // QPixmap needs a QGuiApplication; benchmarks need no screen.
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
    qputenv("QT_QPA_PLATFORM", "offscreen");
  QGuiApplication application(argc, argv);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv))
    return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
