#include <stdlib.h>
inline void growUser(int *&p, size_t n) { p = static_cast<int *>(realloc(p, n)); }
