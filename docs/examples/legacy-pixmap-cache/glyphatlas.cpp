#include "glyphatlas.h"

#include <cstdlib>
#include <cstring>

GlyphAtlas::~GlyphAtlas() { std::free(data); }

// Correct: the grown block is checked before it replaces the old one.
bool GlyphAtlas::append(const unsigned char *bitmap, std::size_t bytes) {
  auto *grown = static_cast<unsigned char *>(std::realloc(data, used + bytes));
  if (!grown)
    return false;
  data = grown;
  std::memcpy(data + used, bitmap, bytes);
  used += bytes;
  return true;
}

// Defective: the copy goes through the new pointer before anyone asks whether it is null.
void GlyphAtlas::appendUnchecked(const unsigned char *bitmap, std::size_t bytes) {
  auto *grown = static_cast<unsigned char *>(std::realloc(data, used + bytes));
  std::memcpy(grown + used, bitmap, bytes);
  data = grown;
  used += bytes;
}
