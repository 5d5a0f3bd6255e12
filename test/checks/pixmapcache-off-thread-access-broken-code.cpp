// Half-typed code, as clangd sees it on every keystroke: the check must not crash, must stay
// silent where the code it cannot see may change the answer, and must still report the
// intact functions.
// RUN: not %clang_tidy --load=%plugin --checks='-*,pixmapcache-off-thread-access' %s -- -std=c++17 %qt_flags 2>&1 | FileCheck %s --implicit-check-not='warning:'

#include <QtConcurrent/QtConcurrent>
#include <QtGui/QGuiApplication>
#include <QtGui/QPixmap>
#include <QtGui/QPixmapCache>

#include <thread>

// The hand-off to the GUI thread is being typed: the unbalanced call drops the whole
// statement, and with it the marshalling. Nothing is reported in this function.
void marshalling(const QImage &image) {
  std::thread([image] {
    QMetaObject::invokeMethod(qApp, [image] { QPixmap::fromImage(image); }
  }).detach();
}

void unknownCallee() {
  QtConcurrent::run([] { notDeclaredYet(QPixmapCache::find(QStringLiteral("k"))); });
}

void unknownEntry() {
  Unknown::start([] { QPixmapCache::clear(); });
}

class Incomplete;
void incompleteContext(Incomplete *object) {
  std::thread([object] { QMetaObject::invokeMethod(object, [] { QPixmapCache::clear(); }); }).detach();
}

// An intact function in the same file is still reported.
void intact() {
  std::thread([] { QPixmapCache::clear(); }).detach();
  // CHECK: :[[@LINE-1]]:20: warning: call to 'QPixmapCache::clear' on a worker thread silently fails
}
