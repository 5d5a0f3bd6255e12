#include <QtConcurrent/QtConcurrent>
#include <QtCore/QCache>
#include <QtGui/QImage>
#include <QtGui/QPixmapCache>

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

qint64 pixelBytes(const QImage &image) { return image.width() * image.height() * 4; }

struct SharedKey {
  int ref = 1;
};

class Key {
public:
  Key(const Key &other) : d(other.d) { ++d->ref; }
  Key &operator=(const Key &) = delete;
  ~Key() {
    if (!--d->ref)
      delete d;
  }

private:
  SharedKey *d;
};

void warmInBackground() {
  (void)QtConcurrent::run([] { QPixmapCache::clear(); });
}
