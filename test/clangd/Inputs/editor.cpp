#include <QtCore/QCache>
#include <QtGui/QImage>

#include <cstdlib>

struct KeyArray {
  int *keys = nullptr;
  void grow(int size) {
    keys = static_cast<int *>(realloc(keys, size * sizeof(int)));
    keys[size - 1] = 0;
  }
};

const QImage *thumbnail(QCache<int, QImage> &cache, int key) {
  auto *image = new QImage(64, 64, QImage::Format_ARGB32);
  cache.insert(key, image, 16);
  return image;
}

int width(const KeyArray &array) { return array.keys[0]; }
