// The fix-it's rewrite compiles against lib/ and behaves: when the allocation fails, the old
// block survives and the failure is reported (std::bad_alloc, or abort without exceptions).
// RUN: %check_tidy %s pixmapcache-unchecked-realloc %t -- -std=c++17
// RUN: %clangxx -std=c++17 -I%pxc_include %t.cpp -o %t.fixed
// RUN: %t.fixed | FileCheck --check-prefix=FIXED %s
// RUN: %clangxx -std=c++17 -fno-exceptions -I%pxc_include %t.cpp -o %t.fixed-noexceptions
// RUN: not --crash %t.fixed-noexceptions 2>&1 | FileCheck --check-prefix=FIXED-NOEXCEPTIONS %s
//
// The original really loses the block: it writes through the null pointer and crashes.
// RUN: %clangxx -std=c++17 %s -o %t.original
// RUN: not --crash %t.original | FileCheck --check-prefix=ORIGINAL %s

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <new>
// CHECK-FIXES: {{^}}#include <pxc/realloc.h>{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}#include <cstddef>{{$}}

struct KeyArray {
  int *keyArray = nullptr;
  std::size_t size = 0;

  void resize(std::size_t n) {
    keyArray = static_cast<int *>(realloc(keyArray, n * sizeof(int)));
    // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: 'keyArray' may be set to null if 'realloc' fails, leaking the block it pointed to [pixmapcache-unchecked-realloc]
    // CHECK-MESSAGES: :[[@LINE+4]]:7: note: 'keyArray' is indexed here before it is checked for null
    // CHECK-MESSAGES: :[[@LINE-3]]:35: note: use 'pxc::tryRealloc' from <pxc/realloc.h>: it returns false and leaves 'keyArray' untouched when the allocation fails
    // CHECK-FIXES: {{^}}    if (!pxc::tryRealloc(keyArray, n * sizeof(int))) pxc::allocationFailed();{{$}}
    for (std::size_t i = size; i != n; ++i)
      keyArray[i] = static_cast<int>(i) + 1;
    size = n;
  }
};

int main() {
  KeyArray keys;
  keys.resize(4);
  std::printf("grown to %zu\n", keys.size);
  std::fflush(stdout);
  // glibc refuses any request above PTRDIFF_MAX: a real allocation failure.
  const std::size_t impossible =
      static_cast<std::size_t>(std::numeric_limits<std::ptrdiff_t>::max()) / sizeof(int) + 1;
#if defined(__cpp_exceptions)
  try {
    keys.resize(impossible);
  } catch (const std::bad_alloc &) {
    std::printf("bad_alloc; kept %d %d %d %d, size %zu\n", keys.keyArray[0],
                keys.keyArray[1], keys.keyArray[2], keys.keyArray[3], keys.size);
  }
#else
  keys.resize(impossible);
  std::printf("not reached\n");
#endif
  std::free(keys.keyArray);
  return 0;
}
// FIXED: grown to 4
// FIXED-NEXT: bad_alloc; kept 1 2 3 4, size 4
// FIXED-NOEXCEPTIONS: grown to 4
// FIXED-NOEXCEPTIONS-NOT: not reached
// ORIGINAL: grown to 4
// ORIGINAL-NOT: bad_alloc
