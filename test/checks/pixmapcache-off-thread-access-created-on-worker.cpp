// Objects created by code that runs on a worker thread live there: the slots connected to
// them and the calls queued to them run there too, unless they are moved back.
// RUN: %check_tidy %s pixmapcache-off-thread-access %t -- -std=c++17 %qt_flags
// RUN: %clangxx -std=c++17 -fsyntax-only %qt_flags %s

#include <QtCore/QMetaObject>
#include <QtCore/QObject>
#include <QtCore/QThread>
#include <QtCore/QTimer>
#include <QtGui/QGuiApplication>
#include <QtGui/QPixmap>

class Helper : public QObject {
public:
  void work() { QPixmap pixmap(2, 2); }
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: construction of 'QPixmap' on a worker thread is undefined [pixmapcache-off-thread-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:25: note: 'QPixmap' may only be used on the GUI thread
  // CHECK-MESSAGES: :[[@LINE+17]]:11: note: 'helper' is created here, on a worker thread
  // CHECK-MESSAGES: :[[@LINE+17]]:47: note: 'Helper::work' runs on a worker thread: it is connected here as a slot of 'helper', which lives on that thread
  // CHECK-MESSAGES: :[[@LINE-5]]:25: note: work on a QImage in the worker and create the QPixmap with QPixmap::fromImage on the GUI thread; 'pxc::ImageCache' (<pxc/image_cache.h>) caches QImage on any thread
  void later() { QPixmap pixmap(3, 3); }
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: construction of 'QPixmap' on a worker thread is undefined [pixmapcache-off-thread-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:26: note: 'QPixmap' may only be used on the GUI thread
  // CHECK-MESSAGES: :[[@LINE+11]]:11: note: 'helper' is created here, on a worker thread
  // CHECK-MESSAGES: :[[@LINE+12]]:39: note: 'Helper::later' runs on a worker thread: it is queued here to 'helper', which lives on that thread
  // CHECK-MESSAGES: :[[@LINE-5]]:26: note: work on a QImage in the worker and create the QPixmap with QPixmap::fromImage on the GUI thread; 'pxc::ImageCache' (<pxc/image_cache.h>) caches QImage on any thread
  void back() { QPixmap pixmap(4, 4); }
  void onGui() { QPixmap pixmap(5, 5); }
};

// Created in a run() override: lives on the thread.
class Poller : public QThread {
  void run() override {
    QTimer timer;
    auto *helper = new Helper;
    connect(&timer, &QTimer::timeout, helper, &Helper::work);
    QMetaObject::invokeMethod(helper, &Helper::later, Qt::QueuedConnection);
    auto *returned = new Helper;
    returned->moveToThread(qApp->thread());
    connect(&timer, &QTimer::timeout, returned, &Helper::back);
    exec();
  }
};

// Created in a worker object's slot, kept in a member, connected in another slot.
class Worker : public QObject {
public:
  void init() { tick = new QTimer; }
  void wire() { connect(tick, &QTimer::timeout, tick, [] { QPixmap pixmap(6, 6); }); }
  // CHECK-MESSAGES: :[[@LINE-1]]:68: warning: construction of 'QPixmap' on a worker thread is undefined [pixmapcache-off-thread-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:68: note: 'QPixmap' may only be used on the GUI thread
  // CHECK-MESSAGES: :[[@LINE-4]]:22: note: 'tick' is created here, on a worker thread
  // CHECK-MESSAGES: :[[@LINE-4]]:55: note: the lambda runs on a worker thread: it is connected here as a slot of 'tick', which lives on that thread
  // CHECK-MESSAGES: :[[@LINE-5]]:68: note: work on a QImage in the worker and create the QPixmap with QPixmap::fromImage on the GUI thread; 'pxc::ImageCache' (<pxc/image_cache.h>) caches QImage on any thread

private:
  QTimer *tick = nullptr;
};

void startWorker(QThread *thread) {
  auto *worker = new Worker;
  worker->moveToThread(thread);
  QObject::connect(thread, &QThread::started, worker, &Worker::init);
  QObject::connect(thread, &QThread::started, worker, &Worker::wire);
}

// Created on the GUI thread: silent.
void onGuiThread(QTimer *timer) {
  auto *helper = new Helper;
  QObject::connect(timer, &QTimer::timeout, helper, &Helper::onGui);
}
