// Coroutines: their bodies are analysed. Inside a coroutine a parameter is a copy in the
// coroutine frame, so a realloc of it is reported as an unchecked result.
// RUN: %clang_tidy --load=%plugin --checks='-*,pixmapcache-*' %s -- -std=c++20 %qt_flags 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error}}:'

#include <QtGui/QPixmapCache>
#include <coroutine>
#include <cstdlib>
#include <thread>

struct Task {
  struct promise_type {
    Task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};

Task growInCoroutine(char *b, std::size_t n) {
  co_await std::suspend_never{};
  b = static_cast<char *>(realloc(b, n));
  // CHECK: hostile-coroutines.cpp:[[@LINE-1]]:27: warning: result of 'realloc' is used without a null check; it is null when the allocation fails [pixmapcache-unchecked-realloc]
  b[0] = 0;
  // CHECK: hostile-coroutines.cpp:[[@LINE-1]]:3: note: 'b' is indexed here before it is checked for null
  free(b);
}

Task growCheckedInCoroutine(char *b, std::size_t n) {
  co_await std::suspend_never{};
  char *grown = static_cast<char *>(realloc(b, n));
  if (!grown)
    co_return;
  grown[0] = 0;
  free(grown);
}

Task clearInCoroutine() {
  QPixmapCache::clear();
  // CHECK: hostile-coroutines.cpp:[[@LINE-1]]:3: warning: call to 'QPixmapCache::clear' on a worker thread silently fails
  co_return;
}
void start() { std::thread([] { clearInCoroutine(); }).detach(); }
// CHECK: hostile-coroutines.cpp:[[@LINE-1]]:28: note: the lambda runs on a worker thread: it is passed to 'std::thread'
