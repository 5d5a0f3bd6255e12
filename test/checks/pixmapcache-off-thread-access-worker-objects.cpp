// The worker-object pattern: a QObject moved to a QThread runs the slots connected to it,
// and the calls queued to it, on that thread.
// RUN: %check_tidy %s pixmapcache-off-thread-access %t -- -std=c++17 %qt_flags
// RUN: %clangxx -std=c++17 -fsyntax-only %qt_flags %s

#include <QtCore/QMetaObject>
#include <QtCore/QObject>
#include <QtCore/QThread>
#include <QtCore/QTimer>
#include <QtGui/QGuiApplication>
#include <QtGui/QImage>
#include <QtGui/QPixmap>
#include <QtGui/QPixmapCache>

class MapView : public QObject {
  Q_OBJECT
public:
Q_SIGNALS:
  void tileNeeded(int tile);

public:
  // The fix: the worker sends a QImage, the GUI thread makes the pixmap.
  void showTile(const QImage &image) { shown = QPixmap::fromImage(image); }
  QPixmap shown;
};

class TileRenderer : public QObject {
  Q_OBJECT
public:
  void warmUp() { QPixmapCache::setCacheLimit(10240); }
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: call to 'QPixmapCache::setCacheLimit' on a worker thread silently fails [pixmapcache-off-thread-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:19: note: QPixmapCache works only on the GUI thread since Qt 5.13: elsewhere insert and find return false and the cache never hits
  // CHECK-MESSAGES: :[[@LINE+47]]:13: note: 'renderer' is moved to the worker thread here
  // CHECK-MESSAGES: :[[@LINE+47]]:57: note: 'TileRenderer::warmUp' runs on a worker thread: it is connected here as a slot of 'renderer', which lives on that thread
  // CHECK-MESSAGES: :[[@LINE-5]]:19: note: cache QImage in 'pxc::ImageCache' (<pxc/image_cache.h>), which is safe on any thread, and create the QPixmap with QPixmap::fromImage on the GUI thread
  void render(int tile) { QPixmap pixmap = QPixmap::fromImage(tileImage(tile)); }
  // CHECK-MESSAGES: :[[@LINE-1]]:44: warning: call to 'QPixmap::fromImage' on a worker thread is undefined [pixmapcache-off-thread-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:44: note: 'QPixmap' may only be used on the GUI thread
  // CHECK-MESSAGES: :[[@LINE+41]]:13: note: 'renderer' is moved to the worker thread here
  // CHECK-MESSAGES: :[[@LINE+42]]:58: note: 'TileRenderer::render' runs on a worker thread: it is connected here as a slot of 'renderer', which lives on that thread
  // CHECK-MESSAGES: :[[@LINE-5]]:44: note: work on a QImage in the worker and create the QPixmap with QPixmap::fromImage on the GUI thread; 'pxc::ImageCache' (<pxc/image_cache.h>) caches QImage on any thread
  void renderByName(int tile) { QPixmap pixmap(tile, tile); }
  // CHECK-MESSAGES: :[[@LINE-1]]:41: warning: construction of 'QPixmap' on a worker thread is undefined [pixmapcache-off-thread-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:41: note: 'QPixmap' may only be used on the GUI thread
  // CHECK-MESSAGES: :[[@LINE+35]]:13: note: 'renderer' is moved to the worker thread here
  // CHECK-MESSAGES: :[[@LINE+37]]:61: note: 'TileRenderer::renderByName' runs on a worker thread: it is connected here as a slot of 'renderer', which lives on that thread
  // CHECK-MESSAGES: :[[@LINE-5]]:41: note: work on a QImage in the worker and create the QPixmap with QPixmap::fromImage on the GUI thread; 'pxc::ImageCache' (<pxc/image_cache.h>) caches QImage on any thread
  void prefetch() { draw(); }
  void later() { QPixmap pixmap(8, 8); }
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: construction of 'QPixmap' on a worker thread is undefined [pixmapcache-off-thread-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:26: note: 'QPixmap' may only be used on the GUI thread
  // CHECK-MESSAGES: :[[@LINE+28]]:13: note: 'renderer' is moved to the worker thread here
  // CHECK-MESSAGES: :[[@LINE+39]]:35: note: 'TileRenderer::later' runs on a worker thread: it is queued here to 'renderer', which lives on that thread
  // CHECK-MESSAGES: :[[@LINE-5]]:26: note: work on a QImage in the worker and create the QPixmap with QPixmap::fromImage on the GUI thread; 'pxc::ImageCache' (<pxc/image_cache.h>) caches QImage on any thread
  void byInvokeName() { QPixmap pixmap(2, 2); }
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: construction of 'QPixmap' on a worker thread is undefined [pixmapcache-off-thread-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:33: note: 'QPixmap' may only be used on the GUI thread
  // CHECK-MESSAGES: :[[@LINE+22]]:13: note: 'renderer' is moved to the worker thread here
  // CHECK-MESSAGES: :[[@LINE+32]]:39: note: 'TileRenderer::byInvokeName' runs on a worker thread: it is queued here to 'renderer', which lives on that thread
  // CHECK-MESSAGES: :[[@LINE-5]]:33: note: work on a QImage in the worker and create the QPixmap with QPixmap::fromImage on the GUI thread; 'pxc::ImageCache' (<pxc/image_cache.h>) caches QImage on any thread
Q_SIGNALS:
  void imageReady(const QImage &image);

public:
  QImage tileImage(int tile) { return QImage(tile, tile, QImage::Format_ARGB32); }

private:
  void draw() { QPixmap pixmap(4, 4); }
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: construction of 'QPixmap' on a worker thread is undefined [pixmapcache-off-thread-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:25: note: 'QPixmap' may only be used on the GUI thread
  // CHECK-MESSAGES: :[[@LINE+9]]:13: note: 'renderer' is moved to the worker thread here
  // CHECK-MESSAGES: :[[@LINE+18]]:39: note: 'TileRenderer::prefetch' runs on a worker thread: it is queued here to 'renderer', which lives on that thread
  // CHECK-MESSAGES: :[[@LINE-25]]:21: note: 'TileRenderer::draw' is called here
  // CHECK-MESSAGES: :[[@LINE-6]]:25: note: work on a QImage in the worker and create the QPixmap with QPixmap::fromImage on the GUI thread; 'pxc::ImageCache' (<pxc/image_cache.h>) caches QImage on any thread
};

void startRenderer(MapView *view) {
  auto *thread = new QThread;
  auto *renderer = new TileRenderer;
  renderer->moveToThread(thread);
  QObject::connect(thread, &QThread::started, renderer, &TileRenderer::warmUp);
  QObject::connect(view, &MapView::tileNeeded, renderer, &TileRenderer::render);
  QObject::connect(view, SIGNAL(tileNeeded(int)), renderer, SLOT(renderByName(int)));
  QObject::connect(view, &MapView::tileNeeded, renderer, [] { QPixmapCache::clear(); });
  // CHECK-MESSAGES: :[[@LINE-1]]:63: warning: call to 'QPixmapCache::clear' on a worker thread silently fails [pixmapcache-off-thread-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:63: note: QPixmapCache works only on the GUI thread since Qt 5.13: elsewhere insert and find return false and the cache never hits
  // CHECK-MESSAGES: :[[@LINE-7]]:13: note: 'renderer' is moved to the worker thread here
  // CHECK-MESSAGES: :[[@LINE-4]]:58: note: the lambda runs on a worker thread: it is connected here as a slot of 'renderer', which lives on that thread
  // CHECK-MESSAGES: :[[@LINE-5]]:63: note: cache QImage in 'pxc::ImageCache' (<pxc/image_cache.h>), which is safe on any thread, and create the QPixmap with QPixmap::fromImage on the GUI thread
  QMetaObject::invokeMethod(renderer, &TileRenderer::prefetch);
  QMetaObject::invokeMethod(renderer, "byInvokeName", Qt::QueuedConnection);
  QTimer::singleShot(0, renderer, &TileRenderer::later);
  // Back to the GUI thread: the fix stays silent.
  QObject::connect(renderer, &TileRenderer::imageReady, view, &MapView::showTile);
  thread->start();
}

// A worker that moves itself in its constructor.
class Prefetcher : public QObject {
public:
  Prefetcher() {
    moveToThread(&workerThread);
    connect(&workerThread, &QThread::started, this, &Prefetcher::run);
  }
  void run() { QPixmap pixmap(16, 16); }
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: construction of 'QPixmap' on a worker thread is undefined [pixmapcache-off-thread-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:24: note: 'QPixmap' may only be used on the GUI thread
  // CHECK-MESSAGES: :[[@LINE-6]]:5: note: 'this' is moved to the worker thread here
  // CHECK-MESSAGES: :[[@LINE-6]]:53: note: 'Prefetcher::run' runs on a worker thread: it is connected here as a slot of 'this', which lives on that thread
  // CHECK-MESSAGES: :[[@LINE-5]]:24: note: work on a QImage in the worker and create the QPixmap with QPixmap::fromImage on the GUI thread; 'pxc::ImageCache' (<pxc/image_cache.h>) caches QImage on any thread

private:
  QThread workerThread;
};

// A member moved in one function, connected in another.
class Controller : public QObject {
public:
  void setUp() { loader->moveToThread(&loaderThread); }
  void wire(MapView *view) { connect(view, &MapView::tileNeeded, loader, &Loader::load); }

  class Loader : public QObject {
  public:
    void load(int tile) { QPixmap pixmap(tile, tile); }
    // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: construction of 'QPixmap' on a worker thread is undefined [pixmapcache-off-thread-access]
    // CHECK-MESSAGES: :[[@LINE-2]]:35: note: 'QPixmap' may only be used on the GUI thread
    // CHECK-MESSAGES: :[[@LINE-8]]:26: note: 'loader' is moved to the worker thread here
    // CHECK-MESSAGES: :[[@LINE-8]]:74: note: 'Controller::Loader::load' runs on a worker thread: it is connected here as a slot of 'loader', which lives on that thread
    // CHECK-MESSAGES: :[[@LINE-5]]:35: note: work on a QImage in the worker and create the QPixmap with QPixmap::fromImage on the GUI thread; 'pxc::ImageCache' (<pxc/image_cache.h>) caches QImage on any thread
  };

private:
  Loader *loader = new Loader;
  QThread loaderThread;
};

// Not reported: objects that are not moved, moved back, moved where the check cannot tell,
// a direct connection (the slot runs in the emitting thread, and tileNeeded is emitted on no
// worker), and another object moved.
class Quiet : public QObject {
public:
  void notMoved() { QPixmap pixmap(1, 1); }
  void movedBack() { QPixmap pixmap(1, 1); }
  void direct() { QPixmap pixmap(1, 1); }
  void current() { QPixmap pixmap(1, 1); }
  void otherMoved() { QPixmap pixmap(1, 1); }
  void render(int) { QPixmap pixmap(1, 1); } // the name of a reported slot
};

void quiet(MapView *view, QThread *thread) {
  auto *stays = new Quiet;
  QObject::connect(view, &MapView::tileNeeded, stays, &Quiet::notMoved);
  QObject::connect(view, &MapView::tileNeeded, stays, &Quiet::render);

  auto *back = new Quiet;
  back->moveToThread(thread);
  back->moveToThread(qApp->thread());
  QObject::connect(view, &MapView::tileNeeded, back, &Quiet::movedBack);

  auto *worker = new Quiet;
  worker->moveToThread(thread);
  QObject::connect(view, &MapView::tileNeeded, worker, &Quiet::direct, Qt::DirectConnection);

  auto *here = new Quiet;
  here->moveToThread(QThread::currentThread());
  QObject::connect(view, &MapView::tileNeeded, here, &Quiet::current);

  auto *moved = new Quiet, *other = new Quiet;
  moved->moveToThread(thread);
  QObject::connect(view, &MapView::tileNeeded, other, &Quiet::otherMoved);
}
