#include <stdlib.h>
inline void growFramework(int *&p, size_t n) { p = static_cast<int *>(realloc(p, n)); }
