// The thread rules of the Qt adapters: PixmapCache refuses, loudly, to be used off the GUI
// thread; its Keys may be copied and destroyed anywhere; ImageCache serves many threads at
// once. Also run under ThreadSanitizer (pxc_concurrency_tests_tsan).
#include "qt_test_support.h"

#include <pxc/image_cache.h>
#include <pxc/pixmap_cache.h>

#include <QImage>
#include <QPixmap>

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace {

QPixmap smallPixmap() {
  QPixmap pixmap(8, 8);
  pixmap.fill(Qt::red);
  return pixmap;
}

TEST(PixmapCacheThreads, CallsOffTheGuiThreadWarnAndChangeNothing) {
  pxc::PixmapCache cache(64);
  const QPixmap pixmap = smallPixmap(); // made here: QPixmap belongs to the GUI thread
  ASSERT_TRUE(cache.insert(QStringLiteral("kept"), pixmap));
  const pxc::PixmapCache::Key key = cache.insert(pixmap);

  struct Results {
    bool foundString = true, foundKey = true, insertedString = true, removedString = true;
    bool removedKey = true, limitSet = true;
    pxc::PixmapCache::Key insertedKey;
    pxc::Cost limit = 0, total = 0;
  } results;
  const pxc::test::MessageRecorder recorder("pxc.pixmapcache");
  std::thread worker([&] {
    results.foundString = cache.find(QStringLiteral("kept"), nullptr);
    results.foundKey = cache.find(key, nullptr);
    results.insertedString = cache.insert(QStringLiteral("new"), pixmap);
    results.insertedKey = cache.insert(pixmap);
    results.removedString = cache.remove(QStringLiteral("kept"));
    results.removedKey = cache.remove(key);
    results.limitSet = cache.setCacheLimit(1);
    results.limit = cache.cacheLimit();
    results.total = cache.totalCost();
    cache.clear();
  });
  worker.join();

  EXPECT_FALSE(results.foundString);
  EXPECT_FALSE(results.foundKey);
  EXPECT_FALSE(results.insertedString);
  EXPECT_FALSE(results.insertedKey.isValid());
  EXPECT_FALSE(results.removedString);
  EXPECT_FALSE(results.removedKey);
  EXPECT_FALSE(results.limitSet);
  EXPECT_EQ(results.limit, -1);
  EXPECT_EQ(results.total, -1);
  const std::vector<std::string> warnings = recorder.warnings();
  ASSERT_EQ(warnings.size(), 10U); // one per call
  for (const std::string &warning : warnings)
    EXPECT_NE(warning.find("off the GUI thread"), std::string::npos) << warning;

  // Back on the GUI thread, nothing changed.
  EXPECT_TRUE(cache.find(QStringLiteral("kept"), nullptr));
  EXPECT_TRUE(cache.find(key, nullptr));
  EXPECT_FALSE(cache.find(QStringLiteral("new"), nullptr));
  EXPECT_EQ(cache.cacheLimit(), 64);
}

TEST(PixmapCacheThreads, KeysAreCopiedAndDestroyedAcrossThreads) {
  constexpr int kKeys = 256;
  constexpr int kWorkers = 4;
  constexpr int kRounds = 50;
  pxc::PixmapCache cache(kKeys); // 1 KiB each: all fit at first
  const QPixmap pixmap = smallPixmap();
  std::vector<pxc::PixmapCache::Key> keys;
  for (int i = 0; i < kKeys; ++i)
    keys.push_back(cache.insert(pixmap));

  // Keys handed over to the workers, so that some handles die on a worker thread.
  std::mutex handoverMutex;
  std::deque<pxc::PixmapCache::Key> handover;
  std::atomic<bool> guiDone{false};
  std::atomic<int> revalidated{0};
  std::vector<std::thread> workers;
  for (int worker = 0; worker < kWorkers; ++worker) {
    workers.emplace_back([&] {
      std::vector<bool> seenInvalid(kKeys, false);
      for (int round = 0; round < kRounds || !guiDone.load(); ++round) {
        for (int i = 0; i < kKeys; ++i) {
          const pxc::PixmapCache::Key copy = keys[i]; // shared read of the vector, own copy
          const bool valid = copy.isValid();
          if (valid && seenInvalid[i])
            revalidated.fetch_add(1); // a released key must stay released
          seenInvalid[i] = seenInvalid[i] || !valid;
        }
        const std::lock_guard<std::mutex> lock(handoverMutex);
        handover.clear(); // the last handles of these keys die here
      }
    });
  }
  // Meanwhile the GUI thread releases keys by every path.
  for (int i = 0; i < kKeys / 4; ++i)
    (void)cache.remove(keys[i]);
  for (int i = 0; i < kKeys; ++i) {
    pxc::PixmapCache::Key fresh = cache.insert(pixmap); // evicts the oldest of `keys`
    const std::lock_guard<std::mutex> lock(handoverMutex);
    handover.push_back(std::move(fresh));
  }
  (void)cache.setCacheLimit(kKeys / 2);
  cache.clear();
  guiDone.store(true);
  for (std::thread &worker : workers)
    worker.join();

  EXPECT_EQ(revalidated.load(), 0);
  for (const pxc::PixmapCache::Key &key : keys)
    EXPECT_FALSE(key.isValid());
}

QRgb colorFor(int key) { return qRgb(key % 256, (key / 256) % 256, 77); }

TEST(ImageCacheThreads, ManyThreadsHammerOneCache) {
  constexpr int kThreads = 8;
  constexpr int kOperationsPerThread = 4000;
  constexpr int kKeySpace = 300;
  pxc::ImageCache cache(256, 8); // 1 KiB images: about 256 of the 300 keys fit
  std::atomic<int> wrongImages{0};
  std::atomic<int> hits{0};
  std::vector<std::thread> threads;
  for (int thread = 0; thread < kThreads; ++thread) {
    threads.emplace_back([&, thread] {
      std::uint32_t state = 0x85EBCA6BU * static_cast<std::uint32_t>(thread + 1);
      for (int operation = 0; operation < kOperationsPerThread; ++operation) {
        state = state * 1664525U + 1013904223U;
        const int key = static_cast<int>((state >> 8) % kKeySpace);
        const QString name = QString::number(key);
        switch ((state >> 28) % 8) {
        case 0:
          // Now and then the whole cache goes, or its limit changes, under running lookups.
          if (operation % 500 == 0)
            cache.clear();
          else if (operation % 500 == 250)
            (void)cache.setCacheLimit(128 + key % 256);
          else
            (void)cache.remove(name);
          break;
        case 1:
        case 2: {
          QImage image(16, 16, QImage::Format_RGB32);
          image.fill(colorFor(key));
          (void)cache.insert(name, image);
          break;
        }
        default: {
          QImage found;
          if (cache.find(name, &found)) {
            hits.fetch_add(1, std::memory_order_relaxed);
            if (found.pixel(5, 5) != colorFor(key))
              wrongImages.fetch_add(1, std::memory_order_relaxed);
          }
        }
        }
      }
    });
  }
  for (std::thread &thread : threads)
    thread.join();
  EXPECT_EQ(wrongImages.load(), 0);
  EXPECT_GT(hits.load(), 0);
  EXPECT_LE(cache.totalCost(), cache.cacheLimit());
}

} // namespace
