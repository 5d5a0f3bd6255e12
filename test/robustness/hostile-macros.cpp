// Macros that expand to the patterns: reported at the expansion, the macro named in a note.
// RUN: %clang_tidy --load=%plugin --checks='-*,pixmapcache-*' %s -- -std=c++17 %qt_flags 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error}}:'

#include <QtCore/QCache>
#include <QtConcurrent/QtConcurrent>
#include <QtGui/QImage>
#include <QtGui/QPixmapCache>
#include <cstdlib>

#define GROW(p, n) p = static_cast<int *>(realloc(p, n))
void growByMacro(int *values, std::size_t n) {
  GROW(values, n);
  // CHECK: hostile-macros.cpp:[[@LINE-1]]:3: warning: 'values' may be set to null if 'realloc' fails, leaking the block it pointed to [pixmapcache-unchecked-realloc]
  // CHECK: hostile-macros.cpp:[[@LINE-4]]:43: note: expanded from macro 'GROW'
  // CHECK: hostile-macros.cpp:[[@LINE+1]]:3: note: 'values' is indexed here before it is checked for null
  values[0] = 1;
  std::free(values);
}

#define BYTES(w, h) ((w) * (h) * 4)
qsizetype bytesByMacro(int w, int h) { return BYTES(w, h); }
// CHECK: hostile-macros.cpp:[[@LINE-1]]:47: warning: multiplication in 'int' can overflow before it is returned from 'bytesByMacro' [pixmapcache-cost-overflow]
// CHECK: hostile-macros.cpp:[[@LINE-3]]:22: note: expanded from macro 'BYTES'

#define CACHE_CLEAR() QPixmapCache::clear()
void clearOnWorker() { (void)QtConcurrent::run([] { CACHE_CLEAR(); }); }
// CHECK: hostile-macros.cpp:[[@LINE-1]]:53: warning: call to 'QPixmapCache::clear' on a worker thread silently fails
// CHECK: hostile-macros.cpp:[[@LINE-3]]:23: note: expanded from macro 'CACHE_CLEAR'
// CHECK: hostile-macros.cpp:[[@LINE-3]]:48: note: the lambda runs on a worker thread: it is passed to 'QtConcurrent::run'

#define INSERT_AND_RETURN(cache, key, image) cache.insert(key, image); return image
QImage *insertByMacro(QCache<int, QImage> &cache, QImage *image) { INSERT_AND_RETURN(cache, 1, image); }
// CHECK: hostile-macros.cpp:[[@LINE-1]]:68: warning: 'image' is returned after 'QCache::insert' may have deleted it [pixmapcache-use-after-insert]

// The whole function comes from a macro: its names are spelled in the macro's arguments.
#define DEFINE_GROW(name) void name(char *b, std::size_t n) { b = static_cast<char *>(realloc(b, n)); b[0] = 0; free(b); }
DEFINE_GROW(growDefinedByMacro)
// CHECK: hostile-macros.cpp:[[@LINE-1]]:1: warning: the pointer may be set to null if 'realloc' fails, leaking the block it pointed to [pixmapcache-unchecked-realloc]

// Look-alikes: a macro that only mentions realloc in a string, and one that checks.
#define NAME_OF_REALLOC "realloc"
const char *name() { return NAME_OF_REALLOC; }
#define GROW_CHECKED(p, n) do { void *grown = realloc(p, n); if (!grown) return; p = static_cast<int *>(grown); } while (0)
void growCheckedByMacro(int *values, std::size_t n) {
  GROW_CHECKED(values, n);
  values[0] = 1;
  std::free(values);
}
