#include <stdlib.h>
inline void growForwarded(int *&p, size_t n) { p = static_cast<int *>(realloc(p, n)); }
