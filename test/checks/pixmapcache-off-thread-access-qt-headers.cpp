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
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: construction of 'QPixmap' on a worker thread is undefined [pixmapcache-off-thread-access]
    // CHECK-MESSAGES: :[[@LINE-2]]:13: note: 'QPixmap' may only be used on the GUI thread
    // CHECK-MESSAGES: :[[@LINE-4]]:8: note: 'Worker::run' runs on a worker thread: it overrides 'QThread::run'
    // CHECK-MESSAGES: :[[@LINE-4]]:13: note: work on a QImage in the worker and create the QPixmap with QPixmap::fromImage on the GUI thread; 'pxc::ImageCache' (<pxc/image_cache.h>) caches QImage on any thread
    // CHECK-MESSAGES: :[[@LINE+7]]:17: note: 'QPixmap::fromImage' is also called here
    // CHECK-MESSAGES: :[[@LINE+7]]:12: note: 'QPixmap::convertFromImage' is also called here
    // CHECK-MESSAGES: :[[@LINE+7]]:24: note: 'QPixmap::scaled' is also called here
    // CHECK-MESSAGES: :[[@LINE+7]]:17: note: 'QPixmap::defaultDepth' is also called here
    // CHECK-MESSAGES: :[[@LINE+7]]:18: note: 'QPixmap::operator!' is also called here
    // CHECK-MESSAGES: :[[@LINE+7]]:18: note: 'QPixmap::operator QVariant' is also called here
    // CHECK-MESSAGES: :[[@LINE+7]]:17: note: 'QBitmap::fromImage' is also called here
    QPixmap q = QPixmap::fromImage(image);
    result.convertFromImage(image);
    QPixmap r = result.scaled(2, 2);
    int depth = QPixmap::defaultDepth();
    bool empty = !result;
    QVariant v = result;
    QBitmap b = QBitmap::fromImage(image);
    // A user's method is followed (it uses no QPixmap API); copies only pass a handle on.
    bool square = thumbnail.isSquare();
    QPixmap copy = result;
    copy = q;
  }
};
