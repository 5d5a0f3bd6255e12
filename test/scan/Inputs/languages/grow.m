#include <stdlib.h>
@interface Grower
- (void)grow:(char *)b size:(size_t)n;
@end
@implementation Grower
- (void)grow:(char *)b size:(size_t)n {
  b = realloc(b, n);
  b[0] = 0;
}
@end
