#include "renderer.h"
#include <QtCore/QThread>
#include <QtGui/QGuiApplication>

int main(int argc, char **argv) {
  QGuiApplication app(argc, argv);
  auto *thread = new QThread;
  auto *renderer = new Renderer;
  renderer->moveToThread(thread);
  QObject::connect(thread, &QThread::started, renderer, [renderer] { renderer->render(64); });
  thread->start();
  return app.exec();
}
