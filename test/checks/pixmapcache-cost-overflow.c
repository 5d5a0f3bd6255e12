// In C the fix-it widens with a C cast.
// RUN: %check_tidy %s pixmapcache-cost-overflow %t -- -std=c11
// RUN: %clangc -std=c11 -fsyntax-only %t.c

#include <stdint.h>
#include <stdlib.h>

unsigned char *allocate_rgba(int width, int height) {
  return malloc(width * height * 4);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: multiplication in 'int' can overflow before it is passed as the size to 'malloc' [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:17: note: 'width' is a parameter of 'allocate_rgba', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-3]]:25: note: 'height' is a parameter of 'allocate_rgba', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: the 'int' result is widened to 'size_t' (aka 'unsigned long') only here
  // CHECK-MESSAGES: :[[@LINE-5]]:17: note: widen the first operand to 'size_t' so that the whole product is computed in 'size_t'
  // CHECK-FIXES: {{^}}  return malloc((size_t)width * height * 4);{{$}}
}

int64_t row_bytes(int stride, int rows) {
  int64_t bytes = (int64_t)(stride * rows);
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: multiplication in 'int' can overflow before it is cast to 'int64_t' (aka 'long') [pixmapcache-cost-overflow]
  // CHECK-MESSAGES: :[[@LINE-2]]:29: note: 'stride' is a parameter of 'row_bytes', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-3]]:38: note: 'rows' is a parameter of 'row_bytes', which other translation units can call with any value, and no guard bounds it
  // CHECK-MESSAGES: :[[@LINE-4]]:19: note: the 'int' result is widened to 'int64_t' (aka 'long') only here
  // CHECK-MESSAGES: :[[@LINE-5]]:29: note: widen the first operand to 'int64_t' so that the whole product is computed in 'int64_t'
  // CHECK-FIXES: {{^}}  int64_t bytes = (int64_t)stride * rows;{{$}}
  return bytes;
}

/* Checked with the builtin that C23's ckd_mul expands to. */
int64_t checked_bytes(int width, int height) {
  int pixels;
  if (__builtin_mul_overflow(width, height, &pixels))
    return -1;
  return width * height;
}

void *zeroed(int width, int height) {
  if (width > 16384 || height > 16384)
    return NULL;
  return calloc(width * height, 4);
}
