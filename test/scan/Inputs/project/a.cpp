#include "worker.h"

#include <QtCore/QThread>

class Thumbnailer : public QThread {
  void run() override { cachedThumbnail(nullptr); }
};

void start() { (new Thumbnailer)->start(); }
