#include "worker.h"

#include <QtGui/QPixmapCache>

bool cachedThumbnail(QPixmap *Out) { return QPixmapCache::find(QStringLiteral("thumb"), Out); }
