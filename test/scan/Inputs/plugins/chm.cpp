#include "generator.h"

#include <QtGui/QPixmapCache>

// A generator that is not thread-safe: the framework never runs it on the worker thread.
class ChmGenerator : public Generator {
public:
  QString text() override {
    QPixmapCache::clear();
    return {};
  }
};

Generator *makeChmGenerator() { return new ChmGenerator; }
