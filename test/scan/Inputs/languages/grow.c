#include <stdlib.h>
void grow(char *b, size_t n) {
  b = realloc(b, n);
  b[0] = 0;
  free(b);
}
