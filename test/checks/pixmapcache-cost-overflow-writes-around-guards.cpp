// The range analysis alone, as it was before values were told apart by their origin and
// domain: products of values the program holds, and of any integer parameter, are reported
// too, so that what bounds a value (and what does not) shows in every case.
// RUN: %check_tidy %s pixmapcache-cost-overflow %t \
// RUN:   --config="{CheckOptions: {pixmapcache-cost-overflow.ReportUnknownOrigins: true, pixmapcache-cost-overflow.IntParametersAreDimensions: true}}" \
// RUN:   -- -std=c++17 %qt_flags
// RUN: %clangxx -std=c++17 -fsyntax-only %qt_flags %t.cpp

// A guard holds for a value that is written elsewhere in the function, as long as no write
// can come between the guard and the product: writes before the guard are what it checks,
// writes after the product do not reach it unless a path leads back to the product without
// the guard. QImage's `width() * depth()` invariant turns a guard on an image's depth into a
// bound on its width (reduced from Qt's qbmphandler.cpp, see docs/real-world-results.md).

#include <QtCore/QDataStream>
#include <QtCore/QSize>
#include <QtGui/QImage>
#include <fstream>
#include <istream>

int readWidth();
void readInto(int *value);

// The image is assigned in every branch above the guard, and not after it.
qint64 bmpRowBytes(const QImage &img) {
  QImage image;
  switch (img.format()) {
  case QImage::Format_Mono:
  case QImage::Format_RGB32:
    image = img;
    break;
  default:
    image = img.convertToFormat(QImage::Format_RGB32);
    break;
  }
  qint64 rowBytes;
  if (image.depth() == 32)
    rowBytes = ((image.width() * 24 + 31) / 32) * 4;
  else
    rowBytes = image.width() * 3;
    // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: multiplication in 'int' can overflow before it is stored in the variable 'rowBytes' [pixmapcache-cost-overflow]
    // CHECK-MESSAGES: :[[@LINE-2]]:16: note: 'image.width()' is a size of an object already in memory (from 'img'), which times a factor of at most 16 cannot overflow
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: the 'int' result is widened to 'qint64' (aka 'long long') only here
    // CHECK-MESSAGES: :[[@LINE-4]]:16: note: widen the first operand to 'qint64' so that the whole product is computed in 'qint64'
    // CHECK-FIXES: rowBytes = static_cast<qint64>(image.width()) * 3;
  return rowBytes;
}

// Each side is checked before its product; the write after the product is checked again on
// the next iteration.
qint64 totalArea(const int *sides, int count, int height) {
  if (height < 0 || height > 4096)
    return 0;
  qint64 total = 0;
  for (int i = 0; i < count; ++i) {
    int side = sides[i];
    if (side < 0 || side > 4096)
      continue;
    total += side * height;
    side = 0;
  }
  return total;
}

// Written before the guard: the guard checks the new value.
qint64 clampedArea(int height) {
  int width = readWidth();
  width = qMax(width, 1);
  if (width > 8192 || height < 0 || height > 8192)
    return 0;
  return width * height;
}

// Written at the end of a loop that goes back through the guard.
qint64 tiledBytes(int first) {
  qint64 total = 0;
  int side = first;
  while (true) {
    if (side < 0 || side > 4096)
      break;
    total += side * side * 4;
    side = readWidth();
  }
  return total;
}

// Read from a stream, then checked: the stream keeps no reference to what it read into.
qint64 streamedArea(QDataStream &stream) {
  qint32 width, height;
  stream >> width >> height;
  if (width < 0 || height < 0 || width > 8192 || height > 8192)
    return 0;
  return width * height;
}

// Qt's own `operator>>(QDataStream &, QSize &)`.
qint64 streamedSize(QDataStream &stream) {
  QSize size;
  stream >> size;
  if (size.width() < 0 || size.height() < 0 || size.width() > 8192 || size.height() > 8192)
    return 0;
  return size.width() * size.height();
}

// A class derived from std::istream reads the same way.
qint64 fileArea(const char *path) {
  std::ifstream in(path);
  int width = 0, height = 0;
  in >> width >> height;
  if (width < 0 || height < 0 || width > 8192 || height > 8192)
    return 0;
  return width * height;
}

qint64 parsedArea(std::istream &in) {
  int width = 0, height = 0;
  in >> width >> height;
  if (width < 0 || height < 0 || width > 8192 || height > 8192)
    return 0;
  return width * height;
}

// Look-alikes that stay reported.

// Read again between the guard and the product.
qint64 streamedTwice(QDataStream &stream) {
  qint32 width, height;
  stream >> width >> height;
  if (width < 0 || height < 0 || width > 8192 || height > 8192)
    return 0;
  stream >> width;
  return width * height;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: multiplication in 'qint32' (aka 'int') can overflow before it is returned from 'streamedTwice' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: 'width' is read from a stream at line {{[0-9]+}}, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the 'qint32' (aka 'int') result is widened to 'qint64' (aka 'long long') only here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: widen the first operand to 'qint64' so that the whole product is computed in 'qint64'
  // CHECK-FIXES: return static_cast<qint64>(width) * height;
}

// A stream class of the application's own, derived from QDataStream, with its own operator.
struct CountingStream : QDataStream {
  CountingStream &operator>>(int &value);
};
qint64 countedArea(CountingStream &stream, int height) {
  int width = 0;
  stream >> width;
  if (width < 0 || width > 8192 || height < 0 || height > 8192)
    return 0;
  return width * height;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: multiplication in 'int' can overflow before it is returned from 'countedArea' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: 'width' is a constant
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the 'int' result is widened to 'qint64' (aka 'long long') only here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: widen the first operand to 'qint64' so that the whole product is computed in 'qint64'
  // CHECK-FIXES: return static_cast<qint64>(width) * height;
}

// A reader of the application's own may keep the reference it was given.
struct Reader {
  Reader &operator>>(int &value);
};
qint64 readerArea(Reader &reader, int height) {
  int width = 0;
  reader >> width;
  if (width < 0 || width > 8192 || height < 0 || height > 8192)
    return 0;
  return width * height;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: multiplication in 'int' can overflow before it is returned from 'readerArea' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: 'width' is a constant
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the 'int' result is widened to 'qint64' (aka 'long long') only here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: widen the first operand to 'qint64' so that the whole product is computed in 'qint64'
  // CHECK-FIXES: return static_cast<qint64>(width) * height;
}

// Written between the guard and the product.
qint64 rereadArea(int height) {
  int width = readWidth();
  if (width > 8192 || height < 0 || height > 8192)
    return 0;
  width = readWidth();
  return width * height;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: multiplication in 'int' can overflow before it is returned from 'rereadArea' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: 'width' comes from 'readWidth', which this translation unit does not define, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the 'int' result is widened to 'qint64' (aka 'long long') only here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: widen the first operand to 'qint64' so that the whole product is computed in 'qint64'
  // CHECK-FIXES: return static_cast<qint64>(width) * height;
}

// Written after the product, in a loop that comes back to it without the guard.
qint64 doublingBytes(int side) {
  if (side < 0 || side > 4096)
    return 0;
  qint64 total = 0;
  for (int level = 0; level < 20; ++level) {
    total += side * side * 4;
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: multiplication in 'int' can overflow before it is stored in the variable 'total' [pixmapcache-cost-overflow]
    // CHECK-MESSAGES: :[[@LINE-2]]:14: note: 'side' is a parameter of 'doublingBytes', which other translation units can call with any value, and no guard bounds it
    // CHECK-MESSAGES: :[[@LINE-3]]:21: note: 'side' is a parameter of 'doublingBytes', which other translation units can call with any value, and no guard bounds it
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: the 'int' result is widened to 'qint64' (aka 'long long') only here
    // CHECK-MESSAGES: :[[@LINE-5]]:14: note: widen the first operand to 'qint64' so that the whole product is computed in 'qint64'
    // CHECK-FIXES: total += static_cast<qint64>(side) * side * 4;
    side *= 2;
  }
  return total;
}

// An alias taken before the guard writes after it.
qint64 aliasedArea(int height) {
  int width = 0;
  int *alias = &width;
  readInto(alias);
  if (width > 8192 || height < 0 || height > 8192)
    return 0;
  *alias = readWidth();
  return width * height;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: multiplication in 'int' can overflow before it is returned from 'aliasedArea' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: 'width' comes from an expression the check does not follow
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the 'int' result is widened to 'qint64' (aka 'long long') only here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: widen the first operand to 'qint64' so that the whole product is computed in 'qint64'
  // CHECK-FIXES: return static_cast<qint64>(width) * height;
}

// The image is replaced between the depth guard and the product.
qint64 replacedImage(QImage image, const QImage &other) {
  if (image.depth() != 32)
    return 0;
  image = other;
  return image.width() * 24;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: multiplication in 'int' can overflow before it is returned from 'replacedImage' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: 'image.width()' comes from the parameter 'image' of 'replacedImage', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the 'int' result is widened to 'qint64' (aka 'long long') only here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: widen the first operand to 'qint64' so that the whole product is computed in 'qint64'
  // CHECK-FIXES: return static_cast<qint64>(image.width()) * 24;
}

// A non-const call may change the image's depth.
qint64 convertedImage(QImage image) {
  if (image.depth() != 32)
    return 0;
  image.convertTo(QImage::Format_Mono);
  return image.width() * 24;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: multiplication in 'int' can overflow before it is returned from 'convertedImage' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: 'image.width()' comes from the parameter 'image' of 'convertedImage', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the 'int' result is widened to 'qint64' (aka 'long long') only here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: widen the first operand to 'qint64' so that the whole product is computed in 'qint64'
  // CHECK-FIXES: return static_cast<qint64>(image.width()) * 24;
}
