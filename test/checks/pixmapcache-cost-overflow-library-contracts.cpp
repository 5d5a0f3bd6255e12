// What libraries promise about the values they hand out bounds a product where no guard in
// the caller shows it. libpng rejects images wider or higher than 1,000,000 pixels unless the
// program raises its limits; QImage::depth() is at most 128.
// RUN: %check_tidy %s pixmapcache-cost-overflow %t -- -std=c++17 %qt_flags
// RUN: %check_tidy --check-suffixes=RAISED %s pixmapcache-cost-overflow %t-raised -- \
// RUN:   -std=c++17 %qt_flags -DRAISED_LIMITS
// RUN: %clangxx -std=c++17 -fsyntax-only %qt_flags -DRAISED_LIMITS %t-raised.cpp

#include <QtGui/QImage>

#include <cstdlib>

extern "C" {
struct png_struct;
struct png_info;
unsigned png_get_IHDR(png_struct *, png_info *, unsigned *width, unsigned *height,
                      int *bitDepth, int *colorType, int *interlace, int *compression,
                      int *filter);
void png_set_user_limits(png_struct *, unsigned maxWidth, unsigned maxHeight);
}

void *pngRows(png_struct *png, png_info *info) {
#ifdef RAISED_LIMITS
  png_set_user_limits(png, 0x7fffffff, 0x7fffffff);
#endif
  unsigned width = 0, height = 0;
  int bitDepth = 0, color = 0, interlace = 0, compression = 0, filter = 0;
  png_get_IHDR(png, info, &width, &height, &bitDepth, &color, &interlace, &compression,
               &filter);
  return malloc(width * 4);
  // CHECK-MESSAGES-RAISED: :[[@LINE-1]]:17: warning: multiplication in 'unsigned int' can overflow before it is passed as the size to 'malloc' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES-RAISED: :[[@LINE-2]]:17: note: 'width' is written by 'png_get_IHDR' at line 28, which this translation unit does not define, and no guard bounds it
  // CHECK-MESSAGES-RAISED: :[[@LINE-3]]:10: note: the 'unsigned int' result is widened to 'size_t' (aka 'unsigned long') only here
  // CHECK-MESSAGES-RAISED: :[[@LINE-4]]:17: note: widen the first operand to 'size_t' so that the whole product is computed in 'size_t'
  // CHECK-FIXES-RAISED: {{^}}  return malloc(static_cast<size_t>(width) * 4);{{$}}
}

// Bytes of a row of any image: its depth is at most 128 bits.
long long rowBytesOf(const QImage &image) { return image.width() * image.depth() / 8; }
