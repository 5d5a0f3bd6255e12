#include <QtGui/QPixmapCache>
#include <cstdlib>

inline void growInHeader(char *b, std::size_t n) {
  b = static_cast<char *>(realloc(b, n));
  b[0] = 0;
}

inline void clearCache() { QPixmapCache::clear(); }
