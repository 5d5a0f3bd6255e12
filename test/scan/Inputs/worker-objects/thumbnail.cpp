#include "loader.h"
#include <QtGui/QPixmap>

int makeThumbnail(int tile) {
  QPixmap pixmap(tile, tile);
  return pixmap.width();
}
