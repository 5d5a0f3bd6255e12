// The range analysis alone, as it was before values were told apart by their origin and
// domain: products of values the program holds, and of any integer parameter, are reported
// too, so that what bounds a value (and what does not) shows in every case.
// RUN: %check_tidy %s pixmapcache-cost-overflow %t \
// RUN:   --config="{CheckOptions: {pixmapcache-cost-overflow.ReportUnknownOrigins: true, pixmapcache-cost-overflow.IntParametersAreDimensions: true}}" \
// RUN:   -- -std=c++17 %qt_flags
// RUN: %clangxx -std=c++17 -fsyntax-only %qt_flags %t.cpp

// Values assigned on every path before the product bound it: a local, or a field of a local
// struct, set to constants in the branches above (reduced from kimageformats' jxl.cpp, see
// docs/real-world-results.md). The look-alikes where something else may change the value on
// the way stay reported.

#include <QtCore/QByteArray>
#include <QtCore/QDataStream>
#include <cstddef>
#include <cstdint>

struct PixelFormat {
  std::uint32_t num_channels;
  int align;
};
void encode(const PixelFormat *format, std::size_t size);
void configure(PixelFormat *format);
int defaultChannels();

// 3 or 4 channels on both branches; other fields and a later escape do not matter.
std::size_t encodedSize(bool alpha, bool deep, std::size_t xsize, std::size_t ysize) {
  PixelFormat format;
  format.align = 0;
  if (alpha)
    format.num_channels = 4;
  else
    format.num_channels = 3;
  const std::size_t size =
      deep ? 2 * format.num_channels * xsize * ysize : format.num_channels * xsize * ysize;
  encode(&format, size);
  return size;
}

// The address escapes between the assignment and the product: the callee may change it.
std::size_t escapedBetween(std::size_t xsize) {
  PixelFormat format;
  format.num_channels = 4;
  configure(&format);
  return 2 * format.num_channels * xsize;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: multiplication in 'std::uint32_t' (aka 'unsigned int') can overflow before it is returned from 'escapedBetween' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:14: note: 'format.num_channels' is written by 'configure' at line [[#@LINE-3]], which this translation unit does not define, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the 'std::uint32_t' (aka 'unsigned int') result is widened to 'std::size_t' (aka 'unsigned long') only here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: widen the first operand to 'std::size_t' so that the whole product is computed in 'std::size_t'
  // CHECK-FIXES: {{^}}  return static_cast<std::size_t>(2) * format.num_channels * xsize;{{$}}
}

// An alias taken before the assignment writes through after it.
std::size_t escapedBefore(std::size_t xsize) {
  PixelFormat format;
  PixelFormat *alias = &format;
  format.num_channels = 4;
  alias->num_channels = 1u << 31;
  return 2 * format.num_channels * xsize;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: multiplication in 'std::uint32_t' (aka 'unsigned int') can overflow before it is returned from 'escapedBefore' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:14: note: 'format.num_channels' comes from an expression the check does not follow
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the 'std::uint32_t' (aka 'unsigned int') result is widened to 'std::size_t' (aka 'unsigned long') only here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: widen the first operand to 'std::size_t' so that the whole product is computed in 'std::size_t'
  // CHECK-FIXES: {{^}}  return static_cast<std::size_t>(2) * format.num_channels * xsize;{{$}}
}

// The whole struct is assigned after the field.
std::size_t reassignedWhole(std::size_t xsize, const PixelFormat &other) {
  PixelFormat format;
  format.num_channels = 4;
  format = other;
  return 2 * format.num_channels * xsize;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: multiplication in 'std::uint32_t' (aka 'unsigned int') can overflow before it is returned from 'reassignedWhole' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:14: note: 'format.num_channels' comes from the parameter 'other' of 'reassignedWhole', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the 'std::uint32_t' (aka 'unsigned int') result is widened to 'std::size_t' (aka 'unsigned long') only here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: widen the first operand to 'std::size_t' so that the whole product is computed in 'std::size_t'
  // CHECK-FIXES: {{^}}  return static_cast<std::size_t>(2) * format.num_channels * xsize;{{$}}
}

// A lambda may write it whenever it is called.
std::size_t writtenInLambda(std::size_t xsize) {
  PixelFormat format;
  auto widen = [&] { format.num_channels = 1u << 31; };
  format.num_channels = 4;
  widen();
  return 2 * format.num_channels * xsize;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: multiplication in 'std::uint32_t' (aka 'unsigned int') can overflow before it is returned from 'writtenInLambda' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:14: note: 'format.num_channels' is a constant
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the 'std::uint32_t' (aka 'unsigned int') result is widened to 'std::size_t' (aka 'unsigned long') only here
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: widen the first operand to 'std::size_t' so that the whole product is computed in 'std::size_t'
  // CHECK-FIXES: {{^}}  return static_cast<std::size_t>(2) * format.num_channels * xsize;{{$}}
}

// A local assigned 4 or 3, times a bounded width.
QByteArray row(bool alpha, int width) {
  if (width <= 0 || width > 8192)
    return {};
  int bytesPerPixel;
  if (alpha)
    bytesPerPixel = 4;
  else
    bytesPerPixel = 3;
  QByteArray data;
  data.resize(bytesPerPixel * width * 1024);
  return data;
}

// Its initialiser counts when no assignment follows.
QByteArray rowInitialised(bool alpha, int width) {
  if (width <= 0 || width > 8192)
    return {};
  const int bytesPerPixel = alpha ? 4 : 3;
  QByteArray data;
  data.resize(bytesPerPixel * width * 1024);
  return data;
}

// On one path it keeps an initial value nothing bounds.
QByteArray rowNotAlwaysAssigned(bool alpha, int width) {
  if (width <= 0 || width > 8192)
    return {};
  int bytesPerPixel = defaultChannels();
  if (alpha)
    bytesPerPixel = 4;
  QByteArray data;
  data.resize(bytesPerPixel * width * 1024);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: multiplication in 'int' can overflow before it is passed as the size to 'QByteArray::resize' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:15: note: 'bytesPerPixel' comes from 'defaultChannels', which this translation unit does not define, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-3]]:8: note: the 'int' result is widened to 'qsizetype' (aka 'long long') only here
  // CHECK-MESSAGES: :[[@LINE-4]]:15: note: widen the first operand to 'qsizetype' so that the whole product is computed in 'qsizetype'
  // CHECK-FIXES: {{^}}  data.resize(static_cast<qsizetype>(bytesPerPixel) * width * 1024);{{$}}
  return data;
}

// Updated from its old value after the assignment.
QByteArray rowScaled(int scale, int width) {
  if (width <= 0 || width > 8192)
    return {};
  int bytesPerPixel = 4;
  bytesPerPixel *= scale;
  QByteArray data;
  data.resize(bytesPerPixel * width * 1024);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: multiplication in 'int' can overflow before it is passed as the size to 'QByteArray::resize' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:15: note: 'bytesPerPixel' comes from the parameter 'scale' of 'rowScaled', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-3]]:8: note: the 'int' result is widened to 'qsizetype' (aka 'long long') only here
  // CHECK-MESSAGES: :[[@LINE-4]]:15: note: widen the first operand to 'qsizetype' so that the whole product is computed in 'qsizetype'
  // CHECK-FIXES: {{^}}  data.resize(static_cast<qsizetype>(bytesPerPixel) * width * 1024);{{$}}
  return data;
}

// Assigned in each iteration before the product.
QByteArray rows(bool alpha, int width, int count) {
  if (width <= 0 || width > 8192)
    return {};
  QByteArray data;
  for (int i = 0; i < count; ++i) {
    int bytesPerPixel;
    bytesPerPixel = alpha ? 4 : 3;
    data.append(QByteArray(bytesPerPixel * width * 1024, '\0'));
  }
  return data;
}

// Clamped by an `if` that assigns the limit: on one edge the limit is assigned, on the other
// the guard bounds the value (a header read from a stream, a caller's parameter).
QByteArray clampedHeader(QDataStream &in) {
  int width = 0, height = 0;
  in >> width >> height;
  if (width > 4096)
    width = 4096;
  if (height > 4096)
    height = 4096;
  if (width < 0 || height < 0)
    return {};
  return QByteArray(width * height * 4, '\0');
}
QByteArray clampedParameters(int width, int height) {
  if (width > 4096)
    width = 4096;
  height = qBound(0, height, 4096);
  if (width < 0)
    return {};
  return QByteArray(width * height * 4, '\0');
}

// The look-alikes: the limit assigned to the other value, a clamp that only raises, a clamp
// followed by an update.
QByteArray clampedTheOther(int width, int height) {
  if (width > 4096)
    height = 4096;
  return QByteArray(width * height * 4, '\0');
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: multiplication in 'int' can overflow before it is passed as the size to 'QByteArray::QByteArray' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:21: note: 'width' is a parameter of 'clampedTheOther', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-3]]:29: note: 'height' is a parameter of 'clampedTheOther', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: the 'int' result is widened to 'qsizetype' (aka 'long long') only here
  // CHECK-MESSAGES: :[[@LINE-5]]:21: note: widen the first operand to 'qsizetype' so that the whole product is computed in 'qsizetype'
  // CHECK-FIXES: {{^}}  return QByteArray(static_cast<qsizetype>(width) * height * 4, '\0');{{$}}
}
QByteArray raisedOnly(int width) {
  if (width < 16)
    width = 16;
  return QByteArray(width * width, '\0');
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: multiplication in 'int' can overflow before it is passed as the size to 'QByteArray::QByteArray' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:21: note: 'width' is a parameter of 'raisedOnly', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-3]]:29: note: 'width' is a parameter of 'raisedOnly', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: the 'int' result is widened to 'qsizetype' (aka 'long long') only here
  // CHECK-MESSAGES: :[[@LINE-5]]:21: note: widen the first operand to 'qsizetype' so that the whole product is computed in 'qsizetype'
  // CHECK-FIXES: {{^}}  return QByteArray(static_cast<qsizetype>(width) * width, '\0');{{$}}
}
QByteArray clampedThenGrown(int width, int border) {
  if (width > 4096)
    width = 4096;
  if (width < 0)
    return {};
  width += border;
  return QByteArray(width * width, '\0');
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: multiplication in 'int' can overflow before it is passed as the size to 'QByteArray::QByteArray' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:21: note: 'width' is a parameter of 'clampedThenGrown', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-3]]:29: note: 'width' is a parameter of 'clampedThenGrown', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: the 'int' result is widened to 'qsizetype' (aka 'long long') only here
  // CHECK-MESSAGES: :[[@LINE-5]]:21: note: widen the first operand to 'qsizetype' so that the whole product is computed in 'qsizetype'
  // CHECK-FIXES: {{^}}  return QByteArray(static_cast<qsizetype>(width) * width, '\0');{{$}}
}
