// pxc/realloc.h: growing a malloc'ed block without losing it when the allocation fails.
//
// `p = realloc(p, n)` overwrites the only pointer to the old block with null when realloc
// fails: the block leaks and the next write goes through null. pxc::tryRealloc updates the
// pointer only on success, so the caller still owns the old block on failure.
#ifndef PXC_REALLOC_H
#define PXC_REALLOC_H

#include "pxc/checked.h"

#include <cstddef>
#include <cstdlib>
#include <new>
#include <type_traits>

namespace pxc {

/// Resizes the malloc'ed block `ptr` points to (or allocates one when `ptr` is null) to
/// `bytes` bytes. On success `ptr` points to the new block and the result is true; on failure
/// `ptr` and its block are untouched and the result is false. `bytes == 0` frees the block
/// and nulls `ptr` (C17 leaves `realloc(p, 0)` implementation-defined, C23 undefined).
template <typename T>
[[nodiscard]] bool tryRealloc(T *&ptr, std::size_t bytes) noexcept {
  static_assert(std::is_void_v<T> || std::is_trivially_copyable_v<T>,
                "realloc moves bytes: T must be trivially copyable");
  void *old = const_cast<void *>(static_cast<const volatile void *>(ptr));
  if (bytes == 0) {
    std::free(old);
    ptr = nullptr;
    return true;
  }
  void *grown = std::realloc(old, bytes);
  if (grown == nullptr)
    return false;
  ptr = static_cast<T *>(grown);
  return true;
}

/// Resizes the malloc'ed array `ptr` points to to `count` elements, like tryRealloc, and also
/// fails (leaving `ptr` untouched) when `count * sizeof(T)` does not fit in std::size_t, where
/// a hand-written `realloc(p, count * sizeof(T))` would silently allocate a wrapped size.
template <typename T>
[[nodiscard]] bool tryReallocArray(T *&ptr, std::size_t count) noexcept {
  static_assert(!std::is_void_v<T>, "tryReallocArray needs the element type; use tryRealloc");
  const std::optional<std::size_t> bytes = checkedMul(count, sizeof(T));
  return bytes && tryRealloc(ptr, *bytes);
}

/// The failure branch for callers that cannot recover from an allocation failure: throws
/// std::bad_alloc where exceptions are enabled (as Qt's Q_CHECK_PTR does), and aborts where
/// they are not (where Q_CHECK_PTR silently does nothing in release builds).
[[noreturn]] inline void allocationFailed() {
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
  throw std::bad_alloc();
#else
  std::abort();
#endif
}

} // namespace pxc

#endif // PXC_REALLOC_H
