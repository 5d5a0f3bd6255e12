#include "renderer.h"
#include <QtGui/QPixmap>

void Renderer::render(int tile) {
  QPixmap pixmap(tile, tile);
  Q_EMIT rendered(tile);
}
