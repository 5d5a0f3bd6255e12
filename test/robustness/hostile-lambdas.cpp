// Lambdas in lambdas: the thread reaches the inner lambda through both calls.
// RUN: %clang_tidy --load=%plugin --checks='-*,pixmapcache-*' %s -- -std=c++17 %qt_flags 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error}}:'

#include <QtCore/QCache>
#include <QtGui/QImage>
#include <QtGui/QPixmapCache>
#include <thread>

void nested() {
  std::thread([] {
    auto outer = [] {
      auto inner = [] { QPixmapCache::clear(); };
      // CHECK:      hostile-lambdas.cpp:[[@LINE-1]]:25: warning: call to 'QPixmapCache::clear' on a worker thread silently fails
      // CHECK:      hostile-lambdas.cpp:[[@LINE-4]]:15: note: the lambda runs on a worker thread: it is passed to 'std::thread'
      // CHECK:      hostile-lambdas.cpp:[[@LINE+4]]:5: note: the lambda is called here
      // CHECK:      hostile-lambdas.cpp:[[@LINE+1]]:7: note: the lambda is called here
      inner();
    };
    outer();
  }).detach();
}

void nestedOnThisThread() {
  auto outer = [] {
    auto inner = [] { QPixmapCache::clear(); };
    inner();
  };
  outer();
}

QImage *nestedInsert(QCache<int, QImage> &cache, QImage *image) {
  auto a = [&] {
    auto b = [&] {
      cache.insert(1, image);
      return image->width();
      // CHECK: hostile-lambdas.cpp:[[@LINE-1]]:14: warning: 'image' is used to access a member after 'QCache::insert' may have deleted it [pixmapcache-use-after-insert]
    };
    return b();
  };
  a();
  return nullptr;
}
