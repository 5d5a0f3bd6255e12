#include "decoder.h"
#include <QtGui/QPixmap>

void Decoder::decode() {
  Q_EMIT progress(50);
  auto *cleaner = new Cleaner;
  QMetaObject::invokeMethod(cleaner, &Cleaner::clean, Qt::QueuedConnection);
}

void Cleaner::clean() { QPixmap placeholder(1, 1); }
