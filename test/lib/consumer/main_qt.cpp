// Uses the Qt adapters of the installed pxc package (QImage needs no QGuiApplication).
#include <pxc/image_cache.h>

#include <cstdio>

int main() {
  pxc::ImageCache cache(1024);
  QImage image(16, 16, QImage::Format_ARGB32);
  image.fill(Qt::green);
  QImage found;
  if (!cache.insert(QStringLiteral("green"), image) || !cache.find(QStringLiteral("green"), &found) ||
      found.pixelColor(0, 0) != QColor(Qt::green)) {
    std::puts("pxc Qt consumer: FAILED");
    return 1;
  }
  std::puts("pxc Qt consumer: ok");
  return 0;
}
