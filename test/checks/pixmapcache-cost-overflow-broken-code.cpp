// Half-typed code: no crash, no finding built on what clang had to drop, and the intact
// function is still analysed.
// RUN: not %clang_tidy --load=%plugin --checks='-*,pixmapcache-cost-overflow' %s -- -std=c++17 %qt_flags 2>&1 | FileCheck %s --implicit-check-not='warning:'
// RUN: not %clang_tidy --load=%plugin --checks='-*,pixmapcache-cost-overflow' \
// RUN:   --config="{CheckOptions: {pixmapcache-cost-overflow.ReportUnknownOrigins: true}}" %s -- \
// RUN:   -std=c++17 %qt_flags 2>&1 | FileCheck %s --check-prefixes=CHECK,UNKNOWN --implicit-check-not='warning:'

#include <QtGui/QPixmap>

// `depth()` half typed: the last operand is an error, and the product's parent a call with
// no callee. The truncation sweep found this crash (seed 2, a cut inside `depth`).
qint64 memberHalfTyped(const QPixmap &pixmap) {
  return pixmap.width() * pixmap.height() * pixmap.d;
}

qint64 unknownOperand(const QPixmap &pixmap) {
  return pixmap.width() * pixmap.height() * undeclaredDepth;
}

// A function only this unit can call, whose callers are half typed: an argument or a call
// that clang had to drop bounds nothing, and says nothing of where the values come from:
// the product is reported only with ReportUnknownOrigins.
static qint64 helperArea(int width, int height) { return width * height; }
// UNKNOWN: :[[@LINE-1]]:58: warning: multiplication in 'int' can overflow before it is returned from 'helperArea' [pixmapcache-cost-overflow]
qint64 halfTypedArgument() { return helperArea(64, undeclaredHeight); }
qint64 missingArgument() { return helperArea(64); }
qint64 typedCaller() { return helperArea(64, 64); }

qint64 intact(const QPixmap &pixmap) {
  return pixmap.width() * pixmap.height() * pixmap.depth() / 8;
}
// CHECK: :[[@LINE-2]]:10: warning: multiplication in 'int' can overflow before it is returned from 'intact' [pixmapcache-cost-overflow]

qint64 unterminated(const QPixmap &pixmap) {
  return pixmap.width() * pixmap.height() * pixmap.d
