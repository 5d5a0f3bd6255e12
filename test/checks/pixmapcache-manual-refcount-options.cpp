// By default every hand-written count is reported; HazardsOnly keeps only the classes and
// functions with a hazard (a race, or a copy, move or destructor that breaks the count).
// RUN: %check_tidy --check-suffixes=DEFAULT %s pixmapcache-manual-refcount %t-default -- -std=c++17
// RUN: %check_tidy --check-suffixes=HAZARDS %s pixmapcache-manual-refcount %t-hazards \
// RUN:   --config="{CheckOptions: {pixmapcache-manual-refcount.HazardsOnly: true}}" -- -std=c++17
// The option is written back with the others.
// RUN: %clang_tidy --load=%plugin --checks='-*,pixmapcache-manual-refcount' --dump-config \
// RUN:   --config="{CheckOptions: {pixmapcache-manual-refcount.HazardsOnly: true}}" -- -std=c++17 \
// RUN:   | FileCheck --check-prefix=CONFIG %s
// CONFIG: pixmapcache-manual-refcount.HazardsOnly: 'true'

#include <atomic>

struct Data {
  std::atomic<int> ref{1};
};

// Balanced over an atomic count: reported only by default.
class Balanced {
public:
  Balanced(const Balanced &other) : d(other.d) { ++d->ref; }
  Balanced &operator=(const Balanced &) = delete;
  ~Balanced() {
    if (--d->ref == 0)
      delete d;
    // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:7: warning: 'Balanced' deletes 'd' by hand when the reference count 'Data::ref' drops to zero [pixmapcache-manual-refcount]
    // CHECK-MESSAGES-DEFAULT: :[[@LINE-2]]:7: note: hold 'd' in a 'std::shared_ptr<Data>' instead of counting by hand, as 'pxc::PixmapCache::Key' in <pxc/pixmap_cache.h> does
  }

private:
  Data *d;
};

struct Plain {
  int ref = 1;
};

// A plain count: reported either way.
void release(Plain *p) {
  if (!--p->ref)
    delete p;
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:5: warning: 'release' deletes 'p' by hand when the reference count 'Plain::ref' drops to zero [pixmapcache-manual-refcount]
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-8]]:7: note: 'Plain::ref' is a plain 'int', not an atomic: when references to 'Plain' are taken or released in two threads at once, updates to it are lost and 'p' is deleted while still in use, or never
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-3]]:5: note: hold 'p' in a 'std::shared_ptr<Plain>' instead of counting by hand, as 'pxc::PixmapCache::Key' in <pxc/pixmap_cache.h> does
  // CHECK-MESSAGES-HAZARDS: :[[@LINE-4]]:5: warning: 'release' deletes 'p' by hand when the reference count 'Plain::ref' drops to zero [pixmapcache-manual-refcount]
  // CHECK-MESSAGES-HAZARDS: :[[@LINE-11]]:7: note: 'Plain::ref' is a plain 'int', not an atomic: when references to 'Plain' are taken or released in two threads at once, updates to it are lost and 'p' is deleted while still in use, or never
  // CHECK-MESSAGES-HAZARDS: :[[@LINE-6]]:5: note: hold 'p' in a 'std::shared_ptr<Plain>' instead of counting by hand, as 'pxc::PixmapCache::Key' in <pxc/pixmap_cache.h> does
}
