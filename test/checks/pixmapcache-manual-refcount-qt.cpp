// RUN: %check_tidy %s pixmapcache-manual-refcount %t -- -std=c++17 %qt_flags
// RUN: %clangxx -std=c++17 -fsyntax-only %qt_flags %s

// Qt code, with Qt 6's real atomics and QSharedData: the replacement named is
// QExplicitlySharedDataPointer. Qt's own headers (qshareddata.h implements exactly this
// pattern) are system headers and stay silent.

#include <QtCore/QAtomicInt>
#include <QtCore/QMutex>
#include <QtCore/QSharedData>
#include <QtCore/QString>

// ---------------------------------------------------------------------------------------
// A faithful copy of Qt 6.4's QPixmapCache::Key and KeyData (qpixmapcache.h,
// qpixmapcache_p.h, qpixmapcache.cpp). The protocol is balanced: the copy increments, the
// assignment increments before it decrements behind a guard, the move nulls its source,
// the destructor decrements and deletes. What is wrong is the plain int count: copies made
// or destroyed in two threads race on it. The review called it a double free; it is not.
// ---------------------------------------------------------------------------------------

class QPixmapCache {
public:
  class KeyData;
  class Key {
  public:
    Key();
    Key(const Key &other);
    Key(Key &&other) noexcept : d(other.d) { other.d = nullptr; }
    Key &operator=(Key &&other) noexcept {
      swap(other);
      return *this;
    }
    ~Key();
    bool operator==(const Key &key) const;
    inline bool operator!=(const Key &key) const { return !operator==(key); }
    Key &operator=(const Key &other);

    void swap(Key &other) noexcept { qt_ptr_swap(d, other.d); }
    bool isValid() const noexcept;

  private:
    KeyData *d;
    friend class QPMCache;
    friend class QPixmapCache;
  };
};

class QPixmapCache::KeyData {
public:
  KeyData() : isValid(true), key(0), ref(1) {}
  KeyData(const KeyData &other) : isValid(other.isValid), key(other.key), ref(1) {}
  ~KeyData() {}

  QString stringKey;
  bool isValid;
  int key;
  int ref;
};

QPixmapCache::Key::Key() : d(nullptr) {}

QPixmapCache::Key::Key(const Key &other) {
  if (other.d)
    ++(other.d->ref);
  d = other.d;
}

QPixmapCache::Key::~Key() {
  if (d && --(d->ref) == 0)
    delete d;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'QPixmapCache::Key' deletes 'd' by hand when the reference count 'QPixmapCache::KeyData::ref' drops to zero [pixmapcache-manual-refcount]
  // CHECK-MESSAGES: :[[@LINE-15]]:7: note: 'QPixmapCache::KeyData::ref' is a plain 'int', not an atomic: when copies of 'QPixmapCache::Key' are made or destroyed in two threads at once, updates to it are lost and 'd' is deleted while still in use, or never
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: hold 'd' in a 'QExplicitlySharedDataPointer<KeyData>' and derive 'KeyData' from 'QSharedData' instead of counting by hand; 'pxc::PixmapCache::Key' in <pxc/pixmap_cache.h> shows the design with a 'std::shared_ptr'
}

bool QPixmapCache::Key::operator==(const Key &key) const { return (d == key.d); }

QPixmapCache::Key &QPixmapCache::Key::operator=(const Key &other) {
  if (d != other.d) {
    if (other.d)
      ++(other.d->ref);
    if (d && --(d->ref) == 0)
      delete d;
    d = other.d;
  }
  return *this;
}

bool QPixmapCache::Key::isValid() const noexcept { return d && d->isValid; }

// ---------------------------------------------------------------------------------------
// Qt's atomics.
// ---------------------------------------------------------------------------------------

class SharedPath : public QSharedData {
public:
  QString path;
};

// The idiom of qshareddata.h written out by hand, on QSharedData's QAtomicInt: balanced, no
// hazard; QExplicitlySharedDataPointer does the same without the hand-written protocol.
class PathHandle {
public:
  PathHandle() : d(new SharedPath) { d->ref.ref(); }
  PathHandle(const PathHandle &other) : d(other.d) {
    if (d)
      d->ref.ref();
  }
  PathHandle &operator=(const PathHandle &other) {
    if (other.d)
      other.d->ref.ref();
    SharedPath *old = d;
    d = other.d;
    if (old && !old->ref.deref())
      delete old;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'PathHandle' deletes 'old' by hand when the reference count 'QSharedData::ref' drops to zero [pixmapcache-manual-refcount]
    // CHECK-MESSAGES: :[[@LINE-2]]:7: note: hold 'd' in a 'QExplicitlySharedDataPointer<SharedPath>' instead of counting by hand; 'pxc::PixmapCache::Key' in <pxc/pixmap_cache.h> shows the design with a 'std::shared_ptr'
    return *this;
  }
  ~PathHandle() {
    if (d && !d->ref.deref())
      delete d;
  }

private:
  SharedPath *d;
};

// The same on QSharedData, but the compiler's copy assignment does not count.
class HalfHandle {
public:
  HalfHandle(const HalfHandle &other) : d(other.d) { d->ref.ref(); }
  ~HalfHandle() {
    if (!d->ref.deref())
      delete d;
  }

private:
  SharedPath *d;
};
// CHECK-MESSAGES: :[[@LINE-6]]:7: warning: 'HalfHandle' deletes 'd' by hand when the reference count 'QSharedData::ref' drops to zero [pixmapcache-manual-refcount]
// CHECK-MESSAGES: :[[@LINE-12]]:7: note: the implicit copy assignment operator of 'HalfHandle' copies 'd' without incrementing 'QSharedData::ref': both copies delete it (double free)
// CHECK-MESSAGES: :[[@LINE-8]]:7: note: hold 'd' in a 'QExplicitlySharedDataPointer<SharedPath>' instead of counting by hand; 'pxc::PixmapCache::Key' in <pxc/pixmap_cache.h> shows the design with a 'std::shared_ptr'

struct Counted {
  QAtomicInt ref = 1;
  QBasicAtomicInt uses = Q_BASIC_ATOMIC_INITIALIZER(1);
};

void releaseAtomicDecrement(Counted *c) {
  if (--c->ref == 0)
    delete c;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'releaseAtomicDecrement' deletes 'c' by hand when the reference count 'Counted::ref' drops to zero [pixmapcache-manual-refcount]
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: hold 'c' in a 'QExplicitlySharedDataPointer<Counted>' and derive 'Counted' from 'QSharedData' instead of counting by hand; 'pxc::PixmapCache::Key' in <pxc/pixmap_cache.h> shows the design with a 'std::shared_ptr'
}

void releaseRelaxed(Counted *c) {
  if (c->uses.fetchAndSubRelaxed(1) == 1)
    delete c;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'releaseRelaxed' deletes 'c' by hand when the reference count 'Counted::uses' drops to zero [pixmapcache-manual-refcount]
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: hold 'c' in a 'QExplicitlySharedDataPointer<Counted>' and derive 'Counted' from 'QSharedData' instead of counting by hand; 'pxc::PixmapCache::Key' in <pxc/pixmap_cache.h> shows the design with a 'std::shared_ptr'
}

void releaseAcquire(Counted *c) {
  if (c->ref.fetchAndSubAcquire(1) == 1)
    delete c;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'releaseAcquire' deletes 'c' by hand when the reference count 'Counted::ref' drops to zero [pixmapcache-manual-refcount]
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: hold 'c' in a 'QExplicitlySharedDataPointer<Counted>' and derive 'Counted' from 'QSharedData' instead of counting by hand; 'pxc::PixmapCache::Key' in <pxc/pixmap_cache.h> shows the design with a 'std::shared_ptr'
}

void releaseRelease(Counted *c) {
  if (1 == c->ref.fetchAndSubRelease(1))
    delete c;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'releaseRelease' deletes 'c' by hand when the reference count 'Counted::ref' drops to zero [pixmapcache-manual-refcount]
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: hold 'c' in a 'QExplicitlySharedDataPointer<Counted>' and derive 'Counted' from 'QSharedData' instead of counting by hand; 'pxc::PixmapCache::Key' in <pxc/pixmap_cache.h> shows the design with a 'std::shared_ptr'
}

void releaseOrdered(Counted *c) {
  if (c->uses.fetchAndSubOrdered(1) != 1)
    return;
  delete c;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'releaseOrdered' deletes 'c' by hand when the reference count 'Counted::uses' drops to zero [pixmapcache-manual-refcount]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: hold 'c' in a 'QExplicitlySharedDataPointer<Counted>' and derive 'Counted' from 'QSharedData' instead of counting by hand; 'pxc::PixmapCache::Key' in <pxc/pixmap_cache.h> shows the design with a 'std::shared_ptr'
}

void releaseBasicDeref(Counted *c) {
  if (!c->uses.deref())
    delete c;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'releaseBasicDeref' deletes 'c' by hand when the reference count 'Counted::uses' drops to zero [pixmapcache-manual-refcount]
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: hold 'c' in a 'QExplicitlySharedDataPointer<Counted>' and derive 'Counted' from 'QSharedData' instead of counting by hand; 'pxc::PixmapCache::Key' in <pxc/pixmap_cache.h> shows the design with a 'std::shared_ptr'
}

// A plain count under a QMutexLocker is no race; the object deletes itself.
class Registry {
public:
  void release() {
    QMutexLocker locker(&mutex);
    if (--refs == 0)
      delete this;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'Registry' deletes 'this' by hand when the reference count 'Registry::refs' drops to zero [pixmapcache-manual-refcount]
    // CHECK-MESSAGES: :[[@LINE-2]]:7: note: derive 'Registry' from 'QSharedData' and hold it in 'QExplicitlySharedDataPointer<Registry>' instead of counting by hand; 'pxc::PixmapCache::Key' in <pxc/pixmap_cache.h> shows the design with a 'std::shared_ptr'
  }

private:
  QMutex mutex;
  int refs = 1;
};

// ---------------------------------------------------------------------------------------
// Not reported: the shared data pointers count for you (their deletes live in Qt's headers).
// ---------------------------------------------------------------------------------------

class Explicit {
public:
  Explicit() : d(new SharedPath) {}

private:
  QExplicitlySharedDataPointer<SharedPath> d;
};

class Implicit {
public:
  Implicit() : d(new SharedPath) {}
  QString path() const { return d->path; }

private:
  QSharedDataPointer<SharedPath> d;
};

void useSharedPointers() {
  Explicit a;
  Explicit b = a;
  Implicit c;
  Implicit e = c;
  b = Explicit();
  e = Implicit();
}

// Qt's out-of-line QExplicitlySharedDataPointer destructor (qpixmap.cpp, qcolorspace.cpp): the
// macro from qshareddata.h writes the counting delete into this file; it is still Qt's code.
class OutOfLineData : public QSharedData {
public:
  int value = 0;
};
QT_DECLARE_QESDP_SPECIALIZATION_DTOR(OutOfLineData)
QT_DEFINE_QESDP_SPECIALIZATION_DTOR(OutOfLineData)
