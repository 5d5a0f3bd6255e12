// A library header reached through -isystem: its hand-written counting is the library's
// business (as in Qt's own qshareddata.h), and nothing in it may be reported.
#ifndef INTRUSIVE_HANDLE_H
#define INTRUSIVE_HANDLE_H

namespace lib {

template <typename T> class IntrusiveHandle {
public:
  explicit IntrusiveHandle(T *data) : d(data) {}
  IntrusiveHandle(const IntrusiveHandle &other) : d(other.d) { ++d->ref; }
  IntrusiveHandle &operator=(const IntrusiveHandle &other) = delete;
  ~IntrusiveHandle() {
    if (!--d->ref)
      delete d;
  }

private:
  T *d;
};

struct Block {
  int ref = 1;
};

inline void release(Block *b) {
  if (--b->ref == 0)
    delete b;
}

} // namespace lib

#endif
