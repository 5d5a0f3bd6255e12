// Widgets: their methods, construction and painting on them belong to the GUI thread; a
// widget is also a context object of the GUI thread for marshalling.
// RUN: %check_tidy %s pixmapcache-off-thread-access %t -- -std=c++17 %qt_flags
// RUN: %clangxx -std=c++17 -fsyntax-only %qt_flags %s

#include <QtConcurrent/QtConcurrent>
#include <QtCore/QTimer>
#include <QtGui/QPainter>
#include <QtWidgets/QApplication>
#include <QtWidgets/QLabel>

class PreviewView : public QWidget {
public:
  explicit PreviewView(QWidget *parent = nullptr) : QWidget(parent), label(new QLabel(this)) {}

  // The correct pattern: decode a QImage in the worker, create the QPixmap and touch the
  // widgets on the GUI thread.
  void load(const QString &path) {
    QtConcurrent::run([this, path] {
      const QImage image(path);
      QMetaObject::invokeMethod(this, [this, image] {
        label->setPixmap(QPixmap::fromImage(image));
        update();
      });
      QMetaObject::invokeMethod(label, [this] { label->adjustSize(); }, Qt::QueuedConnection);
      QTimer::singleShot(0, this, [this] { repaint(); });
      // Thread-safe QObject API on a widget.
      deleteLater();
      label->setProperty("loading", false);
      QCoreApplication::postEvent(this, new QEvent(QEvent::UpdateRequest));
    });
  }

  // The usual bug: the same, all in the worker.
  void loadWrongly(const QString &path) {
    QtConcurrent::run([this, path] { show(QImage(path)); });
  }

  int pendingCount() const { return pending; }

private:
  void show(const QImage &image) {
    label->setPixmap(QPixmap::fromImage(image));
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: call to 'QLabel::setPixmap' on a worker thread is undefined [pixmapcache-off-thread-access]
    // CHECK-MESSAGES: :[[@LINE-2]]:12: note: widgets may only be used on the GUI thread
    // CHECK-MESSAGES: :[[@LINE-10]]:23: note: the lambda runs on a worker thread: it is passed to 'QtConcurrent::run'
    // CHECK-MESSAGES: :[[@LINE-11]]:38: note: 'PreviewView::show' is called here
    // CHECK-MESSAGES: :[[@LINE-5]]:12: note: hand the work to the GUI thread with QMetaObject::invokeMethod(widget, ...) or a queued signal
    // CHECK-MESSAGES: :[[@LINE-6]]:22: note: 'QPixmap::fromImage' is also called here
    refresh();
  }
  // A method the user added to a widget is followed, not reported itself.
  void refresh() {
    if (pendingCount() > 0)
      update();
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: call to 'QWidget::update' on a worker thread is undefined [pixmapcache-off-thread-access]
      // CHECK-MESSAGES: :[[@LINE-2]]:7: note: widgets may only be used on the GUI thread
      // CHECK-MESSAGES: :[[@LINE-22]]:23: note: the lambda runs on a worker thread: it is passed to 'QtConcurrent::run'
      // CHECK-MESSAGES: :[[@LINE-23]]:38: note: 'PreviewView::show' is called here
      // CHECK-MESSAGES: :[[@LINE-10]]:5: note: 'PreviewView::refresh' is called here
      // CHECK-MESSAGES: :[[@LINE-6]]:7: note: hand the work to the GUI thread with QMetaObject::invokeMethod(widget, ...) or a queued signal
  }

  QLabel *label;
  int pending = 0;
};

// Constructing widgets, Qt's and the user's, and painting on one.
void buildInWorker(QWidget *target) {
  std::thread([target] {
    QLabel label;
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: construction of 'QLabel' on a worker thread is undefined [pixmapcache-off-thread-access]
    // CHECK-MESSAGES: :[[@LINE-2]]:12: note: widgets may only be used on the GUI thread
    // CHECK-MESSAGES: :[[@LINE-4]]:15: note: the lambda runs on a worker thread: it is passed to 'std::thread'
    // CHECK-MESSAGES: :[[@LINE-4]]:12: note: hand the work to the GUI thread with QMetaObject::invokeMethod(widget, ...) or a queued signal
    // CHECK-MESSAGES: :[[@LINE+2]]:22: note: a 'PreviewView' is also constructed here
    // CHECK-MESSAGES: :[[@LINE+2]]:22: note: a 'QWidget' is also painted on here
    auto *view = new PreviewView;
    QPainter painter(target);
    delete view;
  }).detach();
}

// A direct connection to a widget runs the callable in the calling thread.
void directToWidget(QLabel *label) {
  std::thread([label] {
    QMetaObject::invokeMethod(label, [label] { label->clear(); }, Qt::DirectConnection);
    // CHECK-MESSAGES: :[[@LINE-1]]:55: warning: call to 'QLabel::clear' on a worker thread is undefined [pixmapcache-off-thread-access]
    // CHECK-MESSAGES: :[[@LINE-2]]:55: note: widgets may only be used on the GUI thread
    // CHECK-MESSAGES: :[[@LINE-4]]:15: note: the lambda runs on a worker thread: it is passed to 'std::thread'
    // CHECK-MESSAGES: :[[@LINE-4]]:38: note: the lambda is passed on and may be called here
    // CHECK-MESSAGES: :[[@LINE-5]]:55: note: hand the work to the GUI thread with QMetaObject::invokeMethod(widget, ...) or a queued signal
  }).detach();
}
