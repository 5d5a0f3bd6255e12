// Code from an #included header: reported there when --header-filter takes the header, or
// when the finding has a note in the main file (the thread that reaches the header's code).
// RUN: %clang_tidy --load=%plugin --checks='-*,pixmapcache-*' %s -- -std=c++17 %qt_flags 2>&1 \
// RUN:   | FileCheck --check-prefixes=CHECK,MAIN %s --implicit-check-not='{{^/.*(warning|error):}}'
// RUN: %clang_tidy --load=%plugin --checks='-*,pixmapcache-*' --header-filter='hostile-header' %s \
// RUN:   -- -std=c++17 %qt_flags 2>&1 \
// RUN:   | FileCheck --check-prefixes=CHECK,HEADER %s --implicit-check-not='{{^/.*(warning|error):}}'

#include "Inputs/hostile-header.h"
#include <thread>

// HEADER: hostile-header.h:5:27: warning: 'b' may be set to null if 'realloc' fails, leaking the block it pointed to [pixmapcache-unchecked-realloc]
// CHECK:  hostile-header.h:9:28: warning: call to 'QPixmapCache::clear' on a worker thread silently fails
// CHECK:  hostile-headers.cpp:[[@LINE+1]]:28: note: 'clearCache' runs on a worker thread: it is passed to 'std::thread'
void start() { std::thread(clearCache).detach(); }

void growInMain(char *b, std::size_t n) {
  b = static_cast<char *>(realloc(b, n));
  // CHECK: hostile-headers.cpp:[[@LINE-1]]:27: warning: 'b' may be set to null if 'realloc' fails, leaking the block it pointed to [pixmapcache-unchecked-realloc]
  b[0] = 0;
}
// MAIN: Suppressed 1 warnings (1 in non-user code).
