// RUN: %check_tidy %s pixmapcache-off-thread-access %t \
// RUN:   --config="{CheckOptions: {pixmapcache-off-thread-access.GuiThreadOnly: '::QPixmapCache;::legacy::drawThumbnail;::legacy::Canvas', pixmapcache-off-thread-access.ThreadStartFunctions: '::tasks::runInBackground', pixmapcache-off-thread-access.ThreadEntryFunctions: '::Indexer::crawl;::Job::work', pixmapcache-off-thread-access.ThreadBaseClasses: '::fw::Thread'}}" \
// RUN:   -- -std=c++17 %qt_flags
// RUN: %clang_tidy --load=%plugin --checks='-*,pixmapcache-off-thread-access' --dump-config %s -- -std=c++17 %qt_flags | FileCheck --check-prefix=DEFAULTS %s
// DEFAULTS: pixmapcache-off-thread-access.GuiThreadOnly: '::QPixmapCache;::QPixmap;::QIcon::pixmap;::QWidget'
// DEFAULTS: pixmapcache-off-thread-access.ReportEveryUse: 'false'
// DEFAULTS: pixmapcache-off-thread-access.ThreadBaseClasses: ''
// DEFAULTS: pixmapcache-off-thread-access.ThreadEntryFunctions: ''
// DEFAULTS: pixmapcache-off-thread-access.ThreadStartFunctions: ''

#include <QtGui/QPixmap>
#include <QtGui/QPixmapCache>

#include <functional>
#include <thread>

namespace legacy {
void drawThumbnail(const QString &path);
// A listed class: its constructors and every member function.
class Canvas {
public:
  Canvas() = default;
  Canvas(const Canvas &) = default;
  void blit() {}
};
} // namespace legacy

namespace tasks {
// The project's own thread pool: callables passed to it run on a worker.
void runInBackground(std::function<void()> f);
} // namespace tasks

// A framework thread class with its own run().
namespace fw {
class Thread {
public:
  virtual ~Thread() = default;
  virtual void run() = 0;
  virtual void stop() {}
};
} // namespace fw

class Indexer {
public:
  // Listed as running on a worker thread (say, a callback of a C library's thread).
  void crawl() {
    legacy::drawThumbnail(QStringLiteral("a.png"));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: call to 'legacy::drawThumbnail' on a worker thread is undefined [pixmapcache-off-thread-access]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: 'legacy::drawThumbnail' may only be used on the GUI thread
    // CHECK-MESSAGES: :[[@LINE-4]]:8: note: 'Indexer::crawl' runs on a worker thread: it is listed in ThreadEntryFunctions
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: run this code on the GUI thread with QMetaObject::invokeMethod(qApp, ...)
    // CHECK-MESSAGES: :[[@LINE+2]]:20: note: a 'legacy::Canvas' is also constructed here
    // CHECK-MESSAGES: :[[@LINE+3]]:12: note: 'legacy::Canvas::blit' is also called here
    legacy::Canvas canvas;
    legacy::Canvas copy = canvas;
    canvas.blit();
  }
};

struct Job {
  virtual ~Job() = default;
  virtual void work() = 0;
};
struct CacheJob : Job {
  // Overrides a listed virtual method.
  void work() override { QPixmapCache::clear(); }
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: call to 'QPixmapCache::clear' on a worker thread silently fails [pixmapcache-off-thread-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:26: note: QPixmapCache works only on the GUI thread since Qt 5.13: elsewhere insert and find return false and the cache never hits
  // CHECK-MESSAGES: :[[@LINE-3]]:8: note: 'CacheJob::work' runs on a worker thread: it overrides 'Job::work'
  // CHECK-MESSAGES: :[[@LINE-4]]:26: note: cache QImage in 'pxc::ImageCache' (<pxc/image_cache.h>), which is safe on any thread, and create the QPixmap with QPixmap::fromImage on the GUI thread
};

class ScanThread : public fw::Thread {
  void run() override { QPixmapCache::clear(); }
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: call to 'QPixmapCache::clear' on a worker thread silently fails [pixmapcache-off-thread-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:25: note: QPixmapCache works only on the GUI thread since Qt 5.13: elsewhere insert and find return false and the cache never hits
  // CHECK-MESSAGES: :[[@LINE-3]]:8: note: 'ScanThread::run' runs on a worker thread: it overrides 'fw::Thread::run'
  // CHECK-MESSAGES: :[[@LINE-4]]:25: note: cache QImage in 'pxc::ImageCache' (<pxc/image_cache.h>), which is safe on any thread, and create the QPixmap with QPixmap::fromImage on the GUI thread
  // Only run() starts the thread.
  void stop() override { QPixmapCache::clear(); }
};

void start() {
  tasks::runInBackground([] { QPixmapCache::clear(); });
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: call to 'QPixmapCache::clear' on a worker thread silently fails [pixmapcache-off-thread-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:31: note: QPixmapCache works only on the GUI thread since Qt 5.13: elsewhere insert and find return false and the cache never hits
  // CHECK-MESSAGES: :[[@LINE-3]]:26: note: the lambda runs on a worker thread: it is passed to 'tasks::runInBackground'
  // CHECK-MESSAGES: :[[@LINE-4]]:31: note: cache QImage in 'pxc::ImageCache' (<pxc/image_cache.h>), which is safe on any thread, and create the QPixmap with QPixmap::fromImage on the GUI thread
  // QPixmap is not in this configuration's list.
  std::thread([] { QPixmap pixmap; }).detach();
}
