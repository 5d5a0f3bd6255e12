// Qt's API is known by what it is, not by how the build passes Qt's headers: the suite runs
// this file with Qt on -isystem (CMake), on -I (qmake) and as Qt's own build includes it, and
// every shape of use is reported the same in each (construction, static and member calls,
// operators, a Qt class derived from QPixmap), while a user's class derived from QPixmap is
// followed like the user's code.
// RUN: %check_tidy %s pixmapcache-off-thread-access %t -- -std=c++17 %qt_flags
// RUN: %clangxx -std=c++17 -fsyntax-only %qt_flags %s

#include <QtCore/QThread>
#include <QtCore/QVariant>
#include <QtGui/QBitmap>
#include <QtGui/QImage>
#include <QtGui/QPixmap>

class Thumbnail : public QPixmap {
public:
  bool isSquare() const { return true; }
};

class Worker : public QThread {
public:
  QImage image;
  QPixmap result;
  Thumbnail thumbnail;
  void run() override {
    QPixmap p(4, 4);
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: construction of 'QPixmap' on a worker thread is undefined: 'QPixmap' may only be used on the GUI thread [pixmapcache-off-thread-access]
    // CHECK-MESSAGES: :[[@LINE-3]]:8: note: 'Worker::run' runs on a worker thread: it overrides 'QThread::run'
    // CHECK-MESSAGES: :[[@LINE-3]]:13: note: work on a QImage in the worker (it may be loaded, painted on and cached in 'pxc::ImageCache' from <pxc/image_cache.h> on any thread) and create the QPixmap with QPixmap::fromImage on the GUI thread; or run this code there with QMetaObject::invokeMethod(qApp, ...)
    QPixmap q = QPixmap::fromImage(image);
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: call to 'QPixmap::fromImage' on a worker thread is undefined: 'QPixmap' may only be used on the GUI thread [pixmapcache-off-thread-access]
    // CHECK-MESSAGES: :[[@LINE-7]]:8: note: 'Worker::run' runs on a worker thread: it overrides 'QThread::run'
    // CHECK-MESSAGES: :[[@LINE-3]]:17: note: work on a QImage in the worker (it may be loaded, painted on and cached in 'pxc::ImageCache' from <pxc/image_cache.h> on any thread) and create the QPixmap with QPixmap::fromImage on the GUI thread; or run this code there with QMetaObject::invokeMethod(qApp, ...)
    result.convertFromImage(image);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: call to 'QPixmap::convertFromImage' on a worker thread is undefined: 'QPixmap' may only be used on the GUI thread [pixmapcache-off-thread-access]
    // CHECK-MESSAGES: :[[@LINE-11]]:8: note: 'Worker::run' runs on a worker thread: it overrides 'QThread::run'
    // CHECK-MESSAGES: :[[@LINE-3]]:12: note: work on a QImage in the worker (it may be loaded, painted on and cached in 'pxc::ImageCache' from <pxc/image_cache.h> on any thread) and create the QPixmap with QPixmap::fromImage on the GUI thread; or run this code there with QMetaObject::invokeMethod(qApp, ...)
    QPixmap r = result.scaled(2, 2);
    // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: call to 'QPixmap::scaled' on a worker thread is undefined: 'QPixmap' may only be used on the GUI thread [pixmapcache-off-thread-access]
    // CHECK-MESSAGES: :[[@LINE-15]]:8: note: 'Worker::run' runs on a worker thread: it overrides 'QThread::run'
    // CHECK-MESSAGES: :[[@LINE-3]]:24: note: work on a QImage in the worker (it may be loaded, painted on and cached in 'pxc::ImageCache' from <pxc/image_cache.h> on any thread) and create the QPixmap with QPixmap::fromImage on the GUI thread; or run this code there with QMetaObject::invokeMethod(qApp, ...)
    int depth = QPixmap::defaultDepth();
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: call to 'QPixmap::defaultDepth' on a worker thread is undefined: 'QPixmap' may only be used on the GUI thread [pixmapcache-off-thread-access]
    // CHECK-MESSAGES: :[[@LINE-19]]:8: note: 'Worker::run' runs on a worker thread: it overrides 'QThread::run'
    // CHECK-MESSAGES: :[[@LINE-3]]:17: note: work on a QImage in the worker (it may be loaded, painted on and cached in 'pxc::ImageCache' from <pxc/image_cache.h> on any thread) and create the QPixmap with QPixmap::fromImage on the GUI thread; or run this code there with QMetaObject::invokeMethod(qApp, ...)
    bool empty = !result;
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: call to 'QPixmap::operator!' on a worker thread is undefined: 'QPixmap' may only be used on the GUI thread [pixmapcache-off-thread-access]
    // CHECK-MESSAGES: :[[@LINE-23]]:8: note: 'Worker::run' runs on a worker thread: it overrides 'QThread::run'
    // CHECK-MESSAGES: :[[@LINE-3]]:18: note: work on a QImage in the worker (it may be loaded, painted on and cached in 'pxc::ImageCache' from <pxc/image_cache.h> on any thread) and create the QPixmap with QPixmap::fromImage on the GUI thread; or run this code there with QMetaObject::invokeMethod(qApp, ...)
    QVariant v = result;
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: call to 'QPixmap::operator QVariant' on a worker thread is undefined: 'QPixmap' may only be used on the GUI thread [pixmapcache-off-thread-access]
    // CHECK-MESSAGES: :[[@LINE-27]]:8: note: 'Worker::run' runs on a worker thread: it overrides 'QThread::run'
    // CHECK-MESSAGES: :[[@LINE-3]]:18: note: work on a QImage in the worker (it may be loaded, painted on and cached in 'pxc::ImageCache' from <pxc/image_cache.h> on any thread) and create the QPixmap with QPixmap::fromImage on the GUI thread; or run this code there with QMetaObject::invokeMethod(qApp, ...)
    QBitmap b = QBitmap::fromImage(image);
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: call to 'QBitmap::fromImage' on a worker thread is undefined: 'QPixmap' may only be used on the GUI thread [pixmapcache-off-thread-access]
    // CHECK-MESSAGES: :[[@LINE-31]]:8: note: 'Worker::run' runs on a worker thread: it overrides 'QThread::run'
    // CHECK-MESSAGES: :[[@LINE-3]]:17: note: work on a QImage in the worker (it may be loaded, painted on and cached in 'pxc::ImageCache' from <pxc/image_cache.h> on any thread) and create the QPixmap with QPixmap::fromImage on the GUI thread; or run this code there with QMetaObject::invokeMethod(qApp, ...)
    // A user's method is followed (it uses no QPixmap API); copies only pass a handle on.
    bool square = thumbnail.isSquare();
    QPixmap copy = result;
    copy = q;
  }
};
