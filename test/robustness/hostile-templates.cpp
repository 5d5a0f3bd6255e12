// Templates and dependent types: a pattern in a template is reported once, at the template,
// whatever the number of instantiations; code whose types depend on the template arguments
// is not judged (the product below overflows for int and not for qsizetype).
// RUN: %clang_tidy --load=%plugin --checks='-*,pixmapcache-*' %s -- -std=c++17 %qt_flags 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error}}:'

#include <QtCore/QCache>
#include <QtGui/QImage>
#include <cstdlib>

template <typename T> void growT(T *&p, std::size_t n) {
  p = static_cast<T *>(realloc(p, n * sizeof(T)));
  // CHECK: hostile-templates.cpp:[[@LINE-1]]:24: warning: 'p' may be set to null if 'realloc' fails, leaking the block it pointed to [pixmapcache-unchecked-realloc]
  p[0] = T();
}
template void growT<int>(int *&, std::size_t);
template void growT<double>(double *&, std::size_t);

template <typename Int> qsizetype costT(Int w, Int h) { return w * h * 4; }
qsizetype costs(int w, int h, qsizetype lw, qsizetype lh) { return costT(w, h) + costT(lw, lh); }

template <typename Key, typename Value> Value *keep(QCache<Key, Value> &cache, const Key &key, Value *v) {
  cache.insert(key, v);
  return v;
  // CHECK: hostile-templates.cpp:[[@LINE-1]]:3: warning: 'v' is returned after 'QCache::insert' may have deleted it [pixmapcache-use-after-insert]
}
QImage *keepImage(QCache<int, QImage> &cache, QImage *image) { return keep(cache, 1, image); }

// Never instantiated, dependent throughout.
template <typename C, typename P> auto neverUsed(C &cache, P *p) {
  cache.insert(0, p);
  return p->size();
}
template <typename T> struct Buffer {
  T *data = nullptr;
  void grow(std::size_t n) { data = static_cast<T *>(realloc(data, n)); }
};
