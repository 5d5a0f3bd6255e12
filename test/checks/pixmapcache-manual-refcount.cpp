// RUN: %check_tidy %s pixmapcache-manual-refcount %t -- -std=c++17 -isystem %S/Inputs/manual-refcount-system
// RUN: %clangxx -std=c++17 -fsyntax-only -isystem %S/Inputs/manual-refcount-system %s

// Every spelling of "the decrement reached zero", in code without Qt: the replacement named
// is std::shared_ptr. Counters are std::atomic unless a case is about plain ones.

#include <atomic>
#include <mutex>
#include <utility>
#include <memory>

#include <intrusive_handle.h>

struct Data {
  std::atomic<int> ref{1};
  int value = 0;
};

// ---------------------------------------------------------------------------------------
// Spellings, one free function each.
// ---------------------------------------------------------------------------------------

void releasePrefixNot(Data *d) {
  if (!--d->ref)
    delete d;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'releasePrefixNot' deletes 'd' by hand when the reference count 'Data::ref' drops to zero [pixmapcache-manual-refcount]
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: hold 'd' in a 'std::shared_ptr<Data>' instead of counting by hand, as 'pxc::PixmapCache::Key' in <pxc/pixmap_cache.h> does
}

void releasePrefixEqualsZero(Data *d) {
  if (d && --d->ref == 0)
    delete d;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'releasePrefixEqualsZero' deletes 'd' by hand when the reference count 'Data::ref' drops to zero [pixmapcache-manual-refcount]
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: hold 'd' in a 'std::shared_ptr<Data>' instead of counting by hand, as 'pxc::PixmapCache::Key' in <pxc/pixmap_cache.h> does
}

void releaseZeroEqualsPrefix(Data *d) {
  if (0 == --(d->ref))
    delete d;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'releaseZeroEqualsPrefix' deletes 'd' by hand when the reference count 'Data::ref' drops to zero [pixmapcache-manual-refcount]
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: hold 'd' in a 'std::shared_ptr<Data>' instead of counting by hand, as 'pxc::PixmapCache::Key' in <pxc/pixmap_cache.h> does
}

void releasePostfixEqualsOne(Data *d) {
  if (d->ref-- == 1)
    delete d;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'releasePostfixEqualsOne' deletes 'd' by hand when the reference count 'Data::ref' drops to zero [pixmapcache-manual-refcount]
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: hold 'd' in a 'std::shared_ptr<Data>' instead of counting by hand, as 'pxc::PixmapCache::Key' in <pxc/pixmap_cache.h> does
}

void releaseFetchSub(Data *d) {
  if (d->ref.fetch_sub(1, std::memory_order_acq_rel) == 1)
    delete d;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'releaseFetchSub' deletes 'd' by hand when the reference count 'Data::ref' drops to zero [pixmapcache-manual-refcount]
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: hold 'd' in a 'std::shared_ptr<Data>' instead of counting by hand, as 'pxc::PixmapCache::Key' in <pxc/pixmap_cache.h> does
}

void releaseFetchSubMinusOne(Data *d) {
  if (d->ref.fetch_sub(1) - 1 <= 0)
    delete d;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'releaseFetchSubMinusOne' deletes 'd' by hand when the reference count 'Data::ref' drops to zero [pixmapcache-manual-refcount]
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: hold 'd' in a 'std::shared_ptr<Data>' instead of counting by hand, as 'pxc::PixmapCache::Key' in <pxc/pixmap_cache.h> does
}

void releaseMinusAssign(Data *d) {
  if ((d->ref -= 1) == 0)
    delete d;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'releaseMinusAssign' deletes 'd' by hand when the reference count 'Data::ref' drops to zero [pixmapcache-manual-refcount]
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: hold 'd' in a 'std::shared_ptr<Data>' instead of counting by hand, as 'pxc::PixmapCache::Key' in <pxc/pixmap_cache.h> does
}

// The early return when the count is still positive, and the else branch.
void releaseEarlyReturn(Data *d) {
  if (--d->ref > 0)
    return;
  delete d;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'releaseEarlyReturn' deletes 'd' by hand when the reference count 'Data::ref' drops to zero [pixmapcache-manual-refcount]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: hold 'd' in a 'std::shared_ptr<Data>' instead of counting by hand, as 'pxc::PixmapCache::Key' in <pxc/pixmap_cache.h> does
}

void releaseElse(Data *d) {
  if (d->ref-- > 1) {
    d->value = 0;
  } else {
    delete d;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'releaseElse' deletes 'd' by hand when the reference count 'Data::ref' drops to zero [pixmapcache-manual-refcount]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: hold 'd' in a 'std::shared_ptr<Data>' instead of counting by hand, as 'pxc::PixmapCache::Key' in <pxc/pixmap_cache.h> does
  }
}

// The decrement as a statement of its own, then a test of the counter.
void releaseTwoStatements(Data *d) {
  --d->ref;
  if (d->ref.load() == 0)
    delete d;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'releaseTwoStatements' deletes 'd' by hand when the reference count 'Data::ref' drops to zero [pixmapcache-manual-refcount]
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: hold 'd' in a 'std::shared_ptr<Data>' instead of counting by hand, as 'pxc::PixmapCache::Key' in <pxc/pixmap_cache.h> does
}

// The test stored in a variable first.
void releaseThroughFlag(Data *d) {
  const bool last = d->ref.fetch_sub(1) == 1;
  if (last) {
    delete d;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'releaseThroughFlag' deletes 'd' by hand when the reference count 'Data::ref' drops to zero [pixmapcache-manual-refcount]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: hold 'd' in a 'std::shared_ptr<Data>' instead of counting by hand, as 'pxc::PixmapCache::Key' in <pxc/pixmap_cache.h> does
  }
}

// The compiler's atomic builtins on a plain int.
struct BuiltinData {
  int ref = 1;
};
void releaseBuiltin(BuiltinData *d) {
  if (__atomic_sub_fetch(&d->ref, 1, __ATOMIC_ACQ_REL) == 0)
    delete d;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'releaseBuiltin' deletes 'd' by hand when the reference count 'BuiltinData::ref' drops to zero [pixmapcache-manual-refcount]
  // CHECK-MESSAGES: :[[@LINE-6]]:7: note: 'BuiltinData::ref' is a plain 'int', not an atomic: when references to 'BuiltinData' are taken or released in two threads at once, updates to it are lost and 'd' is deleted while still in use, or never
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: hold 'd' in a 'std::shared_ptr<BuiltinData>' instead of counting by hand, as 'pxc::PixmapCache::Key' in <pxc/pixmap_cache.h> does
}

// A count in a block of its own, and one in the first element of an array: delete[].
void releaseCountBlock(int *count, char *bytes) {
  if (--*count == 0) {
    delete[] bytes;
    delete count;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'releaseCountBlock' deletes 'count' by hand when the reference count 'count' drops to zero [pixmapcache-manual-refcount]
    // CHECK-MESSAGES: :[[@LINE-4]]:9: note: 'count' is a plain 'int', not an atomic: when references to 'int' are taken or released in two threads at once, updates to it are lost and 'count' is deleted while still in use, or never
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: hold 'count' in a 'std::shared_ptr<int>' instead of counting by hand, as 'pxc::PixmapCache::Key' in <pxc/pixmap_cache.h> does
  }
}

void releaseHeaderBlock(long *block) {
  if (--block[0] == 0)
    delete[] block;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'releaseHeaderBlock' deletes 'block' by hand when the reference count 'block' drops to zero [pixmapcache-manual-refcount]
  // CHECK-MESSAGES: :[[@LINE-3]]:9: note: 'block' is a plain 'long', not an atomic: when references to 'long' are taken or released in two threads at once, updates to it are lost and 'block' is deleted while still in use, or never
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: hold 'block' in a 'std::shared_ptr<long>' instead of counting by hand, as 'pxc::PixmapCache::Key' in <pxc/pixmap_cache.h> does
}

// ---------------------------------------------------------------------------------------
// Classes: reported once, at the first delete, with the hazards of the whole class.
// ---------------------------------------------------------------------------------------

// A balanced handle over an atomic count, releasing through a helper: no hazard, but the
// protocol is still hand-written.
class Balanced {
public:
  Balanced() : d(new Data) {}
  Balanced(const Balanced &other) : d(other.d) { d->ref.fetch_add(1); }
  Balanced(Balanced &&other) noexcept : d(other.d) { other.d = nullptr; }
  Balanced &operator=(const Balanced &other) {
    other.d->ref.fetch_add(1);
    release();
    d = other.d;
    return *this;
  }
  ~Balanced() { release(); }

private:
  void release() {
    if (d && d->ref.fetch_sub(1) == 1)
      delete d;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'Balanced' deletes 'd' by hand when the reference count 'Data::ref' drops to zero [pixmapcache-manual-refcount]
    // CHECK-MESSAGES: :[[@LINE-2]]:7: note: hold 'd' in a 'std::shared_ptr<Data>' instead of counting by hand, as 'pxc::PixmapCache::Key' in <pxc/pixmap_cache.h> does
  }
  Data *d;
};

// The counted object deletes itself, after an early return.
class Node {
public:
  void addRef() { ++refs; }
  void release() {
    if (--refs)
      return;
    delete this;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Node' deletes 'this' by hand when the reference count 'Node::refs' drops to zero [pixmapcache-manual-refcount]
    // CHECK-MESSAGES: :[[@LINE+5]]:7: note: 'Node::refs' is a plain 'int', not an atomic: when references to 'Node' are taken or released in two threads at once, updates to it are lost and 'this' is deleted while still in use, or never
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: own 'Node' objects through 'std::shared_ptr<Node>' instead of counting by hand, as 'pxc::PixmapCache::Key' in <pxc/pixmap_cache.h> does
  }

private:
  int refs = 1;
};

// A plain count behind a lock is no race.
class Locked {
public:
  void release() {
    std::lock_guard<std::mutex> lock(mutex);
    if (--refs == 0)
      delete this;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'Locked' deletes 'this' by hand when the reference count 'Locked::refs' drops to zero [pixmapcache-manual-refcount]
    // CHECK-MESSAGES: :[[@LINE-2]]:7: note: own 'Locked' objects through 'std::shared_ptr<Locked>' instead of counting by hand, as 'pxc::PixmapCache::Key' in <pxc/pixmap_cache.h> does
  }

private:
  std::mutex mutex;
  unsigned refs = 1;
};

struct Shared {
  int ref = 1;
};

// Several hazards at once: a plain count, copy assignment that releases first without a
// self-assignment guard, a move that leaves its source owning the data. (The user-declared
// move constructor deletes the implicit copy constructor.)
class Sloppy {
public:
  Sloppy() : d(new Shared) {}
  Sloppy(Sloppy &&other) noexcept : d(other.d) {}
  Sloppy &operator=(const Sloppy &other) {
    if (--d->ref == 0)
      delete d;
    d = other.d;
    ++d->ref;
    return *this;
  }
  ~Sloppy() {
    if (--d->ref == 0)
      delete d;
  }

private:
  Shared *d;
};
// CHECK-MESSAGES: :[[@LINE-13]]:7: warning: 'Sloppy' deletes 'd' by hand when the reference count 'Shared::ref' drops to zero [pixmapcache-manual-refcount]
// CHECK-MESSAGES: :[[@LINE-26]]:7: note: 'Shared::ref' is a plain 'int', not an atomic: when copies of 'Sloppy' are made or destroyed in two threads at once, updates to it are lost and 'd' is deleted while still in use, or never
// CHECK-MESSAGES: :[[@LINE-16]]:9: note: copy assignment decrements 'Shared::ref' before it increments the count of the right-hand side and has no self-assignment guard: 'x = x' deletes 'd' while 'x' still uses it
// CHECK-MESSAGES: :[[@LINE-19]]:3: note: the move constructor copies 'd' but leaves the source owning it: both destructors decrement 'Shared::ref' (double free)
// CHECK-MESSAGES: :[[@LINE-17]]:7: note: hold 'd' in a 'std::shared_ptr<Shared>' instead of counting by hand, as 'pxc::PixmapCache::Key' in <pxc/pixmap_cache.h> does

// Releasing through a helper before taking the new reference, behind a guard: safe for
// `x = x`, but not when the right-hand side lives inside the data released first.
class ReleasesFirst {
public:
  ReleasesFirst(const ReleasesFirst &other) : d(other.d) { ++d->ref; }
  ReleasesFirst &operator=(const ReleasesFirst &other) {
    if (this != &other) {
      release();
      d = other.d;
      ++d->ref;
    }
    return *this;
  }
  ~ReleasesFirst() { release(); }

private:
  void release() {
    if (--d->ref == 0)
      delete d;
  }
  Shared *d;
};
// CHECK-MESSAGES: :[[@LINE-4]]:7: warning: 'ReleasesFirst' deletes 'd' by hand when the reference count 'Shared::ref' drops to zero [pixmapcache-manual-refcount]
// CHECK-MESSAGES: :[[@LINE-54]]:7: note: 'Shared::ref' is a plain 'int', not an atomic: when copies of 'ReleasesFirst' are made or destroyed in two threads at once, updates to it are lost and 'd' is deleted while still in use, or never
// CHECK-MESSAGES: :[[@LINE-17]]:7: note: copy assignment decrements 'Shared::ref' before it increments the count of the right-hand side: if the right-hand side is kept alive only by the data released here, it is deleted before it is copied
// CHECK-MESSAGES: :[[@LINE-7]]:7: note: hold 'd' in a 'std::shared_ptr<Shared>' instead of counting by hand, as 'pxc::PixmapCache::Key' in <pxc/pixmap_cache.h> does

// Copies that do not count: a written copy constructor, a defaulted move constructor, and
// the implicit copy assignment operator.
class ForgetfulCopies {
public:
  explicit ForgetfulCopies(Data *data) : d(data) {}
  ForgetfulCopies(const ForgetfulCopies &other) : d(other.d) {}
  ForgetfulCopies(ForgetfulCopies &&) = default;
  ForgetfulCopies &operator=(const ForgetfulCopies &) = default;
  void share(ForgetfulCopies &into) const {
    ++d->ref;
    into.d = d;
  }
  ~ForgetfulCopies() {
    if (d->ref.fetch_sub(1) == 1)
      delete d;
  }

private:
  Data *d;
};
// CHECK-MESSAGES: :[[@LINE-6]]:7: warning: 'ForgetfulCopies' deletes 'd' by hand when the reference count 'Data::ref' drops to zero [pixmapcache-manual-refcount]
// CHECK-MESSAGES: :[[@LINE-16]]:3: note: this copy constructor copies 'd' without incrementing 'Data::ref': both copies delete it (double free)
// CHECK-MESSAGES: :[[@LINE-15]]:20: note: the defaulted copy assignment operator of 'ForgetfulCopies' copies 'd' without incrementing 'Data::ref': both copies delete it (double free)
// CHECK-MESSAGES: :[[@LINE-17]]:3: note: the defaulted move constructor copies 'd' but leaves the source owning it: both destructors decrement 'Data::ref' (double free)
// CHECK-MESSAGES: :[[@LINE-10]]:7: note: hold 'd' in a 'std::shared_ptr<Data>' instead of counting by hand, as 'pxc::PixmapCache::Key' in <pxc/pixmap_cache.h> does

// The implicit copy assignment operator copies the pointer without counting.
class ImplicitAssignment {
public:
  ImplicitAssignment(const ImplicitAssignment &other) : d(other.d) { d->ref.fetch_add(1); }
  ~ImplicitAssignment() {
    if (d && !--d->ref)
      delete d;
  }

private:
  Data *d;
};
// CHECK-MESSAGES: :[[@LINE-6]]:7: warning: 'ImplicitAssignment' deletes 'd' by hand when the reference count 'Data::ref' drops to zero [pixmapcache-manual-refcount]
// CHECK-MESSAGES: :[[@LINE-12]]:7: note: the implicit copy assignment operator of 'ImplicitAssignment' copies 'd' without incrementing 'Data::ref': both copies delete it (double free)
// CHECK-MESSAGES: :[[@LINE-8]]:7: note: hold 'd' in a 'std::shared_ptr<Data>' instead of counting by hand, as 'pxc::PixmapCache::Key' in <pxc/pixmap_cache.h> does

// A move assignment that keeps its source owning; the move constructor nulls its source
// through std::exchange, and copy-and-swap assignment counts through the copy constructor.
class MoveKeepsSource {
public:
  MoveKeepsSource(const MoveKeepsSource &other) : d(other.d) { ++d->ref; }
  MoveKeepsSource(MoveKeepsSource &&other) noexcept : d(std::exchange(other.d, nullptr)) {}
  MoveKeepsSource &operator=(const MoveKeepsSource &other) {
    MoveKeepsSource copy(other);
    std::swap(d, copy.d);
    return *this;
  }
  MoveKeepsSource &operator=(MoveKeepsSource &&other) noexcept {
    d = other.d;
    return *this;
  }
  ~MoveKeepsSource() {
    if (d && d->ref-- == 1)
      delete d;
  }

private:
  Data *d;
};
// CHECK-MESSAGES: :[[@LINE-6]]:7: warning: 'MoveKeepsSource' deletes 'd' by hand when the reference count 'Data::ref' drops to zero [pixmapcache-manual-refcount]
// CHECK-MESSAGES: :[[@LINE-13]]:20: note: the move assignment operator copies 'd' but leaves the source owning it: both destructors decrement 'Data::ref' (double free)
// CHECK-MESSAGES: :[[@LINE-8]]:7: note: hold 'd' in a 'std::shared_ptr<Data>' instead of counting by hand, as 'pxc::PixmapCache::Key' in <pxc/pixmap_cache.h> does

// No destructor: only reset() releases, so the last handle leaks the data.
class NoDestructor {
public:
  NoDestructor(const NoDestructor &other) : d(other.d) { ++d->ref; }
  NoDestructor &operator=(const NoDestructor &) = delete;
  void reset() {
    if (d && d->ref.fetch_sub(1) == 1)
      delete d;
    d = nullptr;
  }

private:
  Data *d = nullptr;
};
// CHECK-MESSAGES: :[[@LINE-7]]:7: warning: 'NoDestructor' deletes 'd' by hand when the reference count 'Data::ref' drops to zero [pixmapcache-manual-refcount]
// CHECK-MESSAGES: :[[@LINE-14]]:7: note: 'NoDestructor' has no destructor that decrements 'Data::ref': destroying the last 'NoDestructor' leaks 'd'
// CHECK-MESSAGES: :[[@LINE-9]]:7: note: hold 'd' in a 'std::shared_ptr<Data>' instead of counting by hand, as 'pxc::PixmapCache::Key' in <pxc/pixmap_cache.h> does

// A destructor that forgets to release.
class ForgetfulDestructor {
public:
  ForgetfulDestructor(const ForgetfulDestructor &other) : d(other.d) { ++d->ref; }
  ForgetfulDestructor &operator=(const ForgetfulDestructor &) = delete;
  ~ForgetfulDestructor() {}
  void clear() {
    if (!--d->ref)
      delete d;
  }

private:
  Data *d;
};
// CHECK-MESSAGES: :[[@LINE-6]]:7: warning: 'ForgetfulDestructor' deletes 'd' by hand when the reference count 'Data::ref' drops to zero [pixmapcache-manual-refcount]
// CHECK-MESSAGES: :[[@LINE-10]]:3: note: the destructor never decrements 'Data::ref': destroying the last 'ForgetfulDestructor' leaks 'd'
// CHECK-MESSAGES: :[[@LINE-8]]:7: note: hold 'd' in a 'std::shared_ptr<Data>' instead of counting by hand, as 'pxc::PixmapCache::Key' in <pxc/pixmap_cache.h> does

// A count that nothing ever increments, on a copyable handle.
struct Uncounted {
  std::atomic<unsigned> uses{1};
};
class NeverShared {
public:
  explicit NeverShared(Uncounted *u) : u(u) {}
  ~NeverShared() {
    if (u->uses.fetch_sub(1) == 1)
      delete u;
  }

private:
  Uncounted *u;
};
// CHECK-MESSAGES: :[[@LINE-6]]:7: warning: 'NeverShared' deletes 'u' by hand when the reference count 'Uncounted::uses' drops to zero [pixmapcache-manual-refcount]
// CHECK-MESSAGES: :[[@LINE-14]]:25: note: 'Uncounted::uses' is never incremented in this translation unit, yet 'NeverShared' is copied: every copy deletes 'u' once more (double free)
// CHECK-MESSAGES: :[[@LINE-8]]:7: note: hold 'u' in a 'std::shared_ptr<Uncounted>' instead of counting by hand, as 'pxc::PixmapCache::Key' in <pxc/pixmap_cache.h> does

// A template is reported once, from its definition, whatever its instantiations.
template <typename T> class IntrusivePtr {
public:
  explicit IntrusivePtr(T *p) : d(p) {}
  IntrusivePtr(const IntrusivePtr &other) : d(other.d) { ++d->ref; }
  IntrusivePtr &operator=(const IntrusivePtr &other) {
    IntrusivePtr copy(other);
    std::swap(d, copy.d);
    return *this;
  }
  ~IntrusivePtr() {
    if (d && --d->ref == 0)
      delete d;
  }

private:
  T *d;
};
// CHECK-MESSAGES: :[[@LINE-6]]:7: warning: 'IntrusivePtr' deletes 'd' by hand when the reference count 'ref' drops to zero [pixmapcache-manual-refcount]
// CHECK-MESSAGES: :[[@LINE-7]]:7: note: hold 'd' in a 'std::shared_ptr<T>' instead of counting by hand, as 'pxc::PixmapCache::Key' in <pxc/pixmap_cache.h> does
void instantiate() {
  IntrusivePtr<Data> a(new Data);
  IntrusivePtr<Shared> b(new Shared);
  IntrusivePtr<Data> c = a;
  c = a;
}

// ---------------------------------------------------------------------------------------
// Not reported.
// ---------------------------------------------------------------------------------------

// Shared pointers count for you.
class SharedHandle {
public:
  SharedHandle() : d(std::make_shared<Data>()) {}

private:
  std::shared_ptr<Data> d;
};

// A unique owner deletes unconditionally.
class UniqueOwner {
public:
  UniqueOwner() : d(new Data) {}
  UniqueOwner(const UniqueOwner &) = delete;
  ~UniqueOwner() { delete d; }

private:
  Data *d;
};

// A count that reaches zero without a delete.
class Batch {
public:
  void finishOne() {
    if (--pending == 0)
      done = true;
  }

private:
  int pending = 3;
  bool done = false;
};

// Deletes guarded by counters of something else.
class Connection {
public:
  void retry() {
    if (!--retriesLeft)
      delete socket;
  }
  void steal(Data *other, Data *mine) {
    if (--other->ref == 0)
      delete mine;
  }
  void finish() {
    if (--g_instances == 0)
      delete this;
  }

private:
  static inline int g_instances = 0;
  int retriesLeft = 3;
  Data *socket = nullptr;
};

// Tests that are not "the decrement reached zero".
void notReleaseTests(Data *d, Data *e, Data *f, Data *g) {
  if (--d->ref == 1)
    delete d;
  if (e->ref.fetch_sub(2) == 1)
    delete e;
  if (f->ref++ == 0)
    delete f;
  if (g->ref.load() == 0)
    delete g;
}

// boost::intrusive_ptr's release hook: the protocol is the library's.
struct Hooked {
  int refs = 0;
  friend void intrusive_ptr_add_ref(Hooked *p) { ++p->refs; }
  friend void intrusive_ptr_release(Hooked *p) {
    if (--p->refs == 0)
      delete p;
  }
};

// Library code in system headers, instantiated and called here.
void useLibrary(lib::Block *b) {
  lib::IntrusiveHandle<Shared> handle(new Shared);
  lib::IntrusiveHandle<Shared> copy(handle);
  lib::release(b);
}
