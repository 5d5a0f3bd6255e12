// Where the operands of a product come from decides whether the check reports it (default
// configuration): values from outside the program (an exported function's parameters, a
// stream, a library) are reported; values the program holds (members, globals, parameters of
// functions whose callers all live in this file) are not, unless a caller passes one in from
// outside.
// RUN: %check_tidy %s pixmapcache-cost-overflow %t -- -std=c++17 %qt_flags -I%S
// RUN: %clangxx -std=c++17 -fsyntax-only %qt_flags -I%pxc_include -I%S %t.cpp

#include <QtCore/QDataStream>
#include <QtCore/QIODevice>
#include <QtCore/QList>
#include <QtGui/QImage>

#include <cstdio>
#include <cstring>

#include "Inputs/cost-overflow/document.h"

// ---------------------------------------------------------------------------------------
// From outside: reported.
// ---------------------------------------------------------------------------------------

// A parameter of a function that other units can call.
long long exportedArea(int width, int height) { return width * height; }
// CHECK-MESSAGES: :[[@LINE-1]]:56: warning: multiplication in 'int' can overflow before it is returned from 'exportedArea' [pixmapcache-cost-overflow]
// CHECK-MESSAGES: :[[@LINE-2]]:56: note: 'width' is a parameter of 'exportedArea', which other translation units can call with any value, and no guard bounds it
// CHECK-MESSAGES: :[[@LINE-3]]:64: note: 'height' is a parameter of 'exportedArea', which other translation units can call with any value, and no guard bounds it
// CHECK-MESSAGES: :[[@LINE-4]]:49: note: the 'int' result is widened to 'long long' only here
// CHECK-MESSAGES: :[[@LINE-5]]:56: note: widen the first operand to 'long long' so that the whole product is computed in 'long long'
// CHECK-FIXES: {{^}}long long exportedArea(int width, int height) { return static_cast<long long>(width) * height; }{{$}}

// A header read from a stream: the file decides.
QList<char> readPixels(QDataStream &in) {
  int width = 0, height = 0;
  in >> width >> height;
  return QList<char>(width * height * 4);
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: multiplication in 'int' can overflow before it is passed as the size to 'QList<char>::QList' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:22: note: 'width' is read from a stream at line [[#@LINE-3]], and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-3]]:30: note: 'height' is read from a stream at line [[#@LINE-4]], and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: the 'int' result is widened to 'qsizetype' (aka 'long long') only here
  // CHECK-MESSAGES: :[[@LINE-5]]:22: note: widen the first operand to 'qsizetype' so that the whole product is computed in 'qsizetype'
  // CHECK-FIXES: {{^}}  return QList<char>(static_cast<qsizetype>(width) * height * 4);{{$}}
}

// The result of a library function that reads data of its own.
extern "C" int decoder_row_count(const char *data);
extern "C" int decoder_row_width(const char *data);
void *rowsOf(const char *data) {
  return malloc(decoder_row_count(data) * decoder_row_width(data));
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: multiplication in 'int' can overflow before it is passed as the size to 'malloc' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:17: note: 'decoder_row_count(data)' comes from 'decoder_row_count', which this translation unit does not define, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-3]]:43: note: 'decoder_row_width(data)' comes from 'decoder_row_width', which this translation unit does not define, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: the 'int' result is widened to 'size_t' (aka 'unsigned long') only here
  // CHECK-MESSAGES: :[[@LINE-5]]:17: note: widen the first operand to 'size_t' so that the whole product is computed in 'size_t'
  // CHECK-FIXES: {{^}}  return malloc(static_cast<size_t>(decoder_row_count(data)) * decoder_row_width(data));{{$}}
}

// Copy lengths: memcpy, fread, QIODevice::read, QDataStream::readRawData.
void copyRows(char *to, const char *from, int rows, int bytesPerLine) {
  memcpy(to, from, rows * bytesPerLine);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: multiplication in 'int' can overflow before it is passed as the length to 'memcpy' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:20: note: 'rows' is a parameter of 'copyRows', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-3]]:27: note: 'bytesPerLine' is a parameter of 'copyRows', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: the 'int' result is widened to 'size_t' (aka 'unsigned long') only here
  // CHECK-MESSAGES: :[[@LINE-5]]:20: note: widen the first operand to 'size_t' so that the whole product is computed in 'size_t'
  // CHECK-FIXES: {{^}}  memcpy(to, from, static_cast<size_t>(rows) * bytesPerLine);{{$}}
}
size_t readRows(char *to, FILE *file, int rows, int bytesPerLine) {
  return fread(to, 1, rows * bytesPerLine, file);
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: multiplication in 'int' can overflow before it is passed as the length to 'fread' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:23: note: 'rows' is a parameter of 'readRows', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-3]]:30: note: 'bytesPerLine' is a parameter of 'readRows', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: the 'int' result is widened to 'size_t' (aka 'unsigned long') only here
  // CHECK-MESSAGES: :[[@LINE-5]]:23: note: widen the first operand to 'size_t' so that the whole product is computed in 'size_t'
  // CHECK-FIXES: {{^}}  return fread(to, 1, static_cast<size_t>(rows) * bytesPerLine, file);{{$}}
}
QByteArray readRows(QIODevice &device, int rows, int bytesPerLine) {
  return device.read(rows * bytesPerLine);
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: multiplication in 'int' can overflow before it is passed as the length to 'QIODevice::read' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:22: note: 'rows' is a parameter of 'readRows', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-3]]:29: note: 'bytesPerLine' is a parameter of 'readRows', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-4]]:17: note: the 'int' result is widened to 'qint64' (aka 'long long') only here
  // CHECK-MESSAGES: :[[@LINE-5]]:22: note: widen the first operand to 'qint64' so that the whole product is computed in 'qint64'
  // CHECK-FIXES: {{^}}  return device.read(static_cast<qint64>(rows) * bytesPerLine);{{$}}
}
int readRows(QDataStream &in, char *to, int rows, int bytesPerLine) {
  return in.readRawData(to, rows * bytesPerLine);
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: multiplication in 'int' can overflow before it is passed as the length to 'QDataStream::readRawData' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:29: note: 'rows' is a parameter of 'readRows', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-3]]:36: note: 'bytesPerLine' is a parameter of 'readRows', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: the result becomes a length here, where a wrapped value is as wrong as a truncated one
  // CHECK-MESSAGES: :[[@LINE-5]]:29: note: compute the product in a 64-bit type and clamp it to the range of 'int'
}

// QImage over a caller's buffer: the bytes per line are wider than the product.
QImage wrap(uchar *data, int width, int height, int depth) {
  return QImage(data, width, height, width * depth, QImage::Format_ARGB32);
  // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: multiplication in 'int' can overflow before it is passed as the size to 'QImage::QImage' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:38: note: 'width' is a parameter of 'wrap', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-3]]:46: note: 'depth' is a parameter of 'wrap', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: the 'int' result is widened to 'qsizetype' (aka 'long long') only here
  // CHECK-MESSAGES: :[[@LINE-5]]:38: note: widen the first operand to 'qsizetype' so that the whole product is computed in 'qsizetype'
  // CHECK-FIXES: {{^}}  return QImage(data, width, height, static_cast<qsizetype>(width) * depth, QImage::Format_ARGB32);{{$}}
}

// A plain integer parameter times a small factor: not an object's size, reported.
long long doubledWidth(int width) { return width * 2; }
// CHECK-MESSAGES: :[[@LINE-1]]:44: warning: multiplication in 'int' can overflow before it is returned from 'doubledWidth' [pixmapcache-cost-overflow]
// CHECK-MESSAGES: :[[@LINE-2]]:44: note: 'width' is a parameter of 'doubledWidth', which other translation units can call with any value, and no guard bounds it
// CHECK-MESSAGES: :[[@LINE-3]]:37: note: the 'int' result is widened to 'long long' only here
// CHECK-MESSAGES: :[[@LINE-4]]:44: note: widen the first operand to 'long long' so that the whole product is computed in 'long long'
// CHECK-FIXES: {{^}}long long doubledWidth(int width) { return static_cast<long long>(width) * 2; }{{$}}

// A field of a plain struct is only a number that the struct carries.
struct Header {
  int width;
  int height;
};
long long pixelBytes(const Header &header) { return header.width * 4; }
// CHECK-MESSAGES: :[[@LINE-1]]:53: warning: multiplication in 'int' can overflow before it is returned from 'pixelBytes' [pixmapcache-cost-overflow]
// CHECK-MESSAGES: :[[@LINE-2]]:53: note: 'header.width' comes from the parameter 'header' of 'pixelBytes', which other translation units can call with any value, and no guard bounds it
// CHECK-MESSAGES: :[[@LINE-3]]:46: note: the 'int' result is widened to 'long long' only here
// CHECK-MESSAGES: :[[@LINE-4]]:53: note: widen the first operand to 'long long' so that the whole product is computed in 'long long'
// CHECK-FIXES: {{^}}long long pixelBytes(const Header &header) { return static_cast<long long>(header.width) * 4; }{{$}}

// A static function called with values from outside: its callers pass them in.
static long long bytesFor(int w, int h) { return w * h * 4; }
// CHECK-MESSAGES: :[[@LINE-1]]:50: warning: multiplication in 'int' can overflow before it is returned from 'bytesFor' [pixmapcache-cost-overflow]
// CHECK-MESSAGES: :[[@LINE-2]]:50: note: 'w' comes from the parameter 'requestWidth' of 'sizeOfRequest', which other translation units can call with any value, and no guard bounds it
// CHECK-MESSAGES: :[[@LINE-3]]:54: note: 'h' comes from the parameter 'requestHeight' of 'sizeOfRequest', which other translation units can call with any value, and no guard bounds it
// CHECK-MESSAGES: :[[@LINE-4]]:43: note: the 'int' result is widened to 'long long' only here
// CHECK-MESSAGES: :[[@LINE-5]]:50: note: widen the first operand to 'long long' so that the whole product is computed in 'long long'
// CHECK-FIXES: {{^}}static long long bytesFor(int w, int h) { return static_cast<long long>(w) * h * 4; }{{$}}
long long sizeOfRequest(int requestWidth, int requestHeight) {
  return bytesFor(requestWidth, requestHeight);
}

// An inline function that only this file declares is called only here: the same.
inline long long inlineBytes(int w, int h) { return w * h * 4; }
// CHECK-MESSAGES: :[[@LINE-1]]:53: warning: multiplication in 'int' can overflow before it is returned from 'inlineBytes' [pixmapcache-cost-overflow]
// CHECK-MESSAGES: :[[@LINE-2]]:53: note: 'w' comes from the parameter 'requestWidth' of 'inlineRequest', which other translation units can call with any value, and no guard bounds it
// CHECK-MESSAGES: :[[@LINE-3]]:57: note: 'h' comes from the parameter 'requestHeight' of 'inlineRequest', which other translation units can call with any value, and no guard bounds it
// CHECK-MESSAGES: :[[@LINE-4]]:46: note: the 'int' result is widened to 'long long' only here
// CHECK-MESSAGES: :[[@LINE-5]]:53: note: widen the first operand to 'long long' so that the whole product is computed in 'long long'
// CHECK-FIXES: {{^}}inline long long inlineBytes(int w, int h) { return static_cast<long long>(w) * h * 4; }{{$}}
long long inlineRequest(int requestWidth, int requestHeight) {
  return inlineBytes(requestWidth, requestHeight);
}

// ---------------------------------------------------------------------------------------
// Held by the program: not reported.
// ---------------------------------------------------------------------------------------

// Members, set elsewhere by the program.
class Canvas {
public:
  long long bytes() const { return m_width * m_height * 4; }
  long long rowBytes() const { return width() * 4; }
  int width() const { return m_width; }

private:
  int m_width = 0;
  int m_height = 0;
};

// A global.
int g_tileWidth = 256;
long long tileBytes() { return g_tileWidth * g_tileWidth * 4; }

// A class that only this file defines: its callers are all here.
namespace {
class Tiler {
public:
  long long bytes(int width, int height) const { return width * height * 4; }
};
} // namespace

// A private class that a header declares and this file defines.
class Document::Private {
public:
  long long bytes(int width, int height) const { return width * height * 4; }
};

// A static function whose address is taken: its callers cannot all be seen.
static long long bytesByPointer(int width, int height) { return width * height * 4; }
long long (*const bytesFunction)(int, int) = &bytesByPointer;

// A static function called with the program's own values.
static long long tileArea(int w, int h) { return w * h; }
long long defaultTileArea() { return tileArea(256, 256); }

// A pointer that qobject_cast finds from the object's own parent: an object the program
// holds.
class View : public QObject {
  Q_OBJECT

public:
  int visibleRows() const;
  int rowHeight() const;
};
class ScrollBar : public QObject {
public:
  long long pixelsOfView() const;
};
long long ScrollBar::pixelsOfView() const {
  const View *view = qobject_cast<const View *>(parent());
  return view->visibleRows() * view->rowHeight();
}

// An exported function's parameter that is not a size: a timeout is not a dimension.
long long timeoutMs(int timeoutSeconds) { return timeoutSeconds * 1000; }

// The size of an object already in memory, times a small factor, cannot overflow.
long long doubledImageWidth(const QImage &image) { return image.width() * 2; }
long long bytesPerPixelRow(const QImage &image) { return image.width() * (image.depth() / 8); }
