// Callables of every shape, templates, and what runs where around them.
// RUN: %check_tidy %s pixmapcache-off-thread-access %t -- -std=c++17 %qt_flags
// RUN: %clangxx -std=c++17 -fsyntax-only %qt_flags %s

#include <QtConcurrent/QtConcurrent>
#include <QtCore/QFuture>
#include <QtCore/QRunnable>
#include <QtCore/QThread>
#include <QtCore/QThreadPool>
#include <QtCore/QTimer>
#include <QtGui/QGuiApplication>
#include <QtGui/QPixmap>
#include <QtGui/QPixmapCache>

#include <functional>
#include <thread>

// A member function with its object, as std::thread and QtConcurrent::run take them.
class Thumbnailer {
public:
  void process(const QString &path) { QPixmap pixmap(path); }
  // CHECK-MESSAGES: :[[@LINE-1]]:47: warning: construction of 'QPixmap' on a worker thread is undefined [pixmapcache-off-thread-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:47: note: 'QPixmap' may only be used on the GUI thread
  // CHECK-MESSAGES: :[[@LINE+3]]:17: note: 'Thumbnailer::process' runs on a worker thread: it is passed to 'std::thread'
  // CHECK-MESSAGES: :[[@LINE-4]]:47: note: work on a QImage in the worker and create the QPixmap with QPixmap::fromImage on the GUI thread; 'pxc::ImageCache' (<pxc/image_cache.h>) caches QImage on any thread
  void start(const QString &path) {
    std::thread(&Thumbnailer::process, this, path).detach();
  }
};

// A function object.
struct Warmer {
  void operator()() const { QPixmapCache::setCacheLimit(4096); }
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: call to 'QPixmapCache::setCacheLimit' on a worker thread silently fails [pixmapcache-off-thread-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:29: note: QPixmapCache works only on the GUI thread since Qt 5.13: elsewhere insert and find return false and the cache never hits
  // CHECK-MESSAGES: :[[@LINE+4]]:15: note: 'Warmer::operator()' runs on a worker thread: it is passed to 'std::thread'
  // CHECK-MESSAGES: :[[@LINE-4]]:29: note: cache QImage in 'pxc::ImageCache' (<pxc/image_cache.h>), which is safe on any thread, and create the QPixmap with QPixmap::fromImage on the GUI thread
};
void startFunctor() {
  std::thread(Warmer{}).detach();
  Warmer warmer;
  QtConcurrent::run(warmer);
}

// A std::function and a function pointer.
void clearCache() { QPixmapCache::clear(); }
// CHECK-MESSAGES: :[[@LINE-1]]:21: warning: call to 'QPixmapCache::clear' on a worker thread silently fails [pixmapcache-off-thread-access]
// CHECK-MESSAGES: :[[@LINE-2]]:21: note: QPixmapCache works only on the GUI thread since Qt 5.13: elsewhere insert and find return false and the cache never hits
// CHECK-MESSAGES: :[[@LINE+10]]:15: note: 'clearCache' runs on a worker thread: it is passed to 'std::thread'
// CHECK-MESSAGES: :[[@LINE-4]]:21: note: cache QImage in 'pxc::ImageCache' (<pxc/image_cache.h>), which is safe on any thread, and create the QPixmap with QPixmap::fromImage on the GUI thread
void startWrapped() {
  std::function<void()> job = [] { QPixmap pixmap(2, 2); };
  // CHECK-MESSAGES: :[[@LINE-1]]:44: warning: construction of 'QPixmap' on a worker thread is undefined [pixmapcache-off-thread-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:44: note: 'QPixmap' may only be used on the GUI thread
  // CHECK-MESSAGES: :[[@LINE+2]]:40: note: the lambda runs on a worker thread: it is passed to 'QThreadPool::start'
  // CHECK-MESSAGES: :[[@LINE-4]]:44: note: work on a QImage in the worker and create the QPixmap with QPixmap::fromImage on the GUI thread; 'pxc::ImageCache' (<pxc/image_cache.h>) caches QImage on any thread
  QThreadPool::globalInstance()->start(job);
  void (*pointer)() = clearCache;
  std::thread(pointer).detach();
}

// std::bind runs the function it binds.
void loadInto(const QString &path, int size) { QPixmap pixmap(size, size); }
// CHECK-MESSAGES: :[[@LINE-1]]:56: warning: construction of 'QPixmap' on a worker thread is undefined [pixmapcache-off-thread-access]
// CHECK-MESSAGES: :[[@LINE-2]]:56: note: 'QPixmap' may only be used on the GUI thread
// CHECK-MESSAGES: :[[@LINE+3]]:21: note: 'loadInto' runs on a worker thread: it is passed to 'QtConcurrent::run'
// CHECK-MESSAGES: :[[@LINE-4]]:56: note: work on a QImage in the worker and create the QPixmap with QPixmap::fromImage on the GUI thread; 'pxc::ImageCache' (<pxc/image_cache.h>) caches QImage on any thread
void startBound(const QString &path) {
  QtConcurrent::run(std::bind(loadInto, path, 64));
}

// QRunnable::create wraps a callable in a runnable for a pool.
void startRunnable() {
  QThreadPool::globalInstance()->start(QRunnable::create([] { QPixmapCache::clear(); }));
  // CHECK-MESSAGES: :[[@LINE-1]]:63: warning: call to 'QPixmapCache::clear' on a worker thread silently fails [pixmapcache-off-thread-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:63: note: QPixmapCache works only on the GUI thread since Qt 5.13: elsewhere insert and find return false and the cache never hits
  // CHECK-MESSAGES: :[[@LINE-3]]:58: note: the lambda runs on a worker thread: it is passed to 'QRunnable::create'
  // CHECK-MESSAGES: :[[@LINE-4]]:63: note: cache QImage in 'pxc::ImageCache' (<pxc/image_cache.h>), which is safe on any thread, and create the QPixmap with QPixmap::fromImage on the GUI thread
}

// Generic lambdas: their instantiations run.
void startGeneric(const QList<QImage> &images) {
  QtConcurrent::mapped(images, [](const auto &image) { return QPixmap::fromImage(image); });
  // CHECK-MESSAGES: :[[@LINE-1]]:63: warning: call to 'QPixmap::fromImage' on a worker thread is undefined [pixmapcache-off-thread-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:63: note: 'QPixmap' may only be used on the GUI thread
  // CHECK-MESSAGES: :[[@LINE-3]]:32: note: the lambda runs on a worker thread: it is passed to 'QtConcurrent::mapped'
  // CHECK-MESSAGES: :[[@LINE-4]]:63: note: work on a QImage in the worker and create the QPixmap with QPixmap::fromImage on the GUI thread; 'pxc::ImageCache' (<pxc/image_cache.h>) caches QImage on any thread
}

// A function template instantiated twice is one call site.
template <typename Key> void store(const Key &key, const QPixmap &pixmap) {
  QPixmapCache::insert(key, pixmap);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'QPixmapCache::insert' on a worker thread silently fails [pixmapcache-off-thread-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: QPixmapCache works only on the GUI thread since Qt 5.13: elsewhere insert and find return false and the cache never hits
  // CHECK-MESSAGES: :[[@LINE+5]]:15: note: the lambda runs on a worker thread: it is passed to 'std::thread'
  // CHECK-MESSAGES: :[[@LINE+5]]:5: note: 'store' is called here
  // CHECK-MESSAGES: :[[@LINE-5]]:3: note: cache QImage in 'pxc::ImageCache' (<pxc/image_cache.h>), which is safe on any thread, and create the QPixmap with QPixmap::fromImage on the GUI thread
}
void startTemplates(const QPixmap &pixmap) {
  std::thread([pixmap] {
    store(QString("a"), pixmap);
    store(QStringLiteral("b"), pixmap);
  }).detach();
}

// A timer without a context object fires in the thread that started it: reported. One with a
// context object of the GUI thread fires there: not reported.
void startTimers() {
  std::thread([] {
    QTimer::singleShot(0, [] { QPixmapCache::clear(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: call to 'QPixmapCache::clear' on a worker thread silently fails [pixmapcache-off-thread-access]
    // CHECK-MESSAGES: :[[@LINE-2]]:32: note: QPixmapCache works only on the GUI thread since Qt 5.13: elsewhere insert and find return false and the cache never hits
    // CHECK-MESSAGES: :[[@LINE-4]]:15: note: the lambda runs on a worker thread: it is passed to 'std::thread'
    // CHECK-MESSAGES: :[[@LINE-4]]:27: note: the lambda is passed on and may be called here
    // CHECK-MESSAGES: :[[@LINE-5]]:32: note: cache QImage in 'pxc::ImageCache' (<pxc/image_cache.h>), which is safe on any thread, and create the QPixmap with QPixmap::fromImage on the GUI thread
    QTimer::singleShot(0, qApp, [] { QPixmapCache::clear(); });
    QTimer::singleShot(0, QCoreApplication::instance(), &clearCache);
  }).detach();
}

// A worker object's own thread is not the GUI thread: a callable queued to it is reported.
class Worker : public QObject {
public:
  void work() {
    std::thread([this] { QMetaObject::invokeMethod(this, [] { QPixmap pixmap; }); }).detach();
    // CHECK-MESSAGES: :[[@LINE-1]]:71: warning: construction of 'QPixmap' on a worker thread is undefined [pixmapcache-off-thread-access]
    // CHECK-MESSAGES: :[[@LINE-2]]:71: note: 'QPixmap' may only be used on the GUI thread
    // CHECK-MESSAGES: :[[@LINE-3]]:17: note: the lambda runs on a worker thread: it is passed to 'std::thread'
    // CHECK-MESSAGES: :[[@LINE-4]]:58: note: the lambda is passed on and may be called here
    // CHECK-MESSAGES: :[[@LINE-5]]:71: note: work on a QImage in the worker and create the QPixmap with QPixmap::fromImage on the GUI thread; 'pxc::ImageCache' (<pxc/image_cache.h>) caches QImage on any thread
  }
};

// Two lambdas in one function are two functions: the one started runs no GUI code, the one
// that uses a QPixmap runs on this thread.
void twoLambdas() {
  std::thread([] { QImage image(1, 1, QImage::Format_ARGB32); }).detach();
  auto onGui = [] { QPixmap pixmap; };
  onGui();
}

// The override of a QRunnable subclass of a subclass, and the thread object of the GUI
// thread: a callable queued to a QThread runs in the thread that created it.
class Base : public QRunnable {};
class Derived : public Base {
  void run() override {
    QMetaObject::invokeMethod(QThread::currentThread()->parent(), [] {});
    QMetaObject::invokeMethod(qApp->thread(), [] { QPixmapCache::clear(); });
  }
};

// A continuation runs in the thread that finished the future, a worker, unless it is given a
// context object; Launch::Async and a thread pool run it on a worker too.
void continuations(const QString &path, QThreadPool *pool) {
  QtConcurrent::run([path] { return QImage(path); }).then([](const QImage &image) {
    QPixmapCache::insert(QStringLiteral("c"), QPixmap::fromImage(image));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: call to 'QPixmapCache::insert' on a worker thread silently fails [pixmapcache-off-thread-access]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: QPixmapCache works only on the GUI thread since Qt 5.13: elsewhere insert and find return false and the cache never hits
    // CHECK-MESSAGES: :[[@LINE-4]]:59: note: the lambda runs on a worker thread: it is passed to 'QFuture::then'
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: cache QImage in 'pxc::ImageCache' (<pxc/image_cache.h>), which is safe on any thread, and create the QPixmap with QPixmap::fromImage on the GUI thread
    // CHECK-MESSAGES: :[[@LINE-5]]:47: note: 'QPixmap::fromImage' is also called here
  });
  QtConcurrent::run([path] { return QImage(path); }).then(qApp, [](const QImage &image) {
    QPixmapCache::insert(QStringLiteral("c"), QPixmap::fromImage(image));
  });
  QtConcurrent::run([path] { return QImage(path); })
      .then(QtFuture::Launch::Async, [](const QImage &image) { QPixmap::fromImage(image); });
      // CHECK-MESSAGES: :[[@LINE-1]]:64: warning: call to 'QPixmap::fromImage' on a worker thread is undefined [pixmapcache-off-thread-access]
      // CHECK-MESSAGES: :[[@LINE-2]]:64: note: 'QPixmap' may only be used on the GUI thread
      // CHECK-MESSAGES: :[[@LINE-3]]:38: note: the lambda runs on a worker thread: it is passed to 'QFuture::then'
      // CHECK-MESSAGES: :[[@LINE-4]]:64: note: work on a QImage in the worker and create the QPixmap with QPixmap::fromImage on the GUI thread; 'pxc::ImageCache' (<pxc/image_cache.h>) caches QImage on any thread
  QtConcurrent::run([path] { return QImage(path); })
      .then(pool, [](const QImage &image) { QPixmap::fromImage(image); })
      // CHECK-MESSAGES: :[[@LINE-1]]:45: warning: call to 'QPixmap::fromImage' on a worker thread is undefined [pixmapcache-off-thread-access]
      // CHECK-MESSAGES: :[[@LINE-2]]:45: note: 'QPixmap' may only be used on the GUI thread
      // CHECK-MESSAGES: :[[@LINE-3]]:19: note: the lambda runs on a worker thread: it is passed to 'QFuture::then'
      // CHECK-MESSAGES: :[[@LINE-4]]:45: note: work on a QImage in the worker and create the QPixmap with QPixmap::fromImage on the GUI thread; 'pxc::ImageCache' (<pxc/image_cache.h>) caches QImage on any thread
      .onFailed(qApp, [] { QPixmapCache::clear(); });
}

// Members constructed implicitly: the class's constructor constructs the QPixmap.
struct Thumbnail {
  QString path;
  QPixmap pixmap;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: construction of 'QPixmap' on a worker thread is undefined [pixmapcache-off-thread-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:11: note: 'QPixmap' may only be used on the GUI thread
  // CHECK-MESSAGES: :[[@LINE+14]]:15: note: the lambda runs on a worker thread: it is passed to 'std::thread'
  // CHECK-MESSAGES: :[[@LINE+14]]:15: note: 'Thumbnail::Thumbnail' is called here
  // CHECK-MESSAGES: :[[@LINE-5]]:11: note: work on a QImage in the worker and create the QPixmap with QPixmap::fromImage on the GUI thread; 'pxc::ImageCache' (<pxc/image_cache.h>) caches QImage on any thread
};
struct Tile {
  QPixmap pixmap{16, 16};
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: construction of 'QPixmap' on a worker thread is undefined [pixmapcache-off-thread-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:11: note: 'QPixmap' may only be used on the GUI thread
  // CHECK-MESSAGES: :[[@LINE+6]]:15: note: the lambda runs on a worker thread: it is passed to 'std::thread'
  // CHECK-MESSAGES: :[[@LINE+7]]:10: note: 'Tile::Tile' is called here
  // CHECK-MESSAGES: :[[@LINE-5]]:11: note: work on a QImage in the worker and create the QPixmap with QPixmap::fromImage on the GUI thread; 'pxc::ImageCache' (<pxc/image_cache.h>) caches QImage on any thread
  Tile() {}
};
void startMembers() {
  std::thread([] {
    Thumbnail thumbnail;
    Tile tile;
  }).detach();
}

// A GUI-only function as the thread's whole work.
void startGuiFunction(const QList<QImage> &images) {
  std::thread(&QPixmapCache::clear).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: call to 'QPixmapCache::clear' on a worker thread silently fails [pixmapcache-off-thread-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:15: note: QPixmapCache works only on the GUI thread since Qt 5.13: elsewhere insert and find return false and the cache never hits
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: 'QPixmapCache::clear' runs on a worker thread: it is passed to 'std::thread'
  // CHECK-MESSAGES: :[[@LINE-4]]:15: note: cache QImage in 'pxc::ImageCache' (<pxc/image_cache.h>), which is safe on any thread, and create the QPixmap with QPixmap::fromImage on the GUI thread
  QtConcurrent::run(QPixmapCache::clear);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: call to 'QPixmapCache::clear' on a worker thread silently fails [pixmapcache-off-thread-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:21: note: QPixmapCache works only on the GUI thread since Qt 5.13: elsewhere insert and find return false and the cache never hits
  // CHECK-MESSAGES: :[[@LINE-3]]:21: note: 'QPixmapCache::clear' runs on a worker thread: it is passed to 'QtConcurrent::run'
  // CHECK-MESSAGES: :[[@LINE-4]]:21: note: cache QImage in 'pxc::ImageCache' (<pxc/image_cache.h>), which is safe on any thread, and create the QPixmap with QPixmap::fromImage on the GUI thread
}
