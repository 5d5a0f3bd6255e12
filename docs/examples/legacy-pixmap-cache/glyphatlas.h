// A growable buffer of rasterised glyph bitmaps.
#pragma once

#include <cstddef>

class GlyphAtlas {
public:
  ~GlyphAtlas();
  bool append(const unsigned char *bitmap, std::size_t bytes);
  void appendUnchecked(const unsigned char *bitmap, std::size_t bytes);

private:
  unsigned char *data = nullptr;
  std::size_t used = 0;
};
