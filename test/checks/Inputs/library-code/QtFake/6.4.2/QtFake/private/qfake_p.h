#include <stdlib.h>
inline void growPrivate(int *&p, size_t n) { p = static_cast<int *>(realloc(p, n)); }
