// Half-typed code: no crash, no finding built on what clang had to drop, and the intact
// function is still analysed.
// RUN: not %clang_tidy --load=%plugin --checks='-*,pixmapcache-use-after-insert' %s -- -std=c++17 %qt_flags 2>&1 | FileCheck %s --implicit-check-not='warning:'

#include <QtCore/QCache>
#include <QtGui/QImage>

int missingArgument(QCache<int, QImage> &cache, QImage *image) {
  cache.insert(image);
  return image->width();
}

int unknownCache(Unknown &cache, QImage *image) {
  cache.insert(1, image, 1);
  return image->width();
}

int unfinishedCondition(QCache<int, QImage> &cache, QImage *image) {
  if (!cache.insert(1, image, 1)
    return 0;
  return image->width();
}

int intact(QCache<int, QImage> &cache, QImage *image) {
  cache.insert(1, image, 1);
  return image->width();
}
// CHECK: :[[@LINE-2]]:10: warning: 'image' is used to access a member after 'QCache::insert' may have deleted it [pixmapcache-use-after-insert]

int unterminated(QCache<int, QImage> &cache, QImage *image) {
  cache.insert(1, image
