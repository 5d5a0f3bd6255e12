// Defaults: an integer parameter is a dimension only by its name or its callers, 16-bit
// operands are not considered, only the built-in sinks count, and only values from outside.
// RUN: %check_tidy %s pixmapcache-cost-overflow %t-default -- -std=c++17

// SinkFunctions adds sinks; IntParametersAreDimensions=true makes every integer parameter a
// dimension; MinimumProductWidth=16 considers 16-bit products; ReportUnknownOrigins=true
// reports values the program holds too.
// RUN: %check_tidy --check-suffixes=OPTIONS %s pixmapcache-cost-overflow %t-options \
// RUN:   --config="{CheckOptions: {pixmapcache-cost-overflow.SinkFunctions: '::ThumbnailCache::put:2;reserveBytes:0', pixmapcache-cost-overflow.IntParametersAreDimensions: true, pixmapcache-cost-overflow.MinimumProductWidth: 16, pixmapcache-cost-overflow.ReportUnknownOrigins: true}}" \
// RUN:   -- -std=c++17
// RUN: %clangxx -std=c++17 -fsyntax-only %t-options.cpp

// The options are reported back as configured.
// RUN: %clang_tidy --load=%plugin --checks='-*,pixmapcache-*' --dump-config \
// RUN:   --config="{CheckOptions: {pixmapcache-cost-overflow.SinkFunctions: '::ThumbnailCache::put:2;reserveBytes:0', pixmapcache-cost-overflow.IntParametersAreDimensions: true, pixmapcache-cost-overflow.MinimumProductWidth: 16, pixmapcache-cost-overflow.ReportUnknownOrigins: true}}" \
// RUN:   %s -- | FileCheck --check-prefix=DUMP %s
// DUMP-DAG: pixmapcache-cost-overflow.SinkFunctions: '::ThumbnailCache::put:2;reserveBytes:0'
// DUMP-DAG: pixmapcache-cost-overflow.IntParametersAreDimensions: 'true'
// DUMP-DAG: pixmapcache-cost-overflow.ReportUnknownOrigins: 'true'
// DUMP-DAG: pixmapcache-cost-overflow.MinimumProductWidth: '16'
// DUMP-DAG: pixmapcache-cost-overflow.IncludeStyle: llvm

#include <cstdint>

struct Thumbnail {};

class ThumbnailCache {
public:
  bool put(int key, Thumbnail *thumbnail, long long costBytes);
};

void reserveBytes(long long bytes);

// A listed sink.
void store(ThumbnailCache &cache, Thumbnail *thumbnail, int width, int height) {
  cache.put(1, thumbnail, width * height * 4);
  // CHECK-MESSAGES-OPTIONS: :[[@LINE-1]]:27: warning: multiplication in 'int' can overflow before it is passed to 'ThumbnailCache::put' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES-OPTIONS: :[[@LINE-2]]:27: note: 'width' is a parameter of 'store', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES-OPTIONS: :[[@LINE-3]]:35: note: 'height' is a parameter of 'store', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES-OPTIONS: :[[@LINE-4]]:9: note: the 'int' result is widened to 'long long' only here
  // CHECK-MESSAGES-OPTIONS: :[[@LINE-5]]:27: note: widen the first operand to 'long long' so that the whole product is computed in 'long long'
  // CHECK-FIXES-OPTIONS: {{^}}  cache.put(1, thumbnail, static_cast<long long>(width) * height * 4);{{$}}
}

void reserve(int width, int rows) {
  reserveBytes(width * rows);
  // CHECK-MESSAGES-OPTIONS: :[[@LINE-1]]:16: warning: multiplication in 'int' can overflow before it is passed to 'reserveBytes' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES-OPTIONS: :[[@LINE-2]]:16: note: 'width' is a parameter of 'reserve', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES-OPTIONS: :[[@LINE-3]]:24: note: 'rows' is a parameter of 'reserve', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES-OPTIONS: :[[@LINE-4]]:3: note: the 'int' result is widened to 'long long' only here
  // CHECK-MESSAGES-OPTIONS: :[[@LINE-5]]:16: note: widen the first operand to 'long long' so that the whole product is computed in 'long long'
  // CHECK-FIXES-OPTIONS: {{^}}  reserveBytes(static_cast<long long>(width) * rows);{{$}}
}

// Plain integer parameters: not dimensions by default (a timeout in seconds times 1000 is
// not a size), dimensions with IntParametersAreDimensions=true.
long long entries(int count, int size) {
  return count * size;
  // CHECK-MESSAGES-OPTIONS: :[[@LINE-1]]:10: warning: multiplication in 'int' can overflow before it is returned from 'entries' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES-OPTIONS: :[[@LINE-2]]:10: note: 'count' is a parameter of 'entries', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES-OPTIONS: :[[@LINE-3]]:18: note: 'size' is a parameter of 'entries', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES-OPTIONS: :[[@LINE-4]]:3: note: the 'int' result is widened to 'long long' only here
  // CHECK-MESSAGES-OPTIONS: :[[@LINE-5]]:10: note: widen the first operand to 'long long' so that the whole product is computed in 'long long'
  // CHECK-FIXES-OPTIONS: {{^}}  return static_cast<long long>(count) * size;{{$}}
}
long long timeoutMs(int timeoutSeconds) { return timeoutSeconds * 1000; }
// CHECK-MESSAGES-OPTIONS: :[[@LINE-1]]:50: warning: multiplication in 'int' can overflow before it is returned from 'timeoutMs' [pixmapcache-cost-overflow]
// CHECK-MESSAGES-OPTIONS: :[[@LINE-2]]:50: note: 'timeoutSeconds' is a parameter of 'timeoutMs', which other translation units can call with any value, and no guard bounds it
// CHECK-MESSAGES-OPTIONS: :[[@LINE-3]]:43: note: the 'int' result is widened to 'long long' only here
// CHECK-MESSAGES-OPTIONS: :[[@LINE-4]]:50: note: widen the first operand to 'long long' so that the whole product is computed in 'long long'
// CHECK-FIXES-OPTIONS: {{^}}long long timeoutMs(int timeoutSeconds) { return static_cast<long long>(timeoutSeconds) * 1000; }{{$}}

// A size the program holds in a member: reported with ReportUnknownOrigins=true only.
struct Grid {
  int columns = 0, rows = 0;
  long long cells() const { return columns * rows; }
  // CHECK-MESSAGES-OPTIONS: :[[@LINE-1]]:36: warning: multiplication in 'int' can overflow before it is returned from 'Grid::cells' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES-OPTIONS: :[[@LINE-2]]:36: note: 'columns' is a member that the program sets elsewhere
  // CHECK-MESSAGES-OPTIONS: :[[@LINE-3]]:46: note: 'rows' is a member that the program sets elsewhere
  // CHECK-MESSAGES-OPTIONS: :[[@LINE-4]]:29: note: the 'int' result is widened to 'long long' only here
  // CHECK-MESSAGES-OPTIONS: :[[@LINE-5]]:36: note: widen the first operand to 'long long' so that the whole product is computed in 'long long'
  // CHECK-FIXES-OPTIONS: {{^}}  long long cells() const { return static_cast<long long>(columns) * rows; }{{$}}
};

// 16-bit operands: considered with MinimumProductWidth=16, where 65535 * 65535 does not fit.
long long headerPixels(std::uint16_t width, std::uint16_t height) {
  return width * height;
  // CHECK-MESSAGES-OPTIONS: :[[@LINE-1]]:10: warning: multiplication in 'int' can overflow before it is returned from 'headerPixels' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES-OPTIONS: :[[@LINE-2]]:10: note: 'width' is a parameter of 'headerPixels', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES-OPTIONS: :[[@LINE-3]]:18: note: 'height' is a parameter of 'headerPixels', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES-OPTIONS: :[[@LINE-4]]:3: note: the 'int' result is widened to 'long long' only here
  // CHECK-MESSAGES-OPTIONS: :[[@LINE-5]]:10: note: widen the first operand to 'long long' so that the whole product is computed in 'long long'
  // CHECK-FIXES-OPTIONS: {{^}}  return static_cast<long long>(width) * height;{{$}}
}

// ... but products that provably fit stay silent either way.
long long signedPixels(std::int16_t width, std::int16_t height) { return width * height; }
long long mixedPixels(std::uint8_t depth, std::uint16_t width) { return depth * width; }
