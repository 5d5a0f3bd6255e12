// One root cause, one finding: a function that a worker thread reaches is reported once, at
// its first GUI-only use, with its other uses as notes. ReportEveryUse reports each use.
// RUN: %check_tidy %s pixmapcache-off-thread-access %t -- -std=c++17 %qt_flags
// RUN: %clang_tidy --load=%plugin --checks='-*,pixmapcache-off-thread-access' %s \
// RUN:   --config="{CheckOptions: {pixmapcache-off-thread-access.ReportEveryUse: true}}" \
// RUN:   -- -std=c++17 %qt_flags 2>&1 | FileCheck --check-prefix=EVERY --implicit-check-not='is also' %s
// Every use is a warning of its own, and no use is a note of another.
// EVERY-COUNT-8: warning:
// EVERY-NOT: warning:
// RUN: %clangxx -std=c++17 -fsyntax-only %qt_flags %s

#include <QtConcurrent/QtConcurrent>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QSpinBox>
#include <QtWidgets/QWidget>

// A dialog's handler starts a member function that reads and builds widgets on a worker.
class Tool : public QWidget {
public:
  void onComputeClicked() { QtConcurrent::run(&Tool::slotCompute, this); }

private:
  void slotCompute() {
    const int mode = modeBox->currentIndex();
    // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: call to 'QComboBox::currentIndex' on a worker thread is undefined [pixmapcache-off-thread-access]
    // CHECK-MESSAGES: :[[@LINE-2]]:31: note: widgets may only be used on the GUI thread
    // CHECK-MESSAGES: :[[@LINE-7]]:47: note: 'Tool::slotCompute' runs on a worker thread: it is passed to 'QtConcurrent::run'
    // CHECK-MESSAGES: :[[@LINE-4]]:31: note: hand the work to the GUI thread with QMetaObject::invokeMethod(widget, ...) or a queued signal
    // CHECK-MESSAGES: :[[@LINE+3]]:11: note: 'QSpinBox::setValue' is also called here
    // CHECK-MESSAGES: :[[@LINE+3]]:11: note: 'QSpinBox::setMaximum' is also called here
    // CHECK-MESSAGES: :[[@LINE+3]]:13: note: a 'QPixmap' is also constructed here
    spin->setValue(mode);
    spin->setMaximum(mode * 2);
    QPixmap preview(mode, mode);
    showResult();
  }
  void showResult() {
    spin->setEnabled(true);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: call to 'QWidget::setEnabled' on a worker thread is undefined [pixmapcache-off-thread-access]
    // CHECK-MESSAGES: :[[@LINE-2]]:11: note: widgets may only be used on the GUI thread
    // CHECK-MESSAGES: :[[@LINE-21]]:47: note: 'Tool::slotCompute' runs on a worker thread: it is passed to 'QtConcurrent::run'
    // CHECK-MESSAGES: :[[@LINE-7]]:5: note: 'Tool::showResult' is called here
    // CHECK-MESSAGES: :[[@LINE-5]]:11: note: hand the work to the GUI thread with QMetaObject::invokeMethod(widget, ...) or a queued signal
    // CHECK-MESSAGES: :[[@LINE+1]]:11: note: 'QWidget::setToolTip' is also called here
    spin->setToolTip(QString());
  }

  QComboBox *modeBox = nullptr;
  QSpinBox *spin = nullptr;
};

// A template instantiated twice is one function in the source: one finding.
template <typename T> void drawAll(T scale) {
  QPixmap canvas(static_cast<int>(scale), 8);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: construction of 'QPixmap' on a worker thread is undefined [pixmapcache-off-thread-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:11: note: 'QPixmap' may only be used on the GUI thread
  // CHECK-MESSAGES: :[[@LINE+8]]:21: note: the lambda runs on a worker thread: it is passed to 'QtConcurrent::run'
  // CHECK-MESSAGES: :[[@LINE+7]]:26: note: 'drawAll' is called here
  // CHECK-MESSAGES: :[[@LINE-5]]:11: note: work on a QImage in the worker and create the QPixmap with QPixmap::fromImage on the GUI thread; 'pxc::ImageCache' (<pxc/image_cache.h>) caches QImage on any thread
  // CHECK-MESSAGES: :[[@LINE+1]]:10: note: 'QPixmap::fill' is also called here
  canvas.fill();
}

void startBoth() {
  QtConcurrent::run([] { drawAll(1); });
  QtConcurrent::run([] { drawAll(2.0); });
}
