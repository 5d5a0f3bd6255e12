#include <cstdlib>
#include <cstring>

void grow(char *Buffer, std::size_t N) {
  Buffer = static_cast<char *>(realloc(Buffer, N));
  std::memset(Buffer, 0, N);
  std::free(Buffer);
}

void growQuietly(char *Buffer, std::size_t N) {
  Buffer = static_cast<char *>(realloc(Buffer, N)); // NOLINT(pixmapcache-unchecked-realloc)
  std::memset(Buffer, 0, N);
  std::free(Buffer);
}
