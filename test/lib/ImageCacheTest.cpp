// pxc::ImageCache: the QImage cache for worker threads (its stress test is in ThreadingTest).
#include <pxc/image_cache.h>
#include <pxc/qt_cost.h>

#include <QImage>

#include <gtest/gtest.h>

namespace {

QImage filledImage(int side, Qt::GlobalColor color) {
  QImage image(side, side, QImage::Format_ARGB32);
  image.fill(color);
  return image;
}

TEST(ImageCache, FindsWhatWasInserted) {
  pxc::ImageCache cache;
  ASSERT_TRUE(cache.insert(QStringLiteral("red"), filledImage(16, Qt::red)));
  QImage found;
  ASSERT_TRUE(cache.find(QStringLiteral("red"), &found));
  EXPECT_EQ(found.pixelColor(3, 3), QColor(Qt::red));
  EXPECT_TRUE(cache.find(QStringLiteral("red"), nullptr));
  EXPECT_FALSE(cache.find(QStringLiteral("blue"), &found));
}

TEST(ImageCache, ChargesThePixelSizeInKb) {
  pxc::ImageCache cache;
  const QImage image = filledImage(64, Qt::red); // 16 KiB
  ASSERT_TRUE(cache.insert(QStringLiteral("a"), image));
  EXPECT_EQ(cache.totalCost(), 16);
  EXPECT_EQ(pxc::costKb(image), 16);
}

TEST(ImageCache, AcceptsImagesUpToTheWholeLimit) {
  pxc::ImageCache cache(64, 4);
  ASSERT_TRUE(cache.insert(QStringLiteral("small"), filledImage(64, Qt::red))); // 16 KiB
  EXPECT_TRUE(cache.insert(QStringLiteral("limit"), filledImage(128, Qt::red))); // 64 KiB
  EXPECT_TRUE(cache.find(QStringLiteral("limit"), nullptr));
  EXPECT_FALSE(cache.find(QStringLiteral("small"), nullptr)); // evicted to make room
  EXPECT_EQ(cache.totalCost(), 64);
  EXPECT_FALSE(cache.insert(QStringLiteral("too big"), filledImage(129, Qt::red)));
  EXPECT_FALSE(cache.find(QStringLiteral("too big"), nullptr));
  EXPECT_TRUE(cache.find(QStringLiteral("limit"), nullptr));
}

TEST(ImageCache, LimitChangesTrim) {
  pxc::ImageCache cache(1024, 1);
  for (int i = 0; i < 8; ++i)
    ASSERT_TRUE(cache.insert(QString::number(i), filledImage(64, Qt::blue)));
  EXPECT_EQ(cache.totalCost(), 128);
  ASSERT_TRUE(cache.setCacheLimit(32));
  EXPECT_EQ(cache.cacheLimit(), 32);
  EXPECT_EQ(cache.totalCost(), 32);
  EXPECT_TRUE(cache.find(QStringLiteral("7"), nullptr));
  EXPECT_FALSE(cache.find(QStringLiteral("0"), nullptr));
  EXPECT_FALSE(cache.setCacheLimit(-1));
  EXPECT_EQ(cache.cacheLimit(), 32);
}

TEST(ImageCache, RemoveAndClear) {
  pxc::ImageCache cache;
  ASSERT_TRUE(cache.insert(QStringLiteral("a"), filledImage(8, Qt::red)));
  ASSERT_TRUE(cache.insert(QStringLiteral("b"), filledImage(8, Qt::red)));
  EXPECT_TRUE(cache.remove(QStringLiteral("a")));
  EXPECT_FALSE(cache.remove(QStringLiteral("a")));
  cache.clear();
  EXPECT_FALSE(cache.find(QStringLiteral("b"), nullptr));
  EXPECT_EQ(cache.totalCost(), 0);
  EXPECT_EQ(cache.shardCount(), (pxc::ConcurrentCostCache<QString, QImage, pxc::QStringHash>::kDefaultShardCount));
}

} // namespace
