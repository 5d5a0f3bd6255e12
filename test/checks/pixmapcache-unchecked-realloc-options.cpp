// Defaults: only ::realloc, and assert() counts as a check where it expands to one.
// RUN: %check_tidy %s pixmapcache-unchecked-realloc %t-default -- -std=c++17

// ReallocLikeFunctions adds allocators with realloc's contract (with no fix-it: pxc::tryRealloc
// calls the C library's realloc, which cannot resize their blocks); AssertIsCheck=false treats
// assert() as absent, as it is in release builds.
// RUN: %check_tidy --check-suffixes=OPTIONS %s pixmapcache-unchecked-realloc %t-options \
// RUN:   --config="{CheckOptions: {pixmapcache-unchecked-realloc.ReallocLikeFunctions: 'my_realloc;::pool::Pool::grow', pixmapcache-unchecked-realloc.AssertIsCheck: false}}" \
// RUN:   -- -std=c++17

// With NDEBUG assert() expands to nothing, so the code is unchecked whatever the option says.
// RUN: %check_tidy --check-suffixes=NDEBUG %s pixmapcache-unchecked-realloc %t-ndebug -- -std=c++17 -DNDEBUG

// The options are reported back as configured.
// RUN: %clang_tidy --load=%plugin --checks='-*,pixmapcache-*' --dump-config \
// RUN:   --config="{CheckOptions: {pixmapcache-unchecked-realloc.ReallocLikeFunctions: 'my_realloc;::pool::Pool::grow', pixmapcache-unchecked-realloc.AssertIsCheck: false}}" \
// RUN:   %s -- | FileCheck --check-prefix=DUMP %s
// DUMP-DAG: pixmapcache-unchecked-realloc.AssertIsCheck: 'false'
// DUMP-DAG: pixmapcache-unchecked-realloc.ReallocLikeFunctions: 'my_realloc;::pool::Pool::grow'
// DUMP-DAG: pixmapcache-unchecked-realloc.IncludeStyle: llvm

#include <cassert>
#include <cstddef>
#include <cstdlib>

void *my_realloc(void *block, std::size_t bytes);

namespace pool {
struct Pool {
  static void *grow(void *block, std::size_t bytes);
};
} // namespace pool

void growWithOwnAllocator(int *&values, std::size_t n) {
  values = static_cast<int *>(my_realloc(values, n * sizeof(int)));
  // CHECK-MESSAGES-OPTIONS: :[[@LINE-1]]:31: warning: 'values' may be set to null if 'my_realloc' fails, leaking the block it pointed to [pixmapcache-unchecked-realloc]
  // CHECK-MESSAGES-OPTIONS: :[[@LINE-2]]:31: note: store the result in a temporary and check it for null before assigning it to 'values'
  // CHECK-FIXES-OPTIONS: {{^}}  values = static_cast<int *>(my_realloc(values, n * sizeof(int)));{{$}}
}

void growFromPool(char *block, std::size_t n) {
  char *grown = static_cast<char *>(pool::Pool::grow(block, n));
  // CHECK-MESSAGES-OPTIONS: :[[@LINE-1]]:37: warning: result of 'grow' is used without a null check; it is null when the allocation fails [pixmapcache-unchecked-realloc]
  // CHECK-MESSAGES-OPTIONS: :[[@LINE+2]]:3: note: 'grown' is indexed here before it is checked for null
  // CHECK-MESSAGES-OPTIONS: :[[@LINE-3]]:37: note: check the result for null before this use; on failure the old block is still valid and must be freed or kept
  grown[0] = 0;
}

void checkedOnlyByAssert(int *&values, std::size_t n) {
  int *grown = static_cast<int *>(realloc(values, n * sizeof(int)));
  // CHECK-MESSAGES-OPTIONS: :[[@LINE-1]]:35: warning: result of 'realloc' is used without a null check; it is null when the allocation fails [pixmapcache-unchecked-realloc]
  // CHECK-MESSAGES-OPTIONS: :[[@LINE+6]]:3: note: 'grown' is indexed here before it is checked for null
  // CHECK-MESSAGES-OPTIONS: :[[@LINE-3]]:35: note: check the result for null before this use, or use 'pxc::tryRealloc' from <pxc/realloc.h>, which returns false and keeps the old block on failure
  // CHECK-MESSAGES-NDEBUG: :[[@LINE-4]]:35: warning: result of 'realloc' is used without a null check; it is null when the allocation fails [pixmapcache-unchecked-realloc]
  // CHECK-MESSAGES-NDEBUG: :[[@LINE+3]]:3: note: 'grown' is indexed here before it is checked for null
  // CHECK-MESSAGES-NDEBUG: :[[@LINE-6]]:35: note: check the result for null before this use, or use 'pxc::tryRealloc' from <pxc/realloc.h>, which returns false and keeps the old block on failure
  assert(grown && "allocation failed");
  grown[0] = 0;
  values = grown;
}

// An explicit check is a check under every option.
void checkedExplicitly(int *&values, std::size_t n) {
  int *grown = static_cast<int *>(my_realloc(values, n * sizeof(int)));
  if (!grown)
    std::abort();
  grown[0] = 0;
  values = grown;
}
