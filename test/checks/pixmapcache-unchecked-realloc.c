// C code: the same defects, with advice for C instead of the C++ helper, and no fix-it.
// RUN: %check_tidy %s pixmapcache-unchecked-realloc %t -- -std=c11

#include <stdlib.h>
#include <string.h>

struct buffer {
  char *data;
  size_t size;
};

void append(struct buffer *b, const char *text, size_t n) {
  b->data = realloc(b->data, b->size + n);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'b->data' may be set to null if 'realloc' fails, leaking the block it pointed to [pixmapcache-unchecked-realloc]
  // CHECK-MESSAGES: :[[@LINE+3]]:3: note: 'b->data + b->size' is passed to 'memcpy' here before it is checked for null
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: store the result in a temporary and check it for null before assigning it to 'b->data'
  // CHECK-FIXES: {{^}}  b->data = realloc(b->data, b->size + n);{{$}}
  memcpy(b->data + b->size, text, n);
  b->size += n;
}

int appendChecked(struct buffer *b, const char *text, size_t n) {
  char *grown = realloc(b->data, b->size + n);
  if (grown == NULL)
    return -1;
  b->data = grown;
  memcpy(b->data + b->size, text, n);
  b->size += n;
  return 0;
}

char *growLine(char *line, size_t n) {
  char *grown = realloc(line, n);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: result of 'realloc' is used without a null check; it is null when the allocation fails [pixmapcache-unchecked-realloc]
  // CHECK-MESSAGES: :[[@LINE+2]]:3: note: 'grown' is indexed here before it is checked for null
  // CHECK-MESSAGES: :[[@LINE-3]]:17: note: check the result for null before this use; on failure the old block is still valid and must be freed or kept
  grown[n - 1] = '\0';
  return grown;
}
