// A class that other translation units use: its members' parameters come from outside.
#include <QtGui/QImage>

struct Tile {
  qint64 bytes;
  qint64 total = 0;
  Tile(int width, int height);
  void add(const QImage &image);
};
