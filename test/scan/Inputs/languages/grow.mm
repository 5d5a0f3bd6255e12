#include <cstdlib>
@interface Grower
- (void)grow:(char *)b size:(std::size_t)n;
@end
@implementation Grower
- (void)grow:(char *)b size:(std::size_t)n {
  b = static_cast<char *>(realloc(b, n));
  b[0] = 0;
  free(b);
}
@end
void growPlain(char *b, std::size_t n) {
  b = static_cast<char *>(realloc(b, n));
  b[0] = 0;
}
