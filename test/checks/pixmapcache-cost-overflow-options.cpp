// Defaults: any integer parameter is a dimension, 16-bit operands are not considered, and
// only the built-in sinks count.
// RUN: %check_tidy %s pixmapcache-cost-overflow %t-default -- -std=c++17

// SinkFunctions adds sinks; IntParametersAreDimensions=false keeps only dimension names;
// MinimumProductWidth=16 considers 16-bit products.
// RUN: %check_tidy --check-suffixes=OPTIONS %s pixmapcache-cost-overflow %t-options \
// RUN:   --config="{CheckOptions: {pixmapcache-cost-overflow.SinkFunctions: '::ThumbnailCache::put:2;reserveBytes:0', pixmapcache-cost-overflow.IntParametersAreDimensions: false, pixmapcache-cost-overflow.MinimumProductWidth: 16}}" \
// RUN:   -- -std=c++17
// RUN: %clangxx -std=c++17 -fsyntax-only %t-options.cpp

// The options are reported back as configured.
// RUN: %clang_tidy --load=%plugin --checks='-*,pixmapcache-*' --dump-config \
// RUN:   --config="{CheckOptions: {pixmapcache-cost-overflow.SinkFunctions: '::ThumbnailCache::put:2;reserveBytes:0', pixmapcache-cost-overflow.IntParametersAreDimensions: false, pixmapcache-cost-overflow.MinimumProductWidth: 16}}" \
// RUN:   %s -- | FileCheck --check-prefix=DUMP %s
// DUMP-DAG: pixmapcache-cost-overflow.SinkFunctions: '::ThumbnailCache::put:2;reserveBytes:0'
// DUMP-DAG: pixmapcache-cost-overflow.IntParametersAreDimensions: 'false'
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
  // CHECK-MESSAGES-OPTIONS: :[[@LINE-1]]:27: warning: multiplication computed in 'int' can overflow before its result is passed as the 'long long' argument to 'ThumbnailCache::put' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES-OPTIONS: :[[@LINE-2]]:9: note: the 'int' result is widened to 'long long' only here
  // CHECK-MESSAGES-OPTIONS: :[[@LINE-3]]:27: note: widen the first operand to 'long long' so that the whole product is computed in 'long long'
  // CHECK-FIXES-OPTIONS: {{^}}  cache.put(1, thumbnail, static_cast<long long>(width) * height * 4);{{$}}
}

void reserve(int width, int rows) {
  reserveBytes(width * rows);
  // CHECK-MESSAGES-OPTIONS: :[[@LINE-1]]:16: warning: multiplication computed in 'int' can overflow before its result is passed as the 'long long' argument to 'reserveBytes' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES-OPTIONS: :[[@LINE-2]]:3: note: the 'int' result is widened to 'long long' only here
  // CHECK-MESSAGES-OPTIONS: :[[@LINE-3]]:16: note: widen the first operand to 'long long' so that the whole product is computed in 'long long'
  // CHECK-FIXES-OPTIONS: {{^}}  reserveBytes(static_cast<long long>(width) * rows);{{$}}
}

// Plain integer parameters: dimensions by default, not with IntParametersAreDimensions=false.
long long entries(int count, int size) {
  return count * size;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: multiplication computed in 'int' can overflow before its result is returned as 'long long' from 'entries' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: the 'int' result is widened to 'long long' only here
  // CHECK-MESSAGES: :[[@LINE-3]]:10: note: widen the first operand to 'long long' so that the whole product is computed in 'long long'
  // CHECK-FIXES: {{^}}  return static_cast<long long>(count) * size;{{$}}
}

// 16-bit operands: considered with MinimumProductWidth=16, where 65535 * 65535 does not fit.
long long headerPixels(std::uint16_t width, std::uint16_t height) {
  return width * height;
  // CHECK-MESSAGES-OPTIONS: :[[@LINE-1]]:10: warning: multiplication computed in 'int' can overflow before its result is returned as 'long long' from 'headerPixels' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES-OPTIONS: :[[@LINE-2]]:3: note: the 'int' result is widened to 'long long' only here
  // CHECK-MESSAGES-OPTIONS: :[[@LINE-3]]:10: note: widen the first operand to 'long long' so that the whole product is computed in 'long long'
  // CHECK-FIXES-OPTIONS: {{^}}  return static_cast<long long>(width) * height;{{$}}
}

// ... but products that provably fit stay silent either way.
long long signedPixels(std::int16_t width, std::int16_t height) { return width * height; }
long long mixedPixels(std::uint8_t depth, std::uint16_t width) { return depth * width; }
