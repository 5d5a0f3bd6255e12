// A Qt-heavy translation unit for the latency benchmark: the umbrella headers of QtCore,
// QtGui and QtConcurrent, and a little of every defect the checks look for.
#include <QtConcurrent/QtConcurrent>
#include <QtCore/QtCore>
#include <QtGui/QtGui>

#include <cstdlib>

struct KeyArray {
  int *keys = nullptr;
  void grow(int size) {
    keys = static_cast<int *>(realloc(keys, size * sizeof(int)));
    keys[size - 1] = 0;
  }
};

const QImage *thumbnail(QCache<QString, QImage> &cache, const QString &file) {
  auto *image = new QImage(file);
  const int cost = image->width() * image->height() * image->depth() / 8 / 1024;
  cache.insert(file, image, cost);
  return image;
}

void warmInBackground(const QStringList &files) {
  (void)QtConcurrent::run([files] {
    for (const QString &file : files) {
      QPixmap pixmap(file);
      QPixmapCache::insert(file, pixmap);
    }
  });
}
