// GuiThreadOnly naming functions rather than a class: only those are reported, the
// constructors of a listed constructor name included, copies and moves still not.
// RUN: %check_tidy %s pixmapcache-off-thread-access %t \
// RUN:   --config="{CheckOptions: {pixmapcache-off-thread-access.GuiThreadOnly: '::QPixmapCache;::QPixmap::QPixmap;::QPixmap::fromImage'}}" \
// RUN:   -- -std=c++17 %qt_flags

#include <QtGui/QPixmap>
#include <QtGui/QPixmapCache>

#include <thread>

void start(const QPixmap &given, const QImage &image) {
  std::thread([given, image] {
    QPixmap pixmap(16, 16);
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: construction of 'QPixmap' on a worker thread is undefined [pixmapcache-off-thread-access]
    // CHECK-MESSAGES: :[[@LINE-2]]:13: note: 'QPixmap::QPixmap' may only be used on the GUI thread
    // CHECK-MESSAGES: :[[@LINE-4]]:15: note: the lambda runs on a worker thread: it is passed to 'std::thread'
    // CHECK-MESSAGES: :[[@LINE-4]]:13: note: work on a QImage in the worker and create the QPixmap with QPixmap::fromImage on the GUI thread; 'pxc::ImageCache' (<pxc/image_cache.h>) caches QImage on any thread
    // CHECK-MESSAGES: :[[@LINE+1]]:25: note: 'QPixmap::fromImage' is also called here
    QPixmap converted = QPixmap::fromImage(image);
    QPixmap copy = given;
    copy = converted;
    const bool empty = given.isNull() || given.size().isEmpty();
  }).detach();
}
