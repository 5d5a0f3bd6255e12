// The range analysis alone, as it was before values were told apart by their origin and
// domain: products of values the program holds, and of any integer parameter, are reported
// too, so that what bounds a value (and what does not) shows in every case.
// RUN: %check_tidy %s pixmapcache-cost-overflow %t \
// RUN:   --config="{CheckOptions: {pixmapcache-cost-overflow.ReportUnknownOrigins: true, pixmapcache-cost-overflow.IntParametersAreDimensions: true}}" \
// RUN:   -- -std=c++17 %qt_flags
// RUN: %clangxx -std=c++17 -fsyntax-only %qt_flags %t.cpp

// A parameter of a function that only its unit can call (static, or in an unnamed namespace)
// has the values its callers pass: reduced from Qt's qimagescale.cpp, where every caller
// passes `xapoints[x] >> 16` (see docs/real-world-results.md). The look-alikes where some
// caller may pass anything stay reported.

#include <QtGui/QRgba64>

// First in the file, so that the first question is about `paddedRow`: `scaledRow` is declared
// before it and defined after it, and its caller that passes anything sits between the two.
static qint64 scaledRow(int width);
qint64 anyScaledRow(int width) { return scaledRow(width); }
static qint64 paddedRow(int width) { return width * 4; }
qint64 smallPaddedRow() { return paddedRow(64); }
static qint64 scaledRow(int width) { return width * 8; }
// CHECK-MESSAGES: :[[@LINE-1]]:45: warning: multiplication in 'int' can overflow before it is returned from 'scaledRow' [pixmapcache-cost-overflow]
// CHECK-MESSAGES: :[[@LINE-2]]:45: note: 'width' comes from the parameter 'width' of 'anyScaledRow', which other translation units can call with any value, and no guard bounds it
// CHECK-MESSAGES: :[[@LINE-3]]:38: note: the 'int' result is widened to 'qint64' (aka 'long long') only here
// CHECK-MESSAGES: :[[@LINE-4]]:45: note: widen the first operand to 'qint64' so that the whole product is computed in 'qint64'
// CHECK-FIXES: static qint64 scaledRow(int width) { return static_cast<qint64>(width) * 8; }
qint64 iconScaledRow() { return scaledRow(64); }

// `Cxy` is at most 32767 in every caller: a 16-bit channel times it fits in 'int'. `xyap` is
// at most 65535, and 65535 * 65535 does not fit.
static inline void weigh(const QRgba64 *pix, int xyap, int Cxy, qint64 &r, qint64 &g) {
  r = pix->red() * xyap;
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: multiplication in 'int' can overflow before it is stored in the variable 'r' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:7: note: 'pix->red()' comes from the parameter 'src' of 'scaleRow', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-3]]:20: note: 'xyap' comes from the parameter 'xapoints' of 'scaleRow', which other translation units can call with any value, and the guards before the product let it reach 65535
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: the 'int' result is widened to 'qint64' (aka 'long long') only here
  // CHECK-MESSAGES: :[[@LINE-5]]:7: note: widen the first operand to 'qint64' so that the whole product is computed in 'qint64'
  // CHECK-FIXES: r = static_cast<qint64>(pix->red()) * xyap;
  g = pix->green() * Cxy;
}

void scaleRow(const QRgba64 *src, const int *xapoints, int dw, qint64 *out) {
  auto section = [&](int start, int end) {
    for (int x = start; x < end; ++x) {
      int Cx = xapoints[x] >> 16;
      int xap = xapoints[x] & 0xffff;
      qint64 r, g;
      weigh(src + x, xap, Cx, r, g);
      out[x] = r + g;
    }
  };
  section(0, dw);
}

void scaleColumn(const QRgba64 *src, const int *yapoints, int dh, qint64 *out) {
  for (int y = 0; y < dh; ++y) {
    qint64 r, g;
    weigh(src + y, yapoints[y] & 0xffff, yapoints[y] >> 16, r, g);
    out[y] = r + g;
  }
}

// The callers' guards bound the parameters.
static qint64 areaOf(int width, int height) { return width * height; }

qint64 thumbnailArea(int width, int height) {
  if (width <= 0 || height <= 0 || width > 4096 || height > 4096)
    return 0;
  return areaOf(width, height);
}

qint64 iconArea() { return areaOf(64, 64); }

// Two calls deep, in an unnamed namespace.
namespace {
qint64 tileBytes(int side) { return side * side * 4; }
qint64 tileCost(int side) { return tileBytes(side); }
} // namespace

qint64 smallTiles() { return tileCost(256) + tileCost(512); }

// Other units may call a function with external linkage.
qint64 publicArea(int width, int height) { return width * height; }
// CHECK-MESSAGES: :[[@LINE-1]]:51: warning: multiplication in 'int' can overflow before it is returned from 'publicArea' [pixmapcache-cost-overflow]
// CHECK-MESSAGES: :[[@LINE-2]]:51: note: 'width' is a parameter of 'publicArea', which other translation units can call with any value, and no guard bounds it
// CHECK-MESSAGES: :[[@LINE-3]]:59: note: 'height' is a parameter of 'publicArea', which other translation units can call with any value, and no guard bounds it
// CHECK-MESSAGES: :[[@LINE-4]]:44: note: the 'int' result is widened to 'qint64' (aka 'long long') only here
// CHECK-MESSAGES: :[[@LINE-5]]:51: note: widen the first operand to 'qint64' so that the whole product is computed in 'qint64'
// CHECK-FIXES: qint64 publicArea(int width, int height) { return static_cast<qint64>(width) * height; }

qint64 publicIcon() { return publicArea(64, 64); }

// A pointer to the function may be called with anything.
static qint64 areaThroughPointer(int width, int height) { return width * height; }
// CHECK-MESSAGES: :[[@LINE-1]]:66: warning: multiplication in 'int' can overflow before it is returned from 'areaThroughPointer' [pixmapcache-cost-overflow]
// CHECK-MESSAGES: :[[@LINE-2]]:66: note: 'width' is a parameter whose callers the check cannot all see
// CHECK-MESSAGES: :[[@LINE-3]]:74: note: 'height' is a parameter whose callers the check cannot all see
// CHECK-MESSAGES: :[[@LINE-4]]:59: note: the 'int' result is widened to 'qint64' (aka 'long long') only here
// CHECK-MESSAGES: :[[@LINE-5]]:66: note: widen the first operand to 'qint64' so that the whole product is computed in 'qint64'
// CHECK-FIXES: static qint64 areaThroughPointer(int width, int height) { return static_cast<qint64>(width) * height; }

qint64 (*const areaFunction)(int, int) = &areaThroughPointer;

qint64 pointerIcon() { return areaThroughPointer(64, 64); }

// One caller passes a value that nothing bounds.
static qint64 rowBytes(int width) { return width * 4; }
// CHECK-MESSAGES: :[[@LINE-1]]:44: warning: multiplication in 'int' can overflow before it is returned from 'rowBytes' [pixmapcache-cost-overflow]
// CHECK-MESSAGES: :[[@LINE-2]]:44: note: 'width' comes from the parameter 'width' of 'anyRow', which other translation units can call with any value, and no guard bounds it
// CHECK-MESSAGES: :[[@LINE-3]]:37: note: the 'int' result is widened to 'qint64' (aka 'long long') only here
// CHECK-MESSAGES: :[[@LINE-4]]:44: note: widen the first operand to 'qint64' so that the whole product is computed in 'qint64'
// CHECK-FIXES: static qint64 rowBytes(int width) { return static_cast<qint64>(width) * 4; }

qint64 iconRow() { return rowBytes(64); }
qint64 anyRow(int width) { return rowBytes(width); }

// The parameter is changed before the product: the callers' values do not reach it.
int scaledSide();
static qint64 squareOf(int side) {
  side = scaledSide();
  return side * side;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: multiplication in 'int' can overflow before it is returned from 'squareOf' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: 'side' is a constant
  // CHECK-MESSAGES: :[[@LINE-3]]:17: note: 'side' is a constant
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: the 'int' result is widened to 'qint64' (aka 'long long') only here
  // CHECK-MESSAGES: :[[@LINE-5]]:10: note: widen the first operand to 'qint64' so that the whole product is computed in 'qint64'
  // CHECK-FIXES: return static_cast<qint64>(side) * side;
}

qint64 squareIcon() { return squareOf(64); }

// Each level doubles the side, as often as the caller says.
static qint64 pyramidBase(int side, int levels) {
  if (levels == 0)
    return side * side;
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: multiplication in 'int' can overflow before it is returned from 'pyramidBase' [pixmapcache-cost-overflow]
    // CHECK-MESSAGES: :[[@LINE-2]]:12: note: 'side' is a constant
    // CHECK-MESSAGES: :[[@LINE-3]]:19: note: 'side' is a constant
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: the 'int' result is widened to 'qint64' (aka 'long long') only here
    // CHECK-MESSAGES: :[[@LINE-5]]:12: note: widen the first operand to 'qint64' so that the whole product is computed in 'qint64'
    // CHECK-FIXES: return static_cast<qint64>(side) * side;
  return pyramidBase(side * 2, levels - 1);
}

qint64 pyramidOf(int levels) { return pyramidBase(256, levels); }
