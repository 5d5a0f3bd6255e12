// Half-typed code, as clangd sees it on every keystroke: the check must not crash, must stay
// silent on calls it cannot understand, and must still report the intact function.
// RUN: not %clang_tidy --load=%plugin --checks='-*,pixmapcache-unchecked-realloc' %s -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not='warning:'

#include <cstdlib>
#include <cstring>

void missingArgument(int *values) {
  values = static_cast<int *>(realloc(values));
}

void undeclaredSize(int *values) {
  values = static_cast<int *>(realloc(values, count * sizeof(int)));
  values[0] = 1;
}

void unknownType(char *text, std::size_t n) {
  Unknown *grown = static_cast<Unknown *>(realloc(text, n));
  grown->field = 1;
}

// clang drops the unparsable `if`: analysing what is left would report a use the user is
// about to guard, so a function with unbalanced brackets is skipped while the file has errors.
void unfinishedCondition(char *&text, std::size_t n) {
  char *grown = static_cast<char *>(realloc(text, n));
  if (!grown
    return;
  grown[0] = 0;
}

struct Half {
  int *keys;
  void grow(int n) {
    keys = static_cast<int *>(realloc(keys, n * sizeof(int)))
    keys[0] =
  }
};
// The assignment itself is complete: its leak is real.
// CHECK: :[[@LINE-5]]:31: warning: 'keys' may be set to null if 'realloc' fails, leaking the block it pointed to [pixmapcache-unchecked-realloc]

// Intact code in a broken file is still analysed.
void intact(int *&values, std::size_t n) {
  int *grown = static_cast<int *>(realloc(values, n * sizeof(int)));
  grown[0] = 1;
  values = grown;
}
// CHECK: :[[@LINE-4]]:35: warning: result of 'realloc' is used without a null check; it is null when the allocation fails [pixmapcache-unchecked-realloc]

void unterminated(int *values, std::size_t n) {
  values = static_cast<int *>(realloc(values, n
