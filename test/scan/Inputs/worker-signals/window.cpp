#include "decoder.h"
#include <QtCore/QThread>
#include <QtGui/QPixmapCache>

void startDecoder() {
  auto *thread = new QThread;
  auto *decoder = new Decoder;
  decoder->moveToThread(thread);
  QObject::connect(thread, &QThread::started, decoder, &Decoder::decode);
  QObject::connect(decoder, &Decoder::progress, [] { QPixmapCache::clear(); });
  thread->start();
}
