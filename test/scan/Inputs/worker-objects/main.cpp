#include "loader.h"
#include <QtCore/QThread>
#include <QtCore/QTimer>

void startLoader(QTimer *timer) {
  auto *thread = new QThread;
  auto *loader = new Loader;
  loader->moveToThread(thread);
  QObject::connect(timer, &QTimer::timeout, loader, [loader] { loader->load(1); });
  thread->start();
}
