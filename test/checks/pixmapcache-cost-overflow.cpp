// RUN: %check_tidy %s pixmapcache-cost-overflow %t -- -std=c++17 %qt_flags -I%S
// RUN: %clangxx -std=c++17 -fsyntax-only %qt_flags -I%pxc_include -I%S %t.cpp

#include <QtCore/QCache>
#include <QtCore/QRect>
#include <QtCore/QSize>
#include <QtGui/QImage>
#include <QtGui/QPixmap>

#include <cstdlib>
#include <vector>

#include "Inputs/cost-overflow/tile.h"
// CHECK-FIXES: #include <pxc/cost.h>

// ---------------------------------------------------------------------------------------
// Reported: the product is computed in 'int' and widened only afterwards.
// ---------------------------------------------------------------------------------------

qsizetype imageBytes(const QImage &image) {
  return image.width() * image.height() * 4;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: multiplication in 'int' can overflow before it is returned from 'imageBytes' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: 'image.width()' comes from the parameter 'image' of 'imageBytes', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-3]]:26: note: 'image.height()' comes from the parameter 'image' of 'imageBytes', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: the 'int' result is widened to 'qsizetype' (aka 'long long') only here
  // CHECK-MESSAGES: :[[@LINE-5]]:10: note: widen the first operand to 'qsizetype' so that the whole product is computed in 'qsizetype'
  // CHECK-FIXES: {{^}}  return static_cast<qsizetype>(image.width()) * image.height() * 4;{{$}}
}

// The product hides behind a division: bugprone-implicit-widening-of-multiplication-result
// does not see it.
qint64 pixmapKb(const QPixmap &pixmap) {
  return pixmap.width() * pixmap.height() * pixmap.depth() / 8 / 1024;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: multiplication in 'int' can overflow before it is returned from 'pixmapKb' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: 'pixmap.width()' comes from the parameter 'pixmap' of 'pixmapKb', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-3]]:27: note: 'pixmap.height()' comes from the parameter 'pixmap' of 'pixmapKb', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: the 'int' result is widened to 'qint64' (aka 'long long') only here
  // CHECK-MESSAGES: :[[@LINE-5]]:10: note: widen the first operand to 'qint64' so that the whole product is computed in 'qint64'
  // CHECK-FIXES: {{^}}  return static_cast<qint64>(pixmap.width()) * pixmap.height() * pixmap.depth() / 8 / 1024;{{$}}
}

// ... and behind a shift.
qsizetype shiftedBytes(int w, int h, int d) {
  return (w * h * d) >> 3;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: multiplication in 'int' can overflow before it is returned from 'shiftedBytes' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:11: note: 'w' is a parameter of 'shiftedBytes', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: 'h' is a parameter of 'shiftedBytes', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-4]]:19: note: 'd' is a parameter of 'shiftedBytes', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-5]]:3: note: the 'int' result is widened to 'qsizetype' (aka 'long long') only here
  // CHECK-MESSAGES: :[[@LINE-6]]:11: note: widen the first operand to 'qsizetype' so that the whole product is computed in 'qsizetype'
  // CHECK-FIXES: {{^}}  return (static_cast<qsizetype>(w) * h * d) >> 3;{{$}}
}

// A cast to the wider type after the multiplication: the fix moves it to the first operand.
qsizetype castTooLate(const QSize &size) {
  return qsizetype(size.width() * size.height()) * 4;
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: multiplication in 'int' can overflow before it is cast to 'qsizetype' (aka 'long long') [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:20: note: 'size.width()' comes from the parameter 'size' of 'castTooLate', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-3]]:35: note: 'size.height()' comes from the parameter 'size' of 'castTooLate', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: the 'int' result is widened to 'qsizetype' (aka 'long long') only here
  // CHECK-MESSAGES: :[[@LINE-5]]:20: note: widen the first operand to 'qsizetype' so that the whole product is computed in 'qsizetype'
  // CHECK-FIXES: {{^}}  return qsizetype(size.width()) * size.height() * 4;{{$}}
}

qint64 staticCastTooLate(const QRect &rect) {
  return static_cast<qint64>(rect.width() * rect.height());
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: multiplication in 'int' can overflow before it is cast to 'qint64' (aka 'long long') [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:30: note: 'rect.width()' comes from the parameter 'rect' of 'staticCastTooLate', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-3]]:45: note: 'rect.height()' comes from the parameter 'rect' of 'staticCastTooLate', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: the 'int' result is widened to 'qint64' (aka 'long long') only here
  // CHECK-MESSAGES: :[[@LINE-5]]:30: note: widen the first operand to 'qint64' so that the whole product is computed in 'qint64'
  // CHECK-FIXES: {{^}}  return static_cast<qint64>(rect.width()) * rect.height();{{$}}
}

// The cast sits on the right of a division: the moved cast keeps its parentheses.
qint64 perPixel(qint64 total, int w, int h) {
  return total / (qint64)(w * h);
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: multiplication in 'int' can overflow before it is cast to 'qint64' (aka 'long long') [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:27: note: 'w' is a parameter of 'perPixel', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'h' is a parameter of 'perPixel', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-4]]:18: note: the 'int' result is widened to 'qint64' (aka 'long long') only here
  // CHECK-MESSAGES: :[[@LINE-5]]:27: note: widen the first operand to 'qint64' so that the whole product is computed in 'qint64'
  // CHECK-FIXES: {{^}}  return total / ((qint64)w * h);{{$}}
}

// The wider operand comes too late: 'w * h' is computed in 'int' first.
qsizetype widenedTooLate(int w, int h, int d) {
  qsizetype bytes = w * h * qsizetype(d);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: multiplication in 'int' can overflow before it is stored in the variable 'bytes' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:21: note: 'w' is a parameter of 'widenedTooLate', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-3]]:25: note: 'h' is a parameter of 'widenedTooLate', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: the 'int' result is widened to 'qsizetype' (aka 'long long') only here
  // CHECK-MESSAGES: :[[@LINE-5]]:21: note: widen the first operand to 'qsizetype' so that the whole product is computed in 'qsizetype'
  // CHECK-FIXES: {{^}}  qsizetype bytes = static_cast<qsizetype>(w) * h * qsizetype(d);{{$}}
  return bytes;
}

// Defined in a header: other units construct tiles with any size.
Tile::Tile(int width, int height) : bytes(width * height * 4) {}
// CHECK-MESSAGES: :[[@LINE-1]]:43: warning: multiplication in 'int' can overflow before it is stored in the field 'Tile::bytes' [pixmapcache-cost-overflow]
// CHECK-MESSAGES: :[[@LINE-2]]:43: note: 'width' is a parameter of 'Tile::Tile', which other translation units can call with any value, and no guard bounds it
// CHECK-MESSAGES: :[[@LINE-3]]:51: note: 'height' is a parameter of 'Tile::Tile', which other translation units can call with any value, and no guard bounds it
// CHECK-MESSAGES: :[[@LINE-4]]:37: note: the 'int' result is widened to 'qint64' (aka 'long long') only here
// CHECK-MESSAGES: :[[@LINE-5]]:43: note: widen the first operand to 'qint64' so that the whole product is computed in 'qint64'
// CHECK-FIXES: {{^}}Tile::Tile(int width, int height) : bytes(static_cast<qint64>(width) * height * 4) {}{{$}}

void Tile::add(const QImage &image) {
  total += image.width() * image.height() + 64;
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: multiplication in 'int' can overflow before it is stored in the field 'Tile::total' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:12: note: 'image.width()' comes from the parameter 'image' of 'Tile::add', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-3]]:28: note: 'image.height()' comes from the parameter 'image' of 'Tile::add', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: the 'int' result is widened to 'qint64' (aka 'long long') only here
  // CHECK-MESSAGES: :[[@LINE-5]]:12: note: widen the first operand to 'qint64' so that the whole product is computed in 'qint64'
  // CHECK-FIXES: {{^}}  total += static_cast<qint64>(image.width()) * image.height() + 64;{{$}}
}

// ---------------------------------------------------------------------------------------
// Cache costs: QCache<K, T>::insert takes a 'qsizetype' cost in Qt 6.
// ---------------------------------------------------------------------------------------

void cacheInKb(QCache<QString, QPixmap> &cache, const QString &key, const QPixmap &pixmap) {
  cache.insert(key, new QPixmap(pixmap), pixmap.width() * pixmap.height() * pixmap.depth() / (8 * 1024));
  // CHECK-MESSAGES: :[[@LINE-1]]:42: warning: multiplication in 'int' can overflow before it is passed as the cost to 'QCache<QString, QPixmap>::insert' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:42: note: 'pixmap.width()' comes from the parameter 'pixmap' of 'cacheInKb', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-3]]:59: note: 'pixmap.height()' comes from the parameter 'pixmap' of 'cacheInKb', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-4]]:9: note: the 'int' result is widened to 'qsizetype' (aka 'long long') only here
  // CHECK-MESSAGES: :[[@LINE-5]]:42: note: use 'pxc::imageCostKb' from <pxc/cost.h>: it computes the cost in KiB in 64 bits, rounded up and at least 1, and saturates instead of overflowing
  // CHECK-FIXES: {{^}}  cache.insert(key, new QPixmap(pixmap), pxc::imageCostKb(pixmap.width(), pixmap.height(), pixmap.depth()));{{$}}
}

// A cost in bytes is not the helper's KiB: widen instead.
void cacheInBytes(QCache<QString, QImage> &cache, const QString &key, const QImage &image) {
  cache.insert(key, new QImage(image), image.width() * image.height() * image.depth() / 8);
  // CHECK-MESSAGES: :[[@LINE-1]]:40: warning: multiplication in 'int' can overflow before it is passed as the cost to 'QCache<QString, QImage>::insert' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:40: note: 'image.width()' comes from the parameter 'image' of 'cacheInBytes', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-3]]:56: note: 'image.height()' comes from the parameter 'image' of 'cacheInBytes', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-4]]:9: note: the 'int' result is widened to 'qsizetype' (aka 'long long') only here
  // CHECK-MESSAGES: :[[@LINE-5]]:40: note: widen the first operand to 'qsizetype' so that the whole product is computed in 'qsizetype'
  // CHECK-MESSAGES: :[[@LINE-6]]:40: note: for an image's cost in KiB, 'pxc::imageCostKb' from <pxc/cost.h> computes it in 64 bits and cannot overflow
  // CHECK-FIXES: {{^}}  cache.insert(key, new QImage(image), static_cast<qsizetype>(image.width()) * image.height() * image.depth() / 8);{{$}}
}

// Through a local 'int': no fix-it (widening the operand alone would be truncated again).
void cacheThroughLocal(QCache<QString, QPixmap> &cache, const QString &path, const QPixmap &pixmap) {
  int cacheCost = pixmap.width() * pixmap.height() * pixmap.depth() / 8;
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: multiplication in 'int' can overflow before it is passed as the cost to 'QCache<QString, QPixmap>::insert' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:19: note: 'pixmap.width()' comes from the parameter 'pixmap' of 'cacheThroughLocal', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-3]]:36: note: 'pixmap.height()' comes from the parameter 'pixmap' of 'cacheThroughLocal', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-4]]:7: note: the product is first stored in 'cacheCost', of type 'int'
  // CHECK-MESSAGES: :[[@LINE+3]]:9: note: the 'int' result is widened to 'qsizetype' (aka 'long long') only here
  // CHECK-MESSAGES: :[[@LINE-6]]:19: note: declare 'cacheCost' as 'qsizetype' and widen the first operand to 'qsizetype'
  // CHECK-MESSAGES: :[[@LINE-7]]:19: note: for an image's cost in KiB, 'pxc::imageCostKb' from <pxc/cost.h> computes it in 64 bits and cannot overflow
  cache.insert(path, new QPixmap(pixmap), cacheCost);
}

// qMax deduces one type from both arguments: no fix-it there.
void cacheClamped(QCache<int, QImage> &cache, const QImage &image) {
  cache.insert(1, new QImage(image), qMax(1, image.width() * image.height() * 4 / 1024));
  // CHECK-MESSAGES: :[[@LINE-1]]:46: warning: multiplication in 'int' can overflow before it is passed as the cost to 'QCache<int, QImage>::insert' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:46: note: 'image.width()' comes from the parameter 'image' of 'cacheClamped', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-3]]:62: note: 'image.height()' comes from the parameter 'image' of 'cacheClamped', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-4]]:9: note: the 'int' result is widened to 'qsizetype' (aka 'long long') only here
  // CHECK-MESSAGES: :[[@LINE-5]]:46: note: widen the first operand to 'qsizetype' so that the whole product is computed in 'qsizetype'
}

void limit(QCache<QString, QPixmap> &cache, int widthLimit, int heightLimit) {
  cache.setMaxCost(widthLimit * heightLimit * 4);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: multiplication in 'int' can overflow before it is passed as the cost to 'QCache<QString, QPixmap>::setMaxCost' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:20: note: 'widthLimit' is a parameter of 'limit', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-3]]:33: note: 'heightLimit' is a parameter of 'limit', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-4]]:9: note: the 'int' result is widened to 'qsizetype' (aka 'long long') only here
  // CHECK-MESSAGES: :[[@LINE-5]]:20: note: widen the first operand to 'qsizetype' so that the whole product is computed in 'qsizetype'
  // CHECK-FIXES: {{^}}  cache.setMaxCost(static_cast<qsizetype>(widthLimit) * heightLimit * 4);{{$}}
}

// ---------------------------------------------------------------------------------------
// Allocation sizes.
// ---------------------------------------------------------------------------------------

void *allocatePixels(int width, int height) {
  return std::malloc(width * height * 4);
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: multiplication in 'int' can overflow before it is passed as the size to 'malloc' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:22: note: 'width' is a parameter of 'allocatePixels', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-3]]:30: note: 'height' is a parameter of 'allocatePixels', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: the 'int' result is widened to 'size_t' (aka 'unsigned long') only here
  // CHECK-MESSAGES: :[[@LINE-5]]:22: note: widen the first operand to 'size_t' so that the whole product is computed in 'size_t'
  // CHECK-FIXES: {{^}}  return std::malloc(static_cast<size_t>(width) * height * 4);{{$}}
}

uchar *newPixels(const QSize &size) {
  return new uchar[size.width() * size.height() * 4];
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: multiplication in 'int' can overflow before it is used as the size of a 'new[]' array [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:20: note: 'size.width()' comes from the parameter 'size' of 'newPixels', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-3]]:35: note: 'size.height()' comes from the parameter 'size' of 'newPixels', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: the 'int' result is widened to 'unsigned long' only here
  // CHECK-MESSAGES: :[[@LINE-5]]:20: note: widen the first operand to 'std::size_t' so that the whole product is computed in 'std::size_t'
  // CHECK-FIXES: {{^}}  return new uchar[static_cast<std::size_t>(size.width()) * size.height() * 4];{{$}}
}

QByteArray blankRow(const QImage &image, int rows) {
  return QByteArray(image.width() * rows * 4, '\0');
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: multiplication in 'int' can overflow before it is passed as the size to 'QByteArray::QByteArray' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:21: note: 'image.width()' comes from the parameter 'image' of 'blankRow', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-3]]:37: note: 'rows' is a parameter of 'blankRow', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: the 'int' result is widened to 'qsizetype' (aka 'long long') only here
  // CHECK-MESSAGES: :[[@LINE-5]]:21: note: widen the first operand to 'qsizetype' so that the whole product is computed in 'qsizetype'
  // CHECK-FIXES: {{^}}  return QByteArray(static_cast<qsizetype>(image.width()) * rows * 4, '\0');{{$}}
}

void reservePixels(std::vector<unsigned> &pixels, const QImage &image) {
  pixels.reserve(image.width() * image.height());
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: multiplication in 'int' can overflow before it is passed as the size to 'std::vector<unsigned int>::reserve' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:18: note: 'image.width()' comes from the parameter 'image' of 'reservePixels', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-3]]:34: note: 'image.height()' comes from the parameter 'image' of 'reservePixels', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: the 'int' result is widened to 'size_type' (aka 'unsigned long') only here
  // CHECK-MESSAGES: :[[@LINE-5]]:18: note: widen the first operand to 'std::size_t' so that the whole product is computed in 'std::size_t'
  // CHECK-FIXES: {{^}}  pixels.reserve(static_cast<std::size_t>(image.width()) * image.height());{{$}}
}

// 16-bit unsigned dimensions are considered when one operand is 'int' wide: 65535 * 65535
// does not fit.
qint64 tgaBytes(quint16 width, quint16 height, int channels) {
  return width * height * channels;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: multiplication in 'int' can overflow before it is returned from 'tgaBytes' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:27: note: 'channels' is a parameter of 'tgaBytes', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the 'int' result is widened to 'qint64' (aka 'long long') only here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: widen the first operand to 'qint64' so that the whole product is computed in 'qint64'
  // CHECK-FIXES: {{^}}  return static_cast<qint64>(width) * height * channels;{{$}}
}

// A guard that bounds only one dimension does not make the product fit.
qsizetype halfGuarded(int w, int h) {
  if (w > 8192)
    return 0;
  return w * h * 4;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: multiplication in 'int' can overflow before it is returned from 'halfGuarded' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:14: note: 'h' is a parameter of 'halfGuarded', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the 'int' result is widened to 'qsizetype' (aka 'long long') only here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: widen the first operand to 'qsizetype' so that the whole product is computed in 'qsizetype'
  // CHECK-FIXES: {{^}}  return static_cast<qsizetype>(w) * h * 4;{{$}}
}

// A guard whose bound is too loose: 65536 * 65536 * 4 does not fit 'int'.
qsizetype looseGuard(int w, int h) {
  if (w > 65536 || h > 65536)
    return 0;
  return w * h * 4;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: multiplication in 'int' can overflow before it is returned from 'looseGuard' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: 'w' is a parameter of 'looseGuard', which other translation units can call with any value, and the guards before the product let it reach 65536
  // CHECK-MESSAGES: :[[@LINE-3]]:14: note: 'h' is a parameter of 'looseGuard', which other translation units can call with any value, and the guards before the product let it reach 65536
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: the 'int' result is widened to 'qsizetype' (aka 'long long') only here
  // CHECK-MESSAGES: :[[@LINE-5]]:10: note: widen the first operand to 'qsizetype' so that the whole product is computed in 'qsizetype'
  // CHECK-FIXES: {{^}}  return static_cast<qsizetype>(w) * h * 4;{{$}}
}

// The guard does not dominate the product: the other branch reaches it unguarded.
qsizetype guardOnOneBranch(int w, int h, bool preview) {
  if (preview) {
    if (w > 1024 || h > 1024)
      return 0;
  }
  return w * h * 4;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: multiplication in 'int' can overflow before it is returned from 'guardOnOneBranch' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: 'w' is a parameter of 'guardOnOneBranch', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-3]]:14: note: 'h' is a parameter of 'guardOnOneBranch', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: the 'int' result is widened to 'qsizetype' (aka 'long long') only here
  // CHECK-MESSAGES: :[[@LINE-5]]:10: note: widen the first operand to 'qsizetype' so that the whole product is computed in 'qsizetype'
  // CHECK-FIXES: {{^}}  return static_cast<qsizetype>(w) * h * 4;{{$}}
}

// The guarded variable changes after the guard.
qsizetype reassignedAfterGuard(int w, int h) {
  if (w > 1024 || h > 1024)
    return 0;
  w *= 1024;
  return w * h * 4;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: multiplication in 'int' can overflow before it is returned from 'reassignedAfterGuard' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: 'w' is a parameter of 'reassignedAfterGuard', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the 'int' result is widened to 'qsizetype' (aka 'long long') only here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: widen the first operand to 'qsizetype' so that the whole product is computed in 'qsizetype'
  // CHECK-FIXES: {{^}}  return static_cast<qsizetype>(w) * h * 4;{{$}}
}

// ---------------------------------------------------------------------------------------
// Not reported.
// ---------------------------------------------------------------------------------------

// The first operand is already widened (Qt 6's own cost()).
qsizetype widenedFirst(const QPixmap &pixmap) {
  return static_cast<qint64>(pixmap.width()) * pixmap.height() * pixmap.depth() / (8 * 1024);
}
qsizetype widenedFunctional(int w, int h, int d) { return qsizetype(w) * h * d; }

// The product stays in 'int' from start to end: nothing is widened.
int intCost(const QPixmap &pixmap) {
  return qMax(1, pixmap.width() * pixmap.height() * pixmap.depth() / 8 / 1024);
}

// Constants that fit.
qsizetype constantBytes() { return 4096 * 4096 * 4; }
qsizetype constantLimit(QCache<int, QImage> &cache) {
  cache.setMaxCost(64 * 1024);
  return 0;
}

// sizeof(T) * n is computed in size_t.
void *sizeofProduct(int count) { return std::malloc(sizeof(QRgb) * count); }
void *sizeofSecond(int count) { return std::malloc(count * sizeof(QRgb)); }

// 8- and 16-bit operands whose product fits 'int'.
qint64 bytes8(uchar width, uchar height) { return width * height * 4; }
qint64 signed16(qint16 width, qint16 height) { return width * height; }

// Bounded by a dominating guard.
qsizetype guarded(int w, int h) {
  if (w > 8192 || h > 8192)
    return 0;
  return w * h * 4;
}
qsizetype guardedImage(const QImage &image) {
  if (image.width() > 8192 || image.height() > 8192)
    return 0;
  return image.width() * image.height() * 4;
}
qsizetype guardedInside(int w, int h) {
  if (w <= 4096 && h <= 4096) {
    return w * h * 4;
  }
  return 0;
}
qsizetype guardedByProduct(int w, int h) {
  if (qint64(w) * h > 64 * 1024 * 1024)
    return 0;
  return w * h * 4;
}
qsizetype guardedByDivision(int w, int h) {
  if (h <= 0 || w > std::numeric_limits<int>::max() / h)
    return 0;
  return w * h;
}
qsizetype clampedOperands(int w, int h) { return qMin(w, 4096) * qMin(h, 4096) * 4; }
qsizetype maskedOperands(int w, int h) { return (w & 0xfff) * (h & 0xfff) * 4; }

// Checked arithmetic.
qsizetype checkedFirst(int w, int h) {
  int pixels;
  if (qMulOverflow(w, h, &pixels))
    return -1;
  return w * h;
}
qsizetype builtinChecked(int w, int h) {
  int pixels;
  if (__builtin_mul_overflow(w, h, &pixels))
    return -1;
  return w * h;
}

// Not a sink: an index into a container, a comparison, an ordinary 'int' parameter.
int pixelAt(const std::vector<int> &pixels, int x, int y, int width) { return pixels[y * width + x]; }
bool tooLarge(const QImage &image, qint64 limit) { return image.width() * image.height() > limit; }
void takesInt(int bytes);
void passInt(const QImage &image) { takesInt(image.width() * image.height()); }

// A narrowing step on the way: the value ends up in 'int'.
qint64 narrowedFirst(const QImage &image) {
  const short tiles = image.width() * image.height();
  return tiles;
}

// Not a dimension: the operands are neither parameters nor named like sizes.
int counter();
qint64 notDimensions() { return counter() * counter(); }

// Templates are checked in their definition, where the type is not known.
template <typename T> qint64 templated(T w, T h) { return w * h; }
qint64 useTemplate() { return templated<int>(1, 2); }
