// The application-wide PixmapCache empties itself when the QGuiApplication goes, while pixmaps
// can still be freed, instead of destroying them during static destruction. Its own binary:
// the test has to create and destroy the application itself.
#include <pxc/pixmap_cache.h>

#include <QGuiApplication>
#include <QPixmap>

#include <gtest/gtest.h>

namespace {

TEST(PixmapCacheLifetime, InstanceIsClearedWithTheApplication) {
  pxc::PixmapCache::Key key;
  {
    int argc = 1;
    char name[] = "pxc_qt_lifetime_tests";
    char *argv[] = {name, nullptr};
    const QGuiApplication application(argc, argv);
    QPixmap pixmap(8, 8);
    pixmap.fill(Qt::red);
    key = pxc::PixmapCache::instance().insert(pixmap);
    ASSERT_TRUE(key.isValid());
  }
  EXPECT_FALSE(key.isValid());
}

} // namespace
