// pxc::PixmapCache on the GUI thread of a real QGuiApplication: the QPixmapCache API, keys,
// costs, limits and failed inserts.
#include "qt_test_support.h"

#include <pxc/pixmap_cache.h>
#include <pxc/qt_cost.h>

#include <QColor>
#include <QPixmap>

#include <gtest/gtest.h>

namespace {

/// A pixmap of `side` x `side` pixels filled with `color`; 32x32 at depth 32 costs 4 KiB.
QPixmap filledPixmap(int side, Qt::GlobalColor color = Qt::red) {
  QPixmap pixmap(side, side);
  pixmap.fill(color);
  return pixmap;
}

QColor colorOf(const QPixmap &pixmap) { return pixmap.toImage().pixelColor(0, 0); }

TEST(PixmapCache, FindsPixmapsByString) {
  pxc::PixmapCache cache;
  ASSERT_TRUE(cache.insert(QStringLiteral("red"), filledPixmap(8, Qt::red)));
  ASSERT_TRUE(cache.insert(QStringLiteral("blue"), filledPixmap(8, Qt::blue)));
  QPixmap found;
  ASSERT_TRUE(cache.find(QStringLiteral("red"), &found));
  EXPECT_EQ(colorOf(found), QColor(Qt::red));
  ASSERT_TRUE(cache.find(QStringLiteral("blue"), &found));
  EXPECT_EQ(colorOf(found), QColor(Qt::blue));
  EXPECT_TRUE(cache.find(QStringLiteral("blue"), nullptr));
  EXPECT_FALSE(cache.find(QStringLiteral("green"), &found));
}

TEST(PixmapCache, FindsPixmapsByKey) {
  pxc::PixmapCache cache;
  const pxc::PixmapCache::Key key = cache.insert(filledPixmap(8, Qt::green));
  ASSERT_TRUE(key.isValid());
  QPixmap found;
  ASSERT_TRUE(cache.find(key, &found));
  EXPECT_EQ(colorOf(found), QColor(Qt::green));
  EXPECT_FALSE(cache.find(pxc::PixmapCache::Key(), &found));
}

TEST(PixmapCache, KeyCopiesAreEqualAndShareValidity) {
  pxc::PixmapCache cache;
  const pxc::PixmapCache::Key first = cache.insert(filledPixmap(4));
  const pxc::PixmapCache::Key second = cache.insert(filledPixmap(4));
  pxc::PixmapCache::Key copy = first;
  EXPECT_EQ(copy, first);
  EXPECT_NE(copy, second);
  EXPECT_NE(pxc::PixmapCache::Key(), first);
  ASSERT_TRUE(cache.remove(first));
  EXPECT_FALSE(copy.isValid());
  EXPECT_FALSE(first.isValid());
  EXPECT_TRUE(second.isValid());
  EXPECT_FALSE(cache.remove(copy)); // the release already happened, exactly once
}

TEST(PixmapCache, ReinsertingAStringReplacesThePixmap) {
  pxc::PixmapCache cache;
  ASSERT_TRUE(cache.insert(QStringLiteral("icon"), filledPixmap(32, Qt::red)));
  ASSERT_TRUE(cache.insert(QStringLiteral("icon"), filledPixmap(32, Qt::blue)));
  QPixmap found;
  ASSERT_TRUE(cache.find(QStringLiteral("icon"), &found));
  EXPECT_EQ(colorOf(found), QColor(Qt::blue));
  EXPECT_EQ(cache.totalCost(), 4); // the red one is gone, not just unreachable
}

TEST(PixmapCache, EvictionInvalidatesKeysAndDropsStrings) {
  pxc::PixmapCache cache(8); // two 4 KiB pixmaps
  const pxc::PixmapCache::Key oldest = cache.insert(filledPixmap(32));
  ASSERT_TRUE(cache.insert(QStringLiteral("middle"), filledPixmap(32)));
  ASSERT_TRUE(cache.insert(QStringLiteral("newest"), filledPixmap(32)));
  EXPECT_FALSE(oldest.isValid());
  EXPECT_FALSE(cache.find(oldest, nullptr));
  ASSERT_TRUE(cache.insert(QStringLiteral("newer"), filledPixmap(32)));
  EXPECT_FALSE(cache.find(QStringLiteral("middle"), nullptr));
  EXPECT_TRUE(cache.find(QStringLiteral("newest"), nullptr));
  EXPECT_EQ(cache.totalCost(), 8);
}

TEST(PixmapCache, FailedStringInsertLeavesEverythingAsItWas) {
  pxc::PixmapCache cache(16);
  ASSERT_TRUE(cache.insert(QStringLiteral("icon"), filledPixmap(32, Qt::red)));
  ASSERT_TRUE(cache.insert(QStringLiteral("other"), filledPixmap(32)));
  EXPECT_FALSE(cache.insert(QStringLiteral("icon"), filledPixmap(128))); // 64 KiB > 16
  EXPECT_FALSE(cache.insert(QStringLiteral("fresh"), filledPixmap(128)));
  QPixmap found;
  ASSERT_TRUE(cache.find(QStringLiteral("icon"), &found));
  EXPECT_EQ(colorOf(found), QColor(Qt::red));
  EXPECT_TRUE(cache.find(QStringLiteral("other"), nullptr)); // nothing was trimmed for it
  EXPECT_FALSE(cache.find(QStringLiteral("fresh"), nullptr));
  EXPECT_EQ(cache.totalCost(), 8);
}

TEST(PixmapCache, FailedKeyInsertReturnsAnInvalidKey) {
  pxc::PixmapCache cache(16);
  const pxc::PixmapCache::Key kept = cache.insert(filledPixmap(32));
  const pxc::PixmapCache::Key failed = cache.insert(filledPixmap(128));
  EXPECT_FALSE(failed.isValid());
  EXPECT_FALSE(cache.find(failed, nullptr));
  EXPECT_TRUE(kept.isValid());
  EXPECT_EQ(cache.totalCost(), 4);
}

TEST(PixmapCache, RemoveByStringAndKey) {
  pxc::PixmapCache cache;
  ASSERT_TRUE(cache.insert(QStringLiteral("a"), filledPixmap(8)));
  const pxc::PixmapCache::Key key = cache.insert(filledPixmap(8));
  EXPECT_TRUE(cache.remove(QStringLiteral("a")));
  EXPECT_FALSE(cache.remove(QStringLiteral("a")));
  EXPECT_FALSE(cache.find(QStringLiteral("a"), nullptr));
  EXPECT_TRUE(cache.remove(key));
  EXPECT_FALSE(key.isValid());
  EXPECT_EQ(cache.totalCost(), 0);
  ASSERT_TRUE(cache.insert(QStringLiteral("a"), filledPixmap(8))); // the string is free again
  EXPECT_TRUE(cache.find(QStringLiteral("a"), nullptr));
}

TEST(PixmapCache, ClearInvalidatesEverything) {
  pxc::PixmapCache cache;
  const pxc::PixmapCache::Key key = cache.insert(filledPixmap(8));
  ASSERT_TRUE(cache.insert(QStringLiteral("a"), filledPixmap(8)));
  cache.clear();
  EXPECT_FALSE(key.isValid());
  EXPECT_FALSE(cache.find(QStringLiteral("a"), nullptr));
  EXPECT_EQ(cache.totalCost(), 0);
  ASSERT_TRUE(cache.insert(QStringLiteral("a"), filledPixmap(8)));
  EXPECT_TRUE(cache.find(QStringLiteral("a"), nullptr));
}

TEST(PixmapCache, DestroyingTheCacheInvalidatesItsKeys) {
  pxc::PixmapCache::Key survivor;
  {
    pxc::PixmapCache cache;
    survivor = cache.insert(filledPixmap(8));
    ASSERT_TRUE(survivor.isValid());
  }
  EXPECT_FALSE(survivor.isValid());
}

TEST(PixmapCache, KeysOfAnotherCacheFindNothing) {
  pxc::PixmapCache first;
  pxc::PixmapCache second;
  const pxc::PixmapCache::Key key = first.insert(filledPixmap(8));
  (void)second.insert(filledPixmap(8));
  EXPECT_FALSE(second.find(key, nullptr));
  EXPECT_FALSE(second.remove(key));
  EXPECT_TRUE(key.isValid());
}

TEST(PixmapCache, LoweringTheLimitTrimsLeastRecentlyUsedFirst) {
  pxc::PixmapCache cache(16);
  for (const char *name : {"a", "b", "c", "d"})
    ASSERT_TRUE(cache.insert(QString::fromLatin1(name), filledPixmap(32)));
  ASSERT_TRUE(cache.find(QStringLiteral("a"), nullptr));
  ASSERT_TRUE(cache.setCacheLimit(8));
  EXPECT_EQ(cache.cacheLimit(), 8);
  EXPECT_TRUE(cache.find(QStringLiteral("a"), nullptr));
  EXPECT_FALSE(cache.find(QStringLiteral("b"), nullptr));
  EXPECT_FALSE(cache.find(QStringLiteral("c"), nullptr));
  EXPECT_TRUE(cache.find(QStringLiteral("d"), nullptr));
  EXPECT_EQ(cache.totalCost(), 8);
}

TEST(PixmapCache, NegativeLimitIsRefusedWithAWarning) {
  EXPECT_THROW(pxc::PixmapCache(-1), std::invalid_argument);
  pxc::PixmapCache cache(16);
  const pxc::test::MessageRecorder recorder("pxc.pixmapcache");
  EXPECT_FALSE(cache.setCacheLimit(-1));
  EXPECT_EQ(cache.cacheLimit(), 16);
  ASSERT_EQ(recorder.warnings().size(), 1U);
  EXPECT_NE(recorder.warnings().front().find("negative"), std::string::npos);
}

TEST(PixmapCache, LimitsBeyondTheIntRangeWork) {
  // QPixmapCache's limit is an int of KiB; here it is 64-bit like the costs.
  pxc::PixmapCache cache(pxc::Cost{1} << 40);
  EXPECT_EQ(cache.cacheLimit(), pxc::Cost{1} << 40);
  ASSERT_TRUE(cache.setCacheLimit(pxc::kMaxCost));
  ASSERT_TRUE(cache.insert(QStringLiteral("a"), filledPixmap(8)));
  EXPECT_EQ(cache.totalCost(), 1);
}

TEST(PixmapCache, ChargesThePixelSizeInKb) {
  pxc::PixmapCache cache;
  const QPixmap pixmap = filledPixmap(64);
  ASSERT_TRUE(cache.insert(QStringLiteral("a"), pixmap));
  EXPECT_EQ(cache.totalCost(), pxc::costKb(pixmap));
  EXPECT_EQ(pxc::costKb(pixmap), 64 * 64 * pixmap.depth() / 8 / 1024);
  EXPECT_EQ(pxc::costKb(QPixmap()), 1);
  EXPECT_EQ(pxc::costKb(QImage()), 1);
}

TEST(PixmapCache, NullPixmapsCostOneSoTheyAreEvictedToo) {
  pxc::PixmapCache cache(3);
  for (int i = 0; i < 10; ++i)
    ASSERT_TRUE(cache.insert(QString::number(i), QPixmap()));
  EXPECT_EQ(cache.totalCost(), 3);
  EXPECT_TRUE(cache.find(QStringLiteral("9"), nullptr));
  EXPECT_FALSE(cache.find(QStringLiteral("0"), nullptr));
}

TEST(PixmapCache, InstanceIsOneApplicationWideCache) {
  pxc::PixmapCache &cache = pxc::PixmapCache::instance();
  EXPECT_EQ(&cache, &pxc::PixmapCache::instance());
  EXPECT_EQ(cache.cacheLimit(), pxc::PixmapCache::kDefaultCacheLimitKb);
  ASSERT_TRUE(cache.insert(QStringLiteral("global"), filledPixmap(8)));
  EXPECT_TRUE(pxc::PixmapCache::instance().find(QStringLiteral("global"), nullptr));
  cache.clear();
}

} // namespace
