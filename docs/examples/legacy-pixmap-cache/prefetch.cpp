// Warms the pixmap cache in the background so that scrolling does not stall.
#include <QtConcurrent/QtConcurrent>
#include <QtGui/QPixmap>
#include <QtGui/QPixmapCache>

static void warm(const QString &file) {
  QPixmap pixmap(file);
  QPixmapCache::insert(file, pixmap);
}

void prefetch(const QStringList &files) {
  (void)QtConcurrent::run([files] {
    for (const QString &file : files)
      warm(file);
  });
}
