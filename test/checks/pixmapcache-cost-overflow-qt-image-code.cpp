// RUN: %check_tidy %s pixmapcache-cost-overflow %t -- -std=c++17 %qt_flags
// RUN: %clangxx -std=c++17 -fsyntax-only %qt_flags %s

// Reduced from Qt 6.4.2's own image code (tools/corpus.sh, docs/real-world-results.md).

#include <QtCore/QByteArray>
#include <QtGui/QImage>

// qbmphandler.cpp: the bits of one row of an image. QImage refuses widths where
// width * depth + 31 exceeds INT_MAX, so this cannot overflow.
qsizetype rowBytes(const QImage &image) {
  qsizetype bpl = ((image.width() * image.depth() + 31) >> 5) << 2;
  return bpl;
}

qsizetype rowBytesThroughPointer(const QImage *image) {
  const qsizetype bits = image->depth() * image->width();
  return bits;
}

class Frame : public QImage {
public:
  qsizetype rowBits() const { return qsizetype(width() * depth()); }
};

// The same accessors on two images prove nothing.
qsizetype mixedRowBits(const QImage &a, const QImage &b) {
  const qsizetype bits = a.width() * b.depth();
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: multiplication in 'int' can overflow before it is stored in the variable 'bits' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:26: note: 'a.width()' comes from the parameter 'a' of 'mixedRowBits', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-3]]:19: note: the 'int' result is widened to 'const qsizetype' (aka 'const long long') only here
  // CHECK-MESSAGES: :[[@LINE-4]]:26: note: widen the first operand to 'qsizetype' so that the whole product is computed in 'qsizetype'
  // CHECK-FIXES: const qsizetype bits = static_cast<qsizetype>(a.width()) * b.depth();
  return bits;
}

// qpdf.cpp: width * height is not bounded by QImage; a 50000 x 50000 image overflows it.
QByteArray grayData(const QImage &image) {
  QByteArray data;
  data.resize(image.width() * image.height());
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: multiplication in 'int' can overflow before it is passed as the size to 'QByteArray::resize' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:15: note: 'image.width()' comes from the parameter 'image' of 'grayData', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'image.height()' comes from the parameter 'image' of 'grayData', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-4]]:8: note: the 'int' result is widened to 'qsizetype' (aka 'long long') only here
  // CHECK-MESSAGES: :[[@LINE-5]]:15: note: widen the first operand to 'qsizetype' so that the whole product is computed in 'qsizetype'
  // CHECK-FIXES: data.resize(static_cast<qsizetype>(image.width()) * image.height());
  return data;
}
