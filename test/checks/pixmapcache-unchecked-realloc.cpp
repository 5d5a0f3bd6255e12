// RUN: %check_tidy %s pixmapcache-unchecked-realloc %t -- -std=c++17 %qt_flags
// RUN: %clangxx -std=c++17 -fsyntax-only %qt_flags -I%pxc_include %t.cpp

#include <QtCore/qglobal.h>

#include <cassert>
#include <cstdlib>
#include <cstring>
#include <new>
// CHECK-FIXES: #include <QtCore/qglobal.h>
// CHECK-FIXES-NEXT: #include <pxc/realloc.h>

// ---------------------------------------------------------------------------------------
// The result overwrites the pointer it reallocates: the old block leaks on failure.
// ---------------------------------------------------------------------------------------

void growLocal(std::size_t n) {
  int *values = static_cast<int *>(std::malloc(4 * sizeof(int)));
  values = (int *)realloc(values, n * sizeof(int));
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'values' may be set to null if 'realloc' fails, leaking the block it pointed to [pixmapcache-unchecked-realloc]
  // CHECK-MESSAGES: :[[@LINE+3]]:3: note: 'values' is indexed here before it is checked for null
  // CHECK-MESSAGES: :[[@LINE-3]]:19: note: use 'pxc::tryRealloc' from <pxc/realloc.h>: it returns false and leaves 'values' untouched when the allocation fails
  // CHECK-FIXES: {{^}}  if (!pxc::tryRealloc(values, n * sizeof(int))) pxc::allocationFailed();{{$}}
  values[0] = 1;
  std::free(values);
}

void growParameter(char *buffer, std::size_t n) {
  buffer = static_cast<char *>(::realloc(buffer, n));
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: 'buffer' may be set to null if 'realloc' fails, leaking the block it pointed to [pixmapcache-unchecked-realloc]
  // CHECK-MESSAGES: :[[@LINE+3]]:3: note: 'buffer' is passed to 'memset' here before it is checked for null
  // CHECK-MESSAGES: :[[@LINE-3]]:32: note: use 'pxc::tryRealloc' from <pxc/realloc.h>: it returns false and leaves 'buffer' untouched when the allocation fails
  // CHECK-FIXES: {{^}}  if (!pxc::tryRealloc(buffer, n)) pxc::allocationFailed();{{$}}
  std::memset(buffer, 0, n);
  std::free(buffer);
}

struct Item {
  int id;
};

struct KeyArray {
  int *keyArray = nullptr;
  int keyArraySize = 0;
  Item *items = nullptr;

  // Qt's QPMCache::resizeKeyArray without the q_check_ptr wrapper.
  void resize(int size) {
    keyArray = static_cast<int *>(realloc(keyArray, size * sizeof(int)));
    // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: 'keyArray' may be set to null if 'realloc' fails, leaking the block it pointed to [pixmapcache-unchecked-realloc]
    // CHECK-MESSAGES: :[[@LINE+4]]:7: note: 'keyArray' is indexed here before it is checked for null
    // CHECK-MESSAGES: :[[@LINE-3]]:35: note: use 'pxc::tryRealloc' from <pxc/realloc.h>: it returns false and leaves 'keyArray' untouched when the allocation fails
    // CHECK-FIXES: {{^}}    if (!pxc::tryRealloc(keyArray, size * sizeof(int))) pxc::allocationFailed();{{$}}
    for (int i = keyArraySize; i != size; ++i)
      keyArray[i] = i + 1;
    keyArraySize = size;
  }

  void resizeThroughThis(int size) {
    this->items = reinterpret_cast<Item *>(std::realloc(this->items, size * sizeof(Item)));
    // CHECK-MESSAGES: :[[@LINE-1]]:44: warning: 'this->items' may be set to null if 'realloc' fails, leaking the block it pointed to [pixmapcache-unchecked-realloc]
    // CHECK-MESSAGES: :[[@LINE+3]]:5: note: 'items' is used to access a member here before it is checked for null
    // CHECK-MESSAGES: :[[@LINE-3]]:44: note: use 'pxc::tryRealloc' from <pxc/realloc.h>: it returns false and leaves 'this->items' untouched when the allocation fails
    // CHECK-FIXES: {{^}}    if (!pxc::tryRealloc(this->items, size * sizeof(Item))) pxc::allocationFailed();{{$}}
    items->id = size;
  }
};

struct Vector {
  Item *items;
  std::size_t capacity;
};

// A member reached through a pointer; the pointer is checked afterwards, but the old block
// is already lost by then.
bool reserve(Vector *v, std::size_t capacity) {
  v->items = (Item *)realloc(v->items, capacity * sizeof(Item));
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'v->items' may be set to null if 'realloc' fails, leaking the block it pointed to [pixmapcache-unchecked-realloc]
  // CHECK-MESSAGES: :[[@LINE-2]]:22: note: use 'pxc::tryRealloc' from <pxc/realloc.h>: it returns false and leaves 'v->items' untouched when the allocation fails
  // CHECK-FIXES: {{^}}  if (!pxc::tryRealloc(v->items, capacity * sizeof(Item))) pxc::allocationFailed();{{$}}
  if (!v->items)
    return false;
  v->capacity = capacity;
  return true;
}

void growElement(char **blocks, int i, std::size_t n) {
  blocks[i] = (char *)realloc(blocks[i], n);
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'blocks[i]' may be set to null if 'realloc' fails, leaking the block it pointed to [pixmapcache-unchecked-realloc]
  // CHECK-MESSAGES: :[[@LINE-2]]:23: note: use 'pxc::tryRealloc' from <pxc/realloc.h>: it returns false and leaves 'blocks[i]' untouched when the allocation fails
  // CHECK-FIXES: {{^}}  if (!pxc::tryRealloc(blocks[i], n)) pxc::allocationFailed();{{$}}
}

// The C idiom that checks the assignment's value: checked, but the block still leaks.
int growAndTest(char **line, std::size_t n) {
  if ((*line = (char *)realloc(*line, n)) == nullptr)
    // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: '*line' may be set to null if 'realloc' fails, leaking the block it pointed to [pixmapcache-unchecked-realloc]
    // CHECK-MESSAGES: :[[@LINE-2]]:24: note: use 'pxc::tryRealloc' from <pxc/realloc.h>: it returns false and leaves '*line' untouched when the allocation fails
    return -1;
  return 0;
}

// Q_CHECK_PTR after the overwrite throws (with exceptions): the exception can be caught and
// the program goes on, but the old block is lost by then.
void checkedAfterOverwrite(int *&values, std::size_t n) {
  values = static_cast<int *>(realloc(values, n * sizeof(int)));
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'values' may be set to null if 'realloc' fails, leaking the block it pointed to [pixmapcache-unchecked-realloc]
  // CHECK-MESSAGES: :[[@LINE-2]]:31: note: use 'pxc::tryRealloc' from <pxc/realloc.h>: it returns false and leaves 'values' untouched when the allocation fails
  // CHECK-FIXES: {{^}}  if (!pxc::tryRealloc(values, n * sizeof(int))) pxc::allocationFailed();{{$}}
  Q_CHECK_PTR(values);
  values[0] = 0;
}

// No fix-it where turning the statement into an `if` would capture a following `else`.
void growUnbraced(int *&values, std::size_t n, bool wanted) {
  if (wanted)
    values = (int *)realloc(values, n);
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'values' may be set to null if 'realloc' fails, leaking the block it pointed to [pixmapcache-unchecked-realloc]
    // CHECK-MESSAGES: :[[@LINE-2]]:21: note: use 'pxc::tryRealloc' from <pxc/realloc.h>: it returns false and leaves 'values' untouched when the allocation fails
  else
    values = nullptr;
}

// No fix-it inside a macro: the rewrite would change every expansion.
#define GROW(p, n) p = (int *)realloc(p, n)
void growInMacro(int *values, std::size_t n) {
  GROW(values, n);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'values' may be set to null if 'realloc' fails, leaking the block it pointed to [pixmapcache-unchecked-realloc]
  // CHECK-MESSAGES: :[[@LINE-4]]:31: note: expanded from macro 'GROW'
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: use 'pxc::tryRealloc' from <pxc/realloc.h>: it returns false and leaves 'values' untouched when the allocation fails
  // CHECK-MESSAGES: :[[@LINE-6]]:31: note: expanded from macro 'GROW'
  std::free(values);
}

// A template is reported once however often it is instantiated, and gets no fix-it: one
// instantiation cannot vouch for the others.
template <typename T> void growTemplate(T *&values, std::size_t n) {
  values = static_cast<T *>(realloc(values, n * sizeof(T)));
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'values' may be set to null if 'realloc' fails, leaking the block it pointed to [pixmapcache-unchecked-realloc]
  // CHECK-MESSAGES: :[[@LINE-2]]:29: note: use 'pxc::tryRealloc' from <pxc/realloc.h>: it returns false and leaves 'values' untouched when the allocation fails
  // CHECK-FIXES: {{^}}  values = static_cast<T *>(realloc(values, n * sizeof(T)));{{$}}
}
void instantiate(int *&a, double *&b) {
  growTemplate(a, 4);
  growTemplate(b, 4);
}

// ---------------------------------------------------------------------------------------
// The result reaches a use before any null check.
// ---------------------------------------------------------------------------------------

void dereferenceTemporary(int *&owner, std::size_t n) {
  int *grown = (int *)realloc(owner, n * sizeof(int));
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: result of 'realloc' is used without a null check; it is null when the allocation fails [pixmapcache-unchecked-realloc]
  // CHECK-MESSAGES: :[[@LINE+2]]:3: note: 'grown' is dereferenced here before it is checked for null
  // CHECK-MESSAGES: :[[@LINE-3]]:23: note: check the result for null before this use, or use 'pxc::tryRealloc' from <pxc/realloc.h>, which returns false and keeps the old block on failure
  *grown = 0;
  owner = grown;
}

void copyIntoTemporary(char *&owner, const char *source, std::size_t n) {
  char *grown = static_cast<char *>(realloc(owner, n));
  // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: result of 'realloc' is used without a null check; it is null when the allocation fails [pixmapcache-unchecked-realloc]
  // CHECK-MESSAGES: :[[@LINE+2]]:3: note: 'grown' is passed to 'memcpy' here before it is checked for null
  // CHECK-MESSAGES: :[[@LINE-3]]:37: note: check the result for null before this use, or use 'pxc::tryRealloc' from <pxc/realloc.h>, which returns false and keeps the old block on failure
  memcpy(grown, source, n);
  owner = grown;
}

// Stored into the owner first and checked afterwards: the old block is already lost.
bool storeBeforeCheck(KeyArray &cache, int size) {
  int *grown = static_cast<int *>(realloc(cache.keyArray, size * sizeof(int)));
  // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: result of 'realloc' is used without a null check; it is null when the allocation fails [pixmapcache-unchecked-realloc]
  // CHECK-MESSAGES: :[[@LINE+2]]:3: note: 'grown' is stored into 'cache.keyArray', the pointer it reallocates, here before it is checked for null
  // CHECK-MESSAGES: :[[@LINE-3]]:35: note: check the result for null before this use, or use 'pxc::tryRealloc' from <pxc/realloc.h>, which returns false and keeps the old block on failure
  cache.keyArray = grown;
  if (!grown)
    return false;
  cache.keyArraySize = size;
  return true;
}

// Checked on one path only.
void checkedOnOnePath(Item *&items, std::size_t n, bool careful) {
  Item *grown = (Item *)realloc(items, n * sizeof(Item));
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: result of 'realloc' is used without a null check; it is null when the allocation fails [pixmapcache-unchecked-realloc]
  // CHECK-MESSAGES: :[[@LINE+4]]:3: note: 'grown' is used to access a member here before it is checked for null
  // CHECK-MESSAGES: :[[@LINE-3]]:25: note: check the result for null before this use, or use 'pxc::tryRealloc' from <pxc/realloc.h>, which returns false and keeps the old block on failure
  if (careful && !grown)
    return;
  grown->id = 0;
  items = grown;
}

void logFailure();

// A null test whose failure branch goes on to the use is no check.
void checkThatFallsThrough(int *&values, std::size_t n) {
  int *grown = (int *)realloc(values, n);
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: result of 'realloc' is used without a null check; it is null when the allocation fails [pixmapcache-unchecked-realloc]
  // CHECK-MESSAGES: :[[@LINE+4]]:3: note: 'grown' is indexed here before it is checked for null
  // CHECK-MESSAGES: :[[@LINE-3]]:23: note: check the result for null before this use, or use 'pxc::tryRealloc' from <pxc/realloc.h>, which returns false and keeps the old block on failure
  if (!grown)
    logFailure();
  grown[0] = 1;
  values = grown;
}

// Used directly, without being stored at all.
void useDirectly(char *block, const char *source, std::size_t n) {
  memcpy(realloc(block, n), source, n);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: result of 'realloc' is used without a null check; it is null when the allocation fails [pixmapcache-unchecked-realloc]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: the result is passed to 'memcpy' here before it is checked for null
  // CHECK-MESSAGES: :[[@LINE-3]]:10: note: check the result for null before this use, or use 'pxc::tryRealloc' from <pxc/realloc.h>, which returns false and keeps the old block on failure
}

// A local copy is followed too.
void throughAlias(int *&values, std::size_t n) {
  int *grown = (int *)realloc(values, n);
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: result of 'realloc' is used without a null check; it is null when the allocation fails [pixmapcache-unchecked-realloc]
  // CHECK-MESSAGES: :[[@LINE+3]]:3: note: 'alias' is indexed here before it is checked for null
  // CHECK-MESSAGES: :[[@LINE-3]]:23: note: check the result for null before this use, or use 'pxc::tryRealloc' from <pxc/realloc.h>, which returns false and keeps the old block on failure
  int *alias = grown;
  alias[1] = 2;
  values = grown;
}

// A helper that hands the pointer back unchecked does not count as a check.
template <typename T> T *passThrough(T *p) { return p; }
void throughUncheckedHelper(int *values, std::size_t n) {
  values = passThrough(static_cast<int *>(realloc(values, n)));
  // CHECK-MESSAGES: :[[@LINE-1]]:43: warning: 'values' may be set to null if 'realloc' fails, leaking the block it pointed to [pixmapcache-unchecked-realloc]
  // CHECK-MESSAGES: :[[@LINE+4]]:3: note: 'values' is indexed here before it is checked for null
  // CHECK-MESSAGES: :[[@LINE-3]]:12: note: 'passThrough<int>' returns the pointer without checking it in this build
  // CHECK-MESSAGES: :[[@LINE-4]]:43: note: use 'pxc::tryRealloc' from <pxc/realloc.h>: it returns false and leaves 'values' untouched when the allocation fails
  // CHECK-FIXES: {{^}}  if (!pxc::tryRealloc(values, n)) pxc::allocationFailed();{{$}}
  values[0] = 0;
  std::free(values);
}

// ---------------------------------------------------------------------------------------
// Look-alikes that are fine.
// ---------------------------------------------------------------------------------------

void *returnedToCaller(void *p, std::size_t n) { return realloc(p, n); }
int *returnedThroughCast(int *p, std::size_t n) {
  return static_cast<int *>(realloc(p, n * sizeof(int)));
}

bool checkedTemporary(int *&values, std::size_t n) {
  int *grown = static_cast<int *>(realloc(values, n * sizeof(int)));
  if (!grown)
    return false;
  grown[0] = 1;
  values = grown;
  return true;
}

bool checkedAgainstNullptr(char *&text, std::size_t n) {
  char *grown = static_cast<char *>(realloc(text, n));
  if (grown == nullptr)
    return false;
  text = grown;
  text[n - 1] = '\0';
  return true;
}

void checkedAgainstNull(char *&text, std::size_t n) {
  char *grown = static_cast<char *>(realloc(text, n));
  if (NULL != grown) {
    grown[0] = 'x';
    text = grown;
  }
}

void checkedInIfInitializer(Item *&items, std::size_t n) {
  if (auto *grown = static_cast<Item *>(realloc(items, n * sizeof(Item))); grown) {
    grown->id = 1;
    items = grown;
  }
}

void checkedAsCondition(Item *&items, std::size_t n) {
  if (Item *grown = static_cast<Item *>(realloc(items, n * sizeof(Item)))) {
    grown[0].id = 1;
    items = grown;
  }
}

void checkedWithThrow(int *&values, std::size_t n) {
  int *grown = static_cast<int *>(realloc(values, n * sizeof(int)));
  if (!grown)
    throw std::bad_alloc();
  grown[0] = 0;
  values = grown;
}

bool checkedInLogicalOr(int *&values, std::size_t n) {
  int *grown = static_cast<int *>(realloc(values, n * sizeof(int)));
  if (n == 0 || grown == nullptr)
    return false;
  grown[0] = 0;
  values = grown;
  return true;
}

// Branch-prediction hints around the test: Q_UNLIKELY is __builtin_expect(!!(c), false).
bool checkedUnlikely(int *&values, std::size_t n) {
  int *grown = static_cast<int *>(realloc(values, n * sizeof(int)));
  if (Q_UNLIKELY(!grown))
    return false;
  grown[0] = 0;
  values = grown;
  return true;
}

// realloc(p, 0) frees the block: the null result is no failure.
void shrinkToNothing(int *&values) {
  values = static_cast<int *>(realloc(values, 0));
}

// assert counts where it expands to a check (without NDEBUG); see the -assert test.
void checkedWithAssert(int *&values, std::size_t n) {
  int *grown = static_cast<int *>(realloc(values, n * sizeof(int)));
  assert(grown);
  grown[0] = 0;
  values = grown;
}

// With exceptions Q_CHECK_PTR throws std::bad_alloc through qBadAlloc().
void checkedWithQCheckPtr(int *&values, std::size_t n) {
  int *grown = static_cast<int *>(realloc(values, n * sizeof(int)));
  Q_CHECK_PTR(grown);
  grown[0] = 0;
  values = grown;
}

// ... and q_check_ptr throws before the assignment, so nothing leaks either.
void checkedWithQCheckPtrWrapper(int *&values, std::size_t n) {
  values = q_check_ptr(static_cast<int *>(realloc(values, n * sizeof(int))));
  values[0] = 0;
}

[[noreturn]] void die(const char *why);
template <typename T> T *checkedOrDie(T *p) {
  if (!p)
    die("out of memory");
  return p;
}
void checkedByOwnHelper(int *&values, std::size_t n) {
  values = checkedOrDie(static_cast<int *>(realloc(values, n * sizeof(int))));
  values[0] = 0;
}

void requireNonNull(const void *p) {
  if (p == nullptr)
    std::abort();
}
void checkedByOwnVoidHelper(int *&values, std::size_t n) {
  int *grown = static_cast<int *>(realloc(values, n * sizeof(int)));
  requireNonNull(grown);
  grown[0] = 0;
  values = grown;
}

// The old block is kept in a copy, so overwriting the owner loses nothing.
bool oldBlockSaved(char *&text, std::size_t n) {
  char *old = text;
  text = static_cast<char *>(realloc(text, n));
  if (!text) {
    text = old;
    return false;
  }
  return true;
}

// Every null path ends the program: nothing is left that anyone could free.
void overwriteThenAbort(char *&text, std::size_t n) {
  text = static_cast<char *>(realloc(text, n));
  if (!text)
    std::abort();
  text[0] = '\0';
}

[[noreturn]] void outOfMemory() noexcept;
void overwriteThenOwnHandler(char *&text, std::size_t n) {
  text = static_cast<char *>(realloc(text, n));
  if (text == nullptr) {
    logFailure();
    outOfMemory();
  }
  text[0] = '\0';
}

// A [[noreturn]] handler that may throw lets the program go on without the old block.
[[noreturn]] void throwOutOfMemory();
void overwriteThenThrowingHandler(char *&text, std::size_t n) {
  text = static_cast<char *>(realloc(text, n));
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'text' may be set to null if 'realloc' fails, leaking the block it pointed to [pixmapcache-unchecked-realloc]
  // CHECK-MESSAGES: :[[@LINE-2]]:30: note: use 'pxc::tryRealloc' from <pxc/realloc.h>: it returns false and leaves 'text' untouched when the allocation fails
  // CHECK-FIXES: {{^}}  if (!pxc::tryRealloc(text, n)) pxc::allocationFailed();{{$}}
  if (!text)
    throwOutOfMemory();
  text[0] = '\0';
}

// Dead code.
void deadCode(int *values, std::size_t n) {
  if (false)
    values = static_cast<int *>(realloc(values, n));
  return;
  values = static_cast<int *>(realloc(values, n));
}

// Not the C library's realloc.
namespace mylib {
void *realloc(void *p, std::size_t n);
}
void otherRealloc(int *values, std::size_t n) {
  values = static_cast<int *>(mylib::realloc(values, n));
  values[0] = 0;
}

// Reassigned before the use: the use is of another pointer.
void reassignedBeforeUse(int *&values, int *spare, std::size_t n) {
  int *grown = static_cast<int *>(realloc(values, n));
  if (grown)
    values = grown;
  grown = spare;
  grown[0] = 0;
}

void passedToUnknownFunction(void (*consume)(int *), int *&values, std::size_t n) {
  int *grown = static_cast<int *>(realloc(values, n));
  consume(grown);
  if (grown)
    values = grown;
}

// A loop that grows and checks on every round.
bool growInLoop(int *&values, std::size_t n) {
  std::size_t capacity = 1;
  while (capacity < n) {
    capacity *= 2;
    int *grown = static_cast<int *>(realloc(values, capacity * sizeof(int)));
    if (!grown)
      return false;
    values = grown;
    values[capacity - 1] = 0;
  }
  return true;
}
