// Recursion and mutual recursion in the call graph: the walk ends, each use is reported once.
// RUN: %clang_tidy --load=%plugin --checks='-*,pixmapcache-*' %s -- -std=c++17 %qt_flags 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error}}:'

#include <QtGui/QPixmapCache>
#include <cstdlib>
#include <thread>

void pong(int n);
void ping(int n) {
  if (n > 0)
    pong(n - 1);
}
void pong(int n) {
  if (n == 0)
    QPixmapCache::clear();
  // CHECK:      hostile-recursion.cpp:[[@LINE-1]]:5: warning: call to 'QPixmapCache::clear' on a worker thread silently fails
  // CHECK:      hostile-recursion.cpp:[[@LINE+13]]:15: note: 'ping' runs on a worker thread: it is passed to 'std::thread'
  // CHECK:      hostile-recursion.cpp:[[@LINE-7]]:5: note: 'pong' is called here
  ping(n);
}
void self(int n) {
  if (n)
    self(n - 1);
  else
    QPixmapCache::clear();
  // CHECK:      hostile-recursion.cpp:[[@LINE-1]]:5: warning: call to 'QPixmapCache::clear' on a worker thread silently fails
  // CHECK:      hostile-recursion.cpp:[[@LINE+4]]:15: note: 'self' runs on a worker thread: it is passed to 'std::thread'
}
void start() {
  std::thread(ping, 3).detach();
  std::thread(self, 3).detach();
}

// Recursion that never reaches a GUI-only use.
void spinA(int n);
void spinB(int n) { spinA(n); }
void spinA(int n) { spinB(n); }
void startSpinning() { std::thread(spinA, 1).detach(); }

char *growRecursively(char *b, std::size_t n) {
  if (n == 0)
    return b;
  b = static_cast<char *>(realloc(b, n));
  // CHECK: hostile-recursion.cpp:[[@LINE-1]]:27: warning: 'b' may be set to null if 'realloc' fails, leaking the block it pointed to [pixmapcache-unchecked-realloc]
  b[0] = 0;
  return growRecursively(b, n - 1);
}
