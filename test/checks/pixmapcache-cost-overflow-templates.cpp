// Products in templates: one that does not depend on the template parameters is checked in
// the definition, with a fix-it; one that does is checked in each instantiation, reported
// once, where an instantiation makes it overflow, with a note at the instantiation and no
// fix-it (another instantiation may need another type).
// RUN: %check_tidy %s pixmapcache-cost-overflow %t -- -std=c++17 %qt_flags
// RUN: %clangxx -std=c++17 -fsyntax-only %qt_flags %t.cpp

#include <QtCore/QList>
#include <QtCore/QtGlobal>

struct Frame {
  int width() const;
  int height() const;
};
struct SmallFrame {
  quint8 width() const;
  quint8 height() const;
};
struct BigFrame {
  qint64 width() const;
  qint64 height() const;
};

// Dependent: each instantiation decides. Frame's int sizes overflow; SmallFrame's cannot;
// BigFrame's are computed in 64 bits.
template <class Image> qsizetype bytesOf(const Image &image) {
  return image.width() * image.height() * 4;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: multiplication in 'int' can overflow before it is returned from 'bytesOf' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE+6]]:51: note: in the instantiation 'bytesOf<Frame>' here
  // CHECK-MESSAGES: :[[@LINE-3]]:10: note: 'image.width()' comes from the parameter 'image' of 'bytesOf', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-4]]:26: note: 'image.height()' comes from the parameter 'image' of 'bytesOf', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-5]]:3: note: the 'int' result is widened to 'qsizetype' (aka 'long long') only here
  // CHECK-MESSAGES: :[[@LINE-6]]:10: note: widen the first operand to 'qsizetype' so that the whole product is computed in 'qsizetype'
}
qsizetype frameBytes(const Frame &frame) { return bytesOf(frame); }
qsizetype smallFrameBytes(const SmallFrame &frame) { return bytesOf(frame); }
qsizetype bigFrameBytes(const BigFrame &frame) { return bytesOf(frame); }
// A second instantiation that overflows: still one warning.
struct OtherFrame : Frame {};
qsizetype otherFrameBytes(const OtherFrame &frame) { return bytesOf(frame); }

// Dependent on a type parameter used for the sizes themselves.
template <class Size> QList<char> pixels(Size width, Size height) {
  return QList<char>(width * height);
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: multiplication in 'int' can overflow before it is passed as the size to 'QList<char>::QList' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE+7]]:55: note: in the instantiation 'pixels<int>' here
  // CHECK-MESSAGES: :[[@LINE-3]]:22: note: 'width' is a parameter of 'pixels', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-4]]:30: note: 'height' is a parameter of 'pixels', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-5]]:10: note: the 'int' result is widened to 'qsizetype' (aka 'long long') only here
  // CHECK-MESSAGES: :[[@LINE-6]]:22: note: widen the first operand to 'qsizetype' so that the whole product is computed in 'qsizetype'
}
QList<char> bytePixels(quint8 width, quint8 height) { return pixels(width, height); }
QList<char> intPixels(int width, int height) { return pixels(width, height); }

// Not dependent: checked in the definition, with a fix-it, whatever the instantiations.
template <class Tag> qsizetype taggedBytes(int width, int height) { return width * height * 4; }
// CHECK-MESSAGES: :[[@LINE-1]]:76: warning: multiplication in 'int' can overflow before it is returned from 'taggedBytes' [pixmapcache-cost-overflow]
// CHECK-MESSAGES: :[[@LINE-2]]:76: note: 'width' is a parameter of 'taggedBytes', which other translation units can call with any value, and no guard bounds it
// CHECK-MESSAGES: :[[@LINE-3]]:84: note: 'height' is a parameter of 'taggedBytes', which other translation units can call with any value, and no guard bounds it
// CHECK-MESSAGES: :[[@LINE-4]]:69: note: the 'int' result is widened to 'qsizetype' (aka 'long long') only here
// CHECK-MESSAGES: :[[@LINE-5]]:76: note: widen the first operand to 'qsizetype' so that the whole product is computed in 'qsizetype'
// CHECK-FIXES: {{^}}template <class Tag> qsizetype taggedBytes(int width, int height) { return static_cast<qsizetype>(width) * height * 4; }{{$}}
qsizetype tagged(int width, int height) { return taggedBytes<char>(width, height); }

// A member of a class template that only this file defines: its callers are all here, and
// what they pass is the program's (as for any class only this file defines).
template <class Image> struct Cache {
  qsizetype costOf(const Image &image) const { return image.width() * image.height(); }
};
qsizetype frameCost(const Cache<Frame> &cache, const Frame &frame) {
  return cache.costOf(frame);
}

// Never instantiated: nothing to say.
template <class Image> qsizetype unusedBytes(const Image &image) {
  return image.width() * image.height() * 4;
}
