// Half-typed code, as clangd sees it on every keystroke: the check must not crash, must stay
// silent on what it cannot understand, and must still report the intact class.
// RUN: not %clang_tidy --load=%plugin --checks='-*,pixmapcache-manual-refcount' %s -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not='warning:'

struct Data {
  int ref = 1;
};

class UnknownCounter {
  ~UnknownCounter() {
    if (--d->count == 0)
      delete d;
  }
  Data *d;
};

class UnknownData {
  UnknownData(const UnknownData &other) : d(other.d) { ++d->ref; }
  ~UnknownData() {
    if (!--d->ref)
      delete d;
  }
  Missing *d;
};

void unfinishedCondition(Data *d) {
  if (--d->ref ==)
    delete d;
}

void undeclaredPointer() {
  if (!--e->ref)
    delete e;
}

template <typename T> class Broken {
  Broken &operator=(const Broken &other) {
    release(other.nothing);
    return *this;
  }
  ~Broken() {
    if (d && --d->ref == 0)
      delete d
  }
  T *d;
};

class Intact {
public:
  Intact(const Intact &other) : d(other.d) { ++d->ref; }
  Intact &operator=(const Intact &) = delete;
  ~Intact() {
    if (--d->ref == 0)
      delete d;
  }

private:
  Data *d;
};
// CHECK: :[[@LINE-6]]:7: warning: 'Intact' deletes 'd' by hand when the reference count 'Data::ref' drops to zero [pixmapcache-manual-refcount]
