// Every use is a finding here (ReportEveryUse), so that each API's own message is checked;
// pixmapcache-off-thread-access-grouping.cpp tests the default, a finding per function.
// RUN: %check_tidy %s pixmapcache-off-thread-access %t \
// RUN:   --config="{CheckOptions: {pixmapcache-off-thread-access.ReportEveryUse: true}}" \
// RUN:   -- -std=c++20 %qt_flags -I%pxc_include
// RUN: %clangxx -std=c++20 -fsyntax-only %qt_flags -I%pxc_include %s

#include <QtConcurrent/QtConcurrent>
#include <QtCore/QCoreApplication>
#include <QtCore/QRunnable>
#include <QtCore/QThread>
#include <QtCore/QThreadPool>
#include <QtCore/QTimer>
#include <QtGui/QGuiApplication>
#include <QtGui/QIcon>
#include <QtGui/QImage>
#include <QtGui/QPainter>
#include <QtGui/QPixmap>
#include <QtGui/QPixmapCache>
#include <pxc/image_cache.h>

#include <future>
#include <thread>

// ---------------------------------------------------------------------------------------
// QThread::run and QRunnable::run overrides; every QPixmapCache and QPixmap API.
// ---------------------------------------------------------------------------------------

class CacheThread : public QThread {
  void run() override {
    QPixmap pixmap;
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: construction of 'QPixmap' on a worker thread is undefined [pixmapcache-off-thread-access]
    // CHECK-MESSAGES: :[[@LINE-2]]:13: note: 'QPixmap' may only be used on the GUI thread
    // CHECK-MESSAGES: :[[@LINE-4]]:8: note: 'CacheThread::run' runs on a worker thread: it overrides 'QThread::run'
    // CHECK-MESSAGES: :[[@LINE-4]]:13: note: work on a QImage in the worker and create the QPixmap with QPixmap::fromImage on the GUI thread; 'pxc::ImageCache' (<pxc/image_cache.h>) caches QImage on any thread
    if (!QPixmapCache::find(QStringLiteral("icon"), &pixmap))
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: call to 'QPixmapCache::find' on a worker thread silently fails [pixmapcache-off-thread-access]
    // CHECK-MESSAGES: :[[@LINE-2]]:10: note: QPixmapCache works only on the GUI thread since Qt 5.13: elsewhere insert and find return false and the cache never hits
    // CHECK-MESSAGES: :[[@LINE-9]]:8: note: 'CacheThread::run' runs on a worker thread: it overrides 'QThread::run'
    // CHECK-MESSAGES: :[[@LINE-4]]:10: note: cache QImage in 'pxc::ImageCache' (<pxc/image_cache.h>), which is safe on any thread, and create the QPixmap with QPixmap::fromImage on the GUI thread
      QPixmapCache::insert(QStringLiteral("icon"), pixmap);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: call to 'QPixmapCache::insert' on a worker thread silently fails [pixmapcache-off-thread-access]
      // CHECK-MESSAGES: :[[@LINE-2]]:7: note: QPixmapCache works only on the GUI thread since Qt 5.13: elsewhere insert and find return false and the cache never hits
      // CHECK-MESSAGES: :[[@LINE-14]]:8: note: 'CacheThread::run' runs on a worker thread: it overrides 'QThread::run'
      // CHECK-MESSAGES: :[[@LINE-4]]:7: note: cache QImage in 'pxc::ImageCache'
    QPixmapCache::remove(QStringLiteral("old"));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: call to 'QPixmapCache::remove' on a worker thread silently fails [pixmapcache-off-thread-access]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: QPixmapCache works only on the GUI thread since Qt 5.13: elsewhere insert and find return false and the cache never hits
    // CHECK-MESSAGES: :[[@LINE-19]]:8: note: 'CacheThread::run' runs on a worker thread: it overrides 'QThread::run'
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: cache QImage in 'pxc::ImageCache'
    QPixmapCache::setCacheLimit(1024);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: call to 'QPixmapCache::setCacheLimit' on a worker thread silently fails [pixmapcache-off-thread-access]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: QPixmapCache works only on the GUI thread since Qt 5.13: elsewhere insert and find return false and the cache never hits
    // CHECK-MESSAGES: :[[@LINE-24]]:8: note: 'CacheThread::run' runs on a worker thread: it overrides 'QThread::run'
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: cache QImage in 'pxc::ImageCache'
    QPixmapCache::clear();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: call to 'QPixmapCache::clear' on a worker thread silently fails [pixmapcache-off-thread-access]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: QPixmapCache works only on the GUI thread since Qt 5.13: elsewhere insert and find return false and the cache never hits
    // CHECK-MESSAGES: :[[@LINE-29]]:8: note: 'CacheThread::run' runs on a worker thread: it overrides 'QThread::run'
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: cache QImage in 'pxc::ImageCache'
  }
};

class LoadRunnable : public QRunnable {
public:
  void run() override {
    QPixmap pixmap(64, 64);
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: construction of 'QPixmap' on a worker thread is undefined [pixmapcache-off-thread-access]
    // CHECK-MESSAGES: :[[@LINE-2]]:13: note: 'QPixmap' may only be used on the GUI thread
    // CHECK-MESSAGES: :[[@LINE-4]]:8: note: 'LoadRunnable::run' runs on a worker thread: it overrides 'QRunnable::run'
    // CHECK-MESSAGES: :[[@LINE-4]]:13: note: work on a QImage in the worker
    pixmap.load(QStringLiteral("a.png"));
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: call to 'QPixmap::load' on a worker thread is undefined [pixmapcache-off-thread-access]
    // CHECK-MESSAGES: :[[@LINE-2]]:12: note: 'QPixmap' may only be used on the GUI thread
    // CHECK-MESSAGES: :[[@LINE-9]]:8: note: 'LoadRunnable::run' runs on a worker thread: it overrides 'QRunnable::run'
    // CHECK-MESSAGES: :[[@LINE-4]]:12: note: work on a QImage in the worker
    QImage image(64, 64, QImage::Format_ARGB32);
    pixmap.convertFromImage(image);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: call to 'QPixmap::convertFromImage' on a worker thread is undefined [pixmapcache-off-thread-access]
    // CHECK-MESSAGES: :[[@LINE-2]]:12: note: 'QPixmap' may only be used on the GUI thread
    // CHECK-MESSAGES: :[[@LINE-15]]:8: note: 'LoadRunnable::run' runs on a worker thread: it overrides 'QRunnable::run'
    // CHECK-MESSAGES: :[[@LINE-4]]:12: note: work on a QImage in the worker
    const QPixmap converted = QPixmap::fromImage(image);
    // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: call to 'QPixmap::fromImage' on a worker thread is undefined [pixmapcache-off-thread-access]
    // CHECK-MESSAGES: :[[@LINE-2]]:31: note: 'QPixmap' may only be used on the GUI thread
    // CHECK-MESSAGES: :[[@LINE-20]]:8: note: 'LoadRunnable::run' runs on a worker thread: it overrides 'QRunnable::run'
    // CHECK-MESSAGES: :[[@LINE-4]]:31: note: work on a QImage in the worker
    QPainter painter(&pixmap);
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: painting on a 'QPixmap' on a worker thread is undefined [pixmapcache-off-thread-access]
    // CHECK-MESSAGES: :[[@LINE-2]]:22: note: 'QPixmap' may only be used on the GUI thread
    // CHECK-MESSAGES: :[[@LINE-25]]:8: note: 'LoadRunnable::run' runs on a worker thread: it overrides 'QRunnable::run'
    // CHECK-MESSAGES: :[[@LINE-4]]:22: note: work on a QImage in the worker
    QIcon icon;
    const QPixmap small = icon.pixmap(16);
    // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: call to 'QIcon::pixmap' on a worker thread is undefined [pixmapcache-off-thread-access]
    // CHECK-MESSAGES: :[[@LINE-2]]:32: note: 'QIcon::pixmap' may only be used on the GUI thread
    // CHECK-MESSAGES: :[[@LINE-31]]:8: note: 'LoadRunnable::run' runs on a worker thread: it overrides 'QRunnable::run'
    // CHECK-MESSAGES: :[[@LINE-4]]:32: note: work on a QImage in the worker
  }
};

// A deeper hierarchy: the override of an override of QThread::run.
class BaseThread : public QThread {};
class DerivedThread : public BaseThread {
  void run() override { QPixmap pixmap(8, 8); }
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: construction of 'QPixmap' on a worker thread is undefined [pixmapcache-off-thread-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:33: note: 'QPixmap' may only be used on the GUI thread
  // CHECK-MESSAGES: :[[@LINE-3]]:8: note: 'DerivedThread::run' runs on a worker thread: it overrides 'QThread::run'
  // CHECK-MESSAGES: :[[@LINE-4]]:33: note: work on a QImage in the worker
};

// ---------------------------------------------------------------------------------------
// Callables passed to functions that start threads.
// ---------------------------------------------------------------------------------------

void fromImage(const QImage &image) { QPixmap::fromImage(image); }
// CHECK-MESSAGES: :[[@LINE-1]]:39: warning: call to 'QPixmap::fromImage' on a worker thread is undefined [pixmapcache-off-thread-access]
// CHECK-MESSAGES: :[[@LINE-2]]:39: note: 'QPixmap' may only be used on the GUI thread
// CHECK-MESSAGES: :[[@LINE+20]]:21: note: 'fromImage' runs on a worker thread: it is passed to 'QtConcurrent::run'
// CHECK-MESSAGES: :[[@LINE-4]]:39: note: work on a QImage in the worker
QString pixmapKey(const QString &name) { return name; }

void startThreads(const QImage &image, QList<QImage> images, QThreadPool *pool) {
  QThread *thread = QThread::create([image] { QPixmap::fromImage(image); });
  // CHECK-MESSAGES: :[[@LINE-1]]:47: warning: call to 'QPixmap::fromImage' on a worker thread is undefined [pixmapcache-off-thread-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:47: note: 'QPixmap' may only be used on the GUI thread
  // CHECK-MESSAGES: :[[@LINE-3]]:37: note: the lambda runs on a worker thread: it is passed to 'QThread::create'
  // CHECK-MESSAGES: :[[@LINE-4]]:47: note: work on a QImage in the worker
  QtConcurrent::run([image] { QPixmap::fromImage(image); });
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: call to 'QPixmap::fromImage' on a worker thread is undefined [pixmapcache-off-thread-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:31: note: 'QPixmap' may only be used on the GUI thread
  // CHECK-MESSAGES: :[[@LINE-3]]:21: note: the lambda runs on a worker thread: it is passed to 'QtConcurrent::run'
  // CHECK-MESSAGES: :[[@LINE-4]]:31: note: work on a QImage in the worker
  QtConcurrent::run(pool, [image] { QPixmap::fromImage(image); });
  // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: call to 'QPixmap::fromImage' on a worker thread is undefined [pixmapcache-off-thread-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:37: note: 'QPixmap' may only be used on the GUI thread
  // CHECK-MESSAGES: :[[@LINE-3]]:27: note: the lambda runs on a worker thread: it is passed to 'QtConcurrent::run'
  // CHECK-MESSAGES: :[[@LINE-4]]:37: note: work on a QImage in the worker
  QtConcurrent::run(fromImage, image);
  QtConcurrent::map(images, [](QImage &i) { QPixmapCache::insert(QStringLiteral("x"), QPixmap::fromImage(i)); });
  // CHECK-MESSAGES: :[[@LINE-1]]:45: warning: call to 'QPixmapCache::insert' on a worker thread silently fails [pixmapcache-off-thread-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:45: note: QPixmapCache works only on the GUI thread since Qt 5.13: elsewhere insert and find return false and the cache never hits
  // CHECK-MESSAGES: :[[@LINE-3]]:29: note: the lambda runs on a worker thread: it is passed to 'QtConcurrent::map'
  // CHECK-MESSAGES: :[[@LINE-4]]:45: note: cache QImage in 'pxc::ImageCache'
  // CHECK-MESSAGES: :[[@LINE-5]]:87: warning: call to 'QPixmap::fromImage' on a worker thread is undefined [pixmapcache-off-thread-access]
  // CHECK-MESSAGES: :[[@LINE-6]]:87: note: 'QPixmap' may only be used on the GUI thread
  // CHECK-MESSAGES: :[[@LINE-7]]:29: note: the lambda runs on a worker thread: it is passed to 'QtConcurrent::map'
  // CHECK-MESSAGES: :[[@LINE-8]]:87: note: work on a QImage in the worker
  QtConcurrent::mapped(images, [](const QImage &i) { return QPixmap::fromImage(i); });
  // CHECK-MESSAGES: :[[@LINE-1]]:61: warning: call to 'QPixmap::fromImage' on a worker thread is undefined [pixmapcache-off-thread-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:61: note: 'QPixmap' may only be used on the GUI thread
  // CHECK-MESSAGES: :[[@LINE-3]]:32: note: the lambda runs on a worker thread: it is passed to 'QtConcurrent::mapped'
  // CHECK-MESSAGES: :[[@LINE-4]]:61: note: work on a QImage in the worker
  QtConcurrent::mappedReduced(
      images, [](const QImage &i) { return i.width(); },
      [](int &sum, int width) { QPixmapCache::setCacheLimit(sum += width); });
      // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: call to 'QPixmapCache::setCacheLimit' on a worker thread silently fails [pixmapcache-off-thread-access]
      // CHECK-MESSAGES: :[[@LINE-2]]:33: note: QPixmapCache works only on the GUI thread since Qt 5.13: elsewhere insert and find return false and the cache never hits
      // CHECK-MESSAGES: :[[@LINE-3]]:7: note: the lambda runs on a worker thread: it is passed to 'QtConcurrent::mappedReduced'
      // CHECK-MESSAGES: :[[@LINE-4]]:33: note: cache QImage in 'pxc::ImageCache'
  QtConcurrent::filter(images, [](const QImage &) { QPixmap p; return QPixmapCache::find(pixmapKey("f"), &p); });
  // CHECK-MESSAGES: :[[@LINE-1]]:61: warning: construction of 'QPixmap' on a worker thread is undefined [pixmapcache-off-thread-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:61: note: 'QPixmap' may only be used on the GUI thread
  // CHECK-MESSAGES: :[[@LINE-3]]:32: note: the lambda runs on a worker thread: it is passed to 'QtConcurrent::filter'
  // CHECK-MESSAGES: :[[@LINE-4]]:61: note: work on a QImage in the worker
  // CHECK-MESSAGES: :[[@LINE-5]]:71: warning: call to 'QPixmapCache::find' on a worker thread silently fails [pixmapcache-off-thread-access]
  // CHECK-MESSAGES: :[[@LINE-6]]:71: note: QPixmapCache works only on the GUI thread since Qt 5.13: elsewhere insert and find return false and the cache never hits
  // CHECK-MESSAGES: :[[@LINE-7]]:32: note: the lambda runs on a worker thread: it is passed to 'QtConcurrent::filter'
  // CHECK-MESSAGES: :[[@LINE-8]]:71: note: cache QImage in 'pxc::ImageCache'
  QtConcurrent::filtered(images, [](const QImage &i) { QPixmap p; return p.isNull(); });
  // CHECK-MESSAGES: :[[@LINE-1]]:64: warning: construction of 'QPixmap' on a worker thread is undefined [pixmapcache-off-thread-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:64: note: 'QPixmap' may only be used on the GUI thread
  // CHECK-MESSAGES: :[[@LINE-3]]:34: note: the lambda runs on a worker thread: it is passed to 'QtConcurrent::filtered'
  // CHECK-MESSAGES: :[[@LINE-4]]:64: note: work on a QImage in the worker
  // CHECK-MESSAGES: :[[@LINE-5]]:76: warning: call to 'QPixmap::isNull' on a worker thread is undefined [pixmapcache-off-thread-access]
  // CHECK-MESSAGES: :[[@LINE-6]]:76: note: 'QPixmap' may only be used on the GUI thread
  // CHECK-MESSAGES: :[[@LINE-7]]:34: note: the lambda runs on a worker thread: it is passed to 'QtConcurrent::filtered'
  // CHECK-MESSAGES: :[[@LINE-8]]:76: note: work on a QImage in the worker
  QThreadPool::globalInstance()->start([] { QPixmap(4, 4); });
  // CHECK-MESSAGES: :[[@LINE-1]]:45: warning: construction of 'QPixmap' on a worker thread is undefined [pixmapcache-off-thread-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:45: note: 'QPixmap' may only be used on the GUI thread
  // CHECK-MESSAGES: :[[@LINE-3]]:40: note: the lambda runs on a worker thread: it is passed to 'QThreadPool::start'
  // CHECK-MESSAGES: :[[@LINE-4]]:45: note: work on a QImage in the worker
  pool->tryStart([] { QPixmapCache::clear(); });
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: call to 'QPixmapCache::clear' on a worker thread silently fails [pixmapcache-off-thread-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:23: note: QPixmapCache works only on the GUI thread since Qt 5.13: elsewhere insert and find return false and the cache never hits
  // CHECK-MESSAGES: :[[@LINE-3]]:18: note: the lambda runs on a worker thread: it is passed to 'QThreadPool::tryStart'
  // CHECK-MESSAGES: :[[@LINE-4]]:23: note: cache QImage in 'pxc::ImageCache'
  std::thread worker([image] { QPixmap::fromImage(image); });
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: call to 'QPixmap::fromImage' on a worker thread is undefined [pixmapcache-off-thread-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:32: note: 'QPixmap' may only be used on the GUI thread
  // CHECK-MESSAGES: :[[@LINE-3]]:22: note: the lambda runs on a worker thread: it is passed to 'std::thread'
  // CHECK-MESSAGES: :[[@LINE-4]]:32: note: work on a QImage in the worker
  worker.join();
  std::jthread joining([] { QPixmap pixmap; });
  // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: construction of 'QPixmap' on a worker thread is undefined [pixmapcache-off-thread-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:37: note: 'QPixmap' may only be used on the GUI thread
  // CHECK-MESSAGES: :[[@LINE-3]]:24: note: the lambda runs on a worker thread: it is passed to 'std::jthread'
  // CHECK-MESSAGES: :[[@LINE-4]]:37: note: work on a QImage in the worker
  auto async = std::async([] { QPixmap pixmap; });
  // CHECK-MESSAGES: :[[@LINE-1]]:40: warning: construction of 'QPixmap' on a worker thread is undefined [pixmapcache-off-thread-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:40: note: 'QPixmap' may only be used on the GUI thread
  // CHECK-MESSAGES: :[[@LINE-3]]:27: note: the lambda runs on a worker thread: it is passed to 'std::async'
  // CHECK-MESSAGES: :[[@LINE-4]]:40: note: work on a QImage in the worker
  auto explicitAsync = std::async(std::launch::async, [] { QPixmap pixmap; });
  // CHECK-MESSAGES: :[[@LINE-1]]:68: warning: construction of 'QPixmap' on a worker thread is undefined [pixmapcache-off-thread-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:68: note: 'QPixmap' may only be used on the GUI thread
  // CHECK-MESSAGES: :[[@LINE-3]]:55: note: the lambda runs on a worker thread: it is passed to 'std::async'
  // CHECK-MESSAGES: :[[@LINE-4]]:68: note: work on a QImage in the worker
  auto either = std::async(std::launch::async | std::launch::deferred, [] { QPixmap pixmap; });
  // CHECK-MESSAGES: :[[@LINE-1]]:85: warning: construction of 'QPixmap' on a worker thread is undefined [pixmapcache-off-thread-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:85: note: 'QPixmap' may only be used on the GUI thread
  // CHECK-MESSAGES: :[[@LINE-3]]:72: note: the lambda runs on a worker thread: it is passed to 'std::async'
  // CHECK-MESSAGES: :[[@LINE-4]]:85: note: work on a QImage in the worker
  // Deferred: it runs in the thread that waits for it, here.
  auto deferred = std::async(std::launch::deferred, [] { QPixmap pixmap; });
  delete thread;
}

// ---------------------------------------------------------------------------------------
// Through the call graph: free functions, member functions, lambdas, one to four levels
// deep; longer paths are abbreviated.
// ---------------------------------------------------------------------------------------

namespace depth {
void level4() { QPixmapCache::clear(); }
// CHECK-MESSAGES: :[[@LINE-1]]:17: warning: call to 'QPixmapCache::clear' on a worker thread silently fails [pixmapcache-off-thread-access]
// CHECK-MESSAGES: :[[@LINE-2]]:17: note: QPixmapCache works only on the GUI thread since Qt 5.13: elsewhere insert and find return false and the cache never hits
// CHECK-MESSAGES: :[[@LINE+9]]:28: note: the lambda runs on a worker thread: it is passed to 'std::thread'
// CHECK-MESSAGES: :[[@LINE+8]]:33: note: 'depth::level1' is called here
// CHECK-MESSAGES: :[[@LINE+6]]:17: note: 'depth::level2' is called here
// CHECK-MESSAGES: :[[@LINE+4]]:17: note: 'depth::level3' is called here
// CHECK-MESSAGES: :[[@LINE+2]]:17: note: 'depth::level4' is called here
// CHECK-MESSAGES: :[[@LINE-8]]:17: note: cache QImage in 'pxc::ImageCache'
void level3() { level4(); }
void level2() { level3(); }
void level1() { level2(); }
void start() { std::thread([] { level1(); }).detach(); }

void six5() { QPixmap pixmap; }
// CHECK-MESSAGES: :[[@LINE-1]]:23: warning: construction of 'QPixmap' on a worker thread is undefined [pixmapcache-off-thread-access]
// CHECK-MESSAGES: :[[@LINE-2]]:23: note: 'QPixmap' may only be used on the GUI thread
// CHECK-MESSAGES: :[[@LINE+9]]:31: note: the lambda runs on a worker thread: it is passed to 'std::thread'
// CHECK-MESSAGES: :[[@LINE+8]]:36: note: 'depth::six1' is called here
// CHECK-MESSAGES: :[[@LINE+4]]:15: note: after 2 more calls, 'depth::six4' is called here
// CHECK-MESSAGES: :[[@LINE+2]]:15: note: 'depth::six5' is called here
// CHECK-MESSAGES: :[[@LINE-7]]:23: note: work on a QImage in the worker
void six4() { six5(); }
void six3() { six4(); }
void six2() { six3(); }
void six1() { six2(); }
void startSix() { std::thread([] { six1(); }).detach(); }
} // namespace depth

class Renderer {
public:
  QPixmap render(const QImage &image) const { return scaled(image); }
  void renderAll(const QList<QImage> &images) {
    for (const QImage &image : images)
      last = render(image);
  }

private:
  QPixmap scaled(const QImage &image) const {
    return QPixmap::fromImage(image).scaled(32, 32);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: call to 'QPixmap::fromImage' on a worker thread is undefined [pixmapcache-off-thread-access]
    // CHECK-MESSAGES: :[[@LINE-2]]:12: note: 'QPixmap' may only be used on the GUI thread
    // CHECK-MESSAGES: :[[@LINE+17]]:21: note: the lambda runs on a worker thread: it is passed to 'QtConcurrent::run'
    // CHECK-MESSAGES: :[[@LINE+16]]:52: note: 'Renderer::renderAll' is called here
    // CHECK-MESSAGES: :[[@LINE-10]]:14: note: 'Renderer::render' is called here
    // CHECK-MESSAGES: :[[@LINE-14]]:54: note: 'Renderer::scaled' is called here
    // CHECK-MESSAGES: :[[@LINE-7]]:12: note: work on a QImage in the worker
    // CHECK-MESSAGES: :[[@LINE-8]]:38: warning: call to 'QPixmap::scaled' on a worker thread is undefined [pixmapcache-off-thread-access]
    // CHECK-MESSAGES: :[[@LINE-9]]:38: note: 'QPixmap' may only be used on the GUI thread
    // CHECK-MESSAGES: :[[@LINE+10]]:21: note: the lambda runs on a worker thread: it is passed to 'QtConcurrent::run'
    // CHECK-MESSAGES: :[[@LINE+9]]:52: note: 'Renderer::renderAll' is called here
    // CHECK-MESSAGES: :[[@LINE-17]]:14: note: 'Renderer::render' is called here
    // CHECK-MESSAGES: :[[@LINE-21]]:54: note: 'Renderer::scaled' is called here
    // CHECK-MESSAGES: :[[@LINE-14]]:38: note: work on a QImage in the worker
  }
  QPixmap last;
};

void startRenderer(Renderer *renderer, const QList<QImage> &images) {
  QtConcurrent::run([renderer, images] { renderer->renderAll(images); });
}

// A lambda stored in a variable and called, and one passed to an algorithm.
void startLocalLambdas(const QList<QImage> &images) {
  std::thread([images] {
    auto toPixmap = [](const QImage &image) { return QPixmap::fromImage(image); };
    // CHECK-MESSAGES: :[[@LINE-1]]:54: warning: call to 'QPixmap::fromImage' on a worker thread is undefined [pixmapcache-off-thread-access]
    // CHECK-MESSAGES: :[[@LINE-2]]:54: note: 'QPixmap' may only be used on the GUI thread
    // CHECK-MESSAGES: :[[@LINE-4]]:15: note: the lambda runs on a worker thread: it is passed to 'std::thread'
    // CHECK-MESSAGES: :[[@LINE+4]]:22: note: the lambda is called here
    // CHECK-MESSAGES: :[[@LINE-5]]:54: note: work on a QImage in the worker
    QList<QPixmap> pixmaps;
    for (const QImage &image : images)
      pixmaps.append(toPixmap(image));
    std::for_each(images.begin(), images.end(), [](const QImage &image) {
      QPixmapCache::insert(QStringLiteral("k"), QPixmap::fromImage(image));
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: call to 'QPixmapCache::insert' on a worker thread silently fails [pixmapcache-off-thread-access]
      // CHECK-MESSAGES: :[[@LINE-2]]:7: note: QPixmapCache works only on the GUI thread since Qt 5.13: elsewhere insert and find return false and the cache never hits
      // CHECK-MESSAGES: :[[@LINE-14]]:15: note: the lambda runs on a worker thread: it is passed to 'std::thread'
      // CHECK-MESSAGES: :[[@LINE-5]]:49: note: the lambda is passed on and may be called here
      // CHECK-MESSAGES: :[[@LINE-5]]:7: note: cache QImage in 'pxc::ImageCache'
      // CHECK-MESSAGES: :[[@LINE-6]]:49: warning: call to 'QPixmap::fromImage' on a worker thread is undefined [pixmapcache-off-thread-access]
      // CHECK-MESSAGES: :[[@LINE-7]]:49: note: 'QPixmap' may only be used on the GUI thread
      // CHECK-MESSAGES: :[[@LINE-19]]:15: note: the lambda runs on a worker thread: it is passed to 'std::thread'
      // CHECK-MESSAGES: :[[@LINE-10]]:49: note: the lambda is passed on and may be called here
      // CHECK-MESSAGES: :[[@LINE-10]]:49: note: work on a QImage in the worker
    });
  }).detach();
}

// ---------------------------------------------------------------------------------------
// Recursion and mutual recursion terminate; one call site reported once for many entries.
// ---------------------------------------------------------------------------------------

void recurse(int n) {
  if (n > 0)
    recurse(n - 1);
  QPixmapCache::clear();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'QPixmapCache::clear' on a worker thread silently fails [pixmapcache-off-thread-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: QPixmapCache works only on the GUI thread since Qt 5.13: elsewhere insert and find return false and the cache never hits
  // CHECK-MESSAGES: :[[@LINE+24]]:15: note: 'recurse' runs on a worker thread: it is passed to 'std::thread'
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: cache QImage in 'pxc::ImageCache'
}
void ping(int n);
void pong(int n) {
  if (n > 0)
    ping(n - 1);
}
void ping(int n) {
  if (n > 0)
    pong(n - 1);
  QPixmap pixmap;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: construction of 'QPixmap' on a worker thread is undefined [pixmapcache-off-thread-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:11: note: 'QPixmap' may only be used on the GUI thread
  // CHECK-MESSAGES: :[[@LINE+11]]:15: note: 'pong' runs on a worker thread: it is passed to 'std::thread'
  // CHECK-MESSAGES: :[[@LINE-9]]:5: note: 'ping' is called here
  // CHECK-MESSAGES: :[[@LINE-5]]:11: note: work on a QImage in the worker
}
void shared() { QPixmapCache::clear(); }
// CHECK-MESSAGES: :[[@LINE-1]]:17: warning: call to 'QPixmapCache::clear' on a worker thread silently fails [pixmapcache-off-thread-access]
// CHECK-MESSAGES: :[[@LINE-2]]:17: note: QPixmapCache works only on the GUI thread since Qt 5.13: elsewhere insert and find return false and the cache never hits
// CHECK-MESSAGES: :[[@LINE+5]]:15: note: 'shared' runs on a worker thread: it is passed to 'std::thread'
// CHECK-MESSAGES: :[[@LINE-4]]:17: note: cache QImage in 'pxc::ImageCache'
void startRecursion() {
  std::thread(recurse, 3).detach();
  std::thread(pong, 3).detach();
  std::thread(shared).detach();
  QtConcurrent::run(shared);
  QThreadPool::globalInstance()->start(shared);
}

// ---------------------------------------------------------------------------------------
// Virtual calls reach every override defined in the translation unit.
// ---------------------------------------------------------------------------------------

struct Job {
  virtual ~Job() = default;
  virtual void execute() = 0;
};
struct ThumbnailJob : Job {
  void execute() override { QPixmapCache::clear(); }
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: call to 'QPixmapCache::clear' on a worker thread silently fails [pixmapcache-off-thread-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:29: note: QPixmapCache works only on the GUI thread since Qt 5.13: elsewhere insert and find return false and the cache never hits
  // CHECK-MESSAGES: :[[@LINE+5]]:21: note: the lambda runs on a worker thread: it is passed to 'QtConcurrent::run'
  // CHECK-MESSAGES: :[[@LINE+4]]:34: note: 'Job::execute' is called and may run an override here
  // CHECK-MESSAGES: :[[@LINE-5]]:29: note: cache QImage in 'pxc::ImageCache'
};
void runJob(Job *job) {
  QtConcurrent::run([job] { job->execute(); });
}

// ---------------------------------------------------------------------------------------
// Not reported.
// ---------------------------------------------------------------------------------------

// The same APIs on the GUI thread.
void onGuiThread(const QImage &image) {
  QPixmap pixmap = QPixmap::fromImage(image);
  QPixmapCache::insert(QStringLiteral("gui"), pixmap);
}

// QImage is thread-safe: loading, painting and caching it in pxc::ImageCache in a worker is
// the recommended fix, with the QPixmap created on the GUI thread.
void imagesInWorker(pxc::ImageCache *cache) {
  QtConcurrent::run([cache] {
    QImage image(64, 64, QImage::Format_ARGB32);
    image.load(QStringLiteral("a.png"));
    QPainter painter(&image);
    painter.end();
    cache->insert(QStringLiteral("a"), image.scaled(32, 32));
    QMetaObject::invokeMethod(qApp, [image] {
      QPixmapCache::insert(QStringLiteral("a"), QPixmap::fromImage(image));
    });
    QMetaObject::invokeMethod(QCoreApplication::instance(), [image] { QPixmap::fromImage(image); },
                              Qt::QueuedConnection);
    QTimer::singleShot(0, qApp, [image] { QPixmap::fromImage(image); });
    // A named lambda handed to the GUI thread.
    auto show = [image] { QPixmap::fromImage(image); };
    QMetaObject::invokeMethod(qApp, show);
  });
}

// A direct connection runs the callable in the calling thread: reported.
void directInvoke(const QImage &image) {
  std::thread([image] {
    QMetaObject::invokeMethod(qApp, [image] { QPixmap::fromImage(image); }, Qt::DirectConnection);
    // CHECK-MESSAGES: :[[@LINE-1]]:47: warning: call to 'QPixmap::fromImage' on a worker thread is undefined [pixmapcache-off-thread-access]
    // CHECK-MESSAGES: :[[@LINE-2]]:47: note: 'QPixmap' may only be used on the GUI thread
    // CHECK-MESSAGES: :[[@LINE-4]]:15: note: the lambda runs on a worker thread: it is passed to 'std::thread'
    // CHECK-MESSAGES: :[[@LINE-4]]:37: note: the lambda is passed on and may be called here
    // CHECK-MESSAGES: :[[@LINE-5]]:47: note: work on a QImage in the worker
  }).detach();
}

// Signals are not followed: a connection to a GUI object is queued to the GUI thread.
class Loader : public QObject {
  Q_OBJECT
public:
  void load() {
    QtConcurrent::run([this] {
      QImage image(4, 4, QImage::Format_ARGB32);
      emit loaded(image);
    });
  }
signals:
  void loaded(const QImage &image);
};
void connectLoader(Loader *loader, QObject *guiObject) {
  QObject::connect(loader, &Loader::loaded, guiObject, [](const QImage &image) {
    QPixmapCache::insert(QStringLiteral("loaded"), QPixmap::fromImage(image));
  });
}

// Look-alikes: same names in other namespaces are not Qt's.
namespace mine {
struct QPixmap {
  QPixmap() {}
  static QPixmap fromImage(const QImage &) { return {}; }
};
struct QPixmapCache {
  static void clear() {}
};
void run(void (*f)()) { f(); }
} // namespace mine
namespace QtConcurrentLookalike {
template <typename F> void run(F f) { f(); }
} // namespace QtConcurrentLookalike
void lookalikes(const QImage &image) {
  std::thread([image] {
    mine::QPixmap pixmap = mine::QPixmap::fromImage(image);
    mine::QPixmapCache::clear();
  }).detach();
  QtConcurrentLookalike::run([] { QPixmapCache::clear(); });
  mine::run([] { QPixmap pixmap; });
}

// Copies of a QPixmap only pass a handle: a worker may receive and hand on a QPixmap.
void copies(QPixmap pixmap) {
  std::thread([pixmap] {
    QPixmap copy = pixmap;
    copy = pixmap;
  }).detach();
}

// Not instantiated, never started: nothing runs.
template <typename T> void neverStarted(T value) {
  std::thread([value] { QPixmap pixmap; }).detach();
}
