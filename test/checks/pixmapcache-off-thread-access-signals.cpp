// Signals emitted on a worker thread: a slot connected directly (no context object, or
// Qt::DirectConnection) runs in the emitting thread; a slot with a GUI-thread context object
// is queued to the GUI thread. QThread::started and finished are emitted by the thread itself.
// RUN: %check_tidy %s pixmapcache-off-thread-access %t -- -std=c++17 %qt_flags
// RUN: %clangxx -std=c++17 -fsyntax-only %qt_flags %s

#include <QtCore/QObject>
#include <QtCore/QThread>
#include <QtGui/QImage>
#include <QtGui/QPixmap>
#include <QtGui/QPixmapCache>
#include <QtWidgets/QLabel>
#include <QtWidgets/QProgressBar>

class Decoder : public QObject {
  Q_OBJECT
public:
  void decode() {
    Q_EMIT progress(50);
    finish();
  }
  void finish() {
    Q_EMIT decoded(QImage(4, 4, QImage::Format_ARGB32));
    Q_EMIT done();
  }
Q_SIGNALS:
  void progress(int percent);
  void decoded(const QImage &image);
  void done();
  void neverEmitted();
};

class Window : public QWidget {
  Q_OBJECT
public:
  void start() {
    auto *thread = new QThread(this);
    auto *decoder = new Decoder;
    decoder->moveToThread(thread);
    connect(thread, &QThread::started, decoder, &Decoder::decode);
    // No context object: the lambda runs in the thread that emits, the worker.
    connect(decoder, &Decoder::progress, [this](int percent) { bar->setValue(percent); });
    // CHECK-MESSAGES: :[[@LINE-1]]:69: warning: call to 'QProgressBar::setValue' on a worker thread is undefined [pixmapcache-off-thread-access]
    // CHECK-MESSAGES: :[[@LINE-2]]:69: note: widgets may only be used on the GUI thread
    // CHECK-MESSAGES: :[[@LINE-6]]:14: note: 'decoder' is moved to the worker thread here
    // CHECK-MESSAGES: :[[@LINE-6]]:49: note: 'Decoder::decode' runs on a worker thread: it is connected here as a slot of 'decoder', which lives on that thread
    // CHECK-MESSAGES: :[[@LINE-28]]:12: note: 'Decoder::progress' is called here
    // CHECK-MESSAGES: :[[@LINE-6]]:42: note: the lambda is connected here directly: it runs in the thread that emits the signal
    // CHECK-MESSAGES: :[[@LINE-7]]:69: note: hand the work to the GUI thread with QMetaObject::invokeMethod(widget, ...) or a queued signal
    // Qt::DirectConnection: the window's slot runs in the emitting thread too.
    connect(decoder, &Decoder::decoded, this, &Window::showImage, Qt::DirectConnection);
    connect(decoder, SIGNAL(done()), this, SLOT(refresh()), Qt::DirectConnection);
    // The fix: with the window as context object, queued to the GUI thread.
    connect(decoder, &Decoder::decoded, this, &Window::showImageQueued);
    connect(decoder, &Decoder::progress, this, [this](int percent) { other->setValue(percent); });
    // A signal nobody emits on a worker.
    connect(decoder, &Decoder::neverEmitted, [this] { label->clear(); });
    thread->start();
  }

  void startPlain() {
    auto *thread = new QThread;
    // Emitted by the new thread, with no context object: runs there.
    connect(thread, &QThread::started, [] { QPixmapCache::clear(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:45: warning: call to 'QPixmapCache::clear' on a worker thread silently fails [pixmapcache-off-thread-access]
    // CHECK-MESSAGES: :[[@LINE-2]]:45: note: QPixmapCache works only on the GUI thread since Qt 5.13: elsewhere insert and find return false and the cache never hits
    // CHECK-MESSAGES: :[[@LINE-3]]:40: note: the lambda runs on a worker thread: it is connected here directly to 'QThread::started', which the thread emits
    // CHECK-MESSAGES: :[[@LINE-4]]:45: note: cache QImage in 'pxc::ImageCache' (<pxc/image_cache.h>), which is safe on any thread, and create the QPixmap with QPixmap::fromImage on the GUI thread
    // With the window as context: queued to the GUI thread.
    connect(thread, &QThread::finished, this, [this] { label->clear(); });
    thread->start();
  }

  void showImage(const QImage &image) { label->setPixmap(QPixmap::fromImage(image)); }
  // CHECK-MESSAGES: :[[@LINE-1]]:48: warning: call to 'QLabel::setPixmap' on a worker thread is undefined [pixmapcache-off-thread-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:48: note: widgets may only be used on the GUI thread
  // CHECK-MESSAGES: :[[@LINE-38]]:14: note: 'decoder' is moved to the worker thread here
  // CHECK-MESSAGES: :[[@LINE-38]]:49: note: 'Decoder::decode' runs on a worker thread: it is connected here as a slot of 'decoder', which lives on that thread
  // CHECK-MESSAGES: :[[@LINE-59]]:5: note: 'Decoder::finish' is called here
  // CHECK-MESSAGES: :[[@LINE-57]]:12: note: 'Decoder::decoded' is called here
  // CHECK-MESSAGES: :[[@LINE-30]]:47: note: 'Window::showImage' is connected here directly: it runs in the thread that emits the signal
  // CHECK-MESSAGES: :[[@LINE-8]]:48: note: hand the work to the GUI thread with QMetaObject::invokeMethod(widget, ...) or a queued signal
  // CHECK-MESSAGES: :[[@LINE-9]]:58: note: 'QPixmap::fromImage' is also called here
  void showImageQueued(const QImage &image) { label->setPixmap(QPixmap::fromImage(image)); }
public Q_SLOTS:
  void refresh() { label->update(); }
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: call to 'QWidget::update' on a worker thread is undefined [pixmapcache-off-thread-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:27: note: widgets may only be used on the GUI thread
  // CHECK-MESSAGES: :[[@LINE-50]]:14: note: 'decoder' is moved to the worker thread here
  // CHECK-MESSAGES: :[[@LINE-50]]:49: note: 'Decoder::decode' runs on a worker thread: it is connected here as a slot of 'decoder', which lives on that thread
  // CHECK-MESSAGES: :[[@LINE-71]]:5: note: 'Decoder::finish' is called here
  // CHECK-MESSAGES: :[[@LINE-68]]:12: note: 'Decoder::done' is called here
  // CHECK-MESSAGES: :[[@LINE-41]]:44: note: 'Window::refresh' is connected here directly: it runs in the thread that emits the signal
  // CHECK-MESSAGES: :[[@LINE-8]]:27: note: hand the work to the GUI thread with QMetaObject::invokeMethod(widget, ...) or a queued signal

private:
  QLabel *label = nullptr;
  QProgressBar *bar = nullptr, *other = nullptr;
};

// A signal emitted only on the GUI thread: its direct slots run there.
class Settings : public QObject {
  Q_OBJECT
public:
  void set() { Q_EMIT changed(); }
Q_SIGNALS:
  void changed();
};

void watchSettings(Settings *settings, QLabel *label) {
  QObject::connect(settings, &Settings::changed, [label] { label->clear(); });
  settings->set();
}

// Recursion through a signal: a slot that emits the signal it is connected to ends.
class Crawler : public QObject {
  Q_OBJECT
public:
  void crawl(int depth) {
    if (depth > 0)
      Q_EMIT found(depth - 1);
    QPixmap thumbnail(depth, depth);
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: construction of 'QPixmap' on a worker thread is undefined [pixmapcache-off-thread-access]
    // CHECK-MESSAGES: :[[@LINE-2]]:13: note: 'QPixmap' may only be used on the GUI thread
    // CHECK-MESSAGES: :[[@LINE+11]]:12: note: 'crawler' is moved to the worker thread here
    // CHECK-MESSAGES: :[[@LINE+11]]:56: note: the lambda runs on a worker thread: it is connected here as a slot of 'crawler', which lives on that thread
    // CHECK-MESSAGES: :[[@LINE+10]]:77: note: 'Crawler::crawl' is called here
    // CHECK-MESSAGES: :[[@LINE-6]]:13: note: work on a QImage in the worker and create the QPixmap with QPixmap::fromImage on the GUI thread; 'pxc::ImageCache' (<pxc/image_cache.h>) caches QImage on any thread
  }
Q_SIGNALS:
  void found(int depth);
};

void startCrawler(QThread *thread) {
  auto *crawler = new Crawler;
  crawler->moveToThread(thread);
  QObject::connect(thread, &QThread::started, crawler, [crawler] { crawler->crawl(3); });
  QObject::connect(crawler, &Crawler::found, crawler, &Crawler::crawl, Qt::DirectConnection);
}
