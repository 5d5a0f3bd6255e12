// Thumbnails of images, cached by file name.
#pragma once

#include <QtCore/QCache>
#include <QtCore/QString>
#include <QtGui/QImage>

class ThumbnailCache {
public:
  const QImage *thumbnail(const QString &fileName);

private:
  QCache<QString, QImage> cache{64 * 1024};
};
