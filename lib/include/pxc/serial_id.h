// pxc/serial_id.h: ids that are handed out once and never reused.
//
// QPixmapCache recycles small int ids through a free list in a realloc'ed array (its
// `keyArray`), whose growth had neither an overflow check nor a null check. A 64-bit counter
// needs no array at all, and because an id is never reused, a stale handle can never name an
// entry inserted after its own was evicted.
#ifndef PXC_SERIAL_ID_H
#define PXC_SERIAL_ID_H

#include <atomic>
#include <cstdint>
#include <limits>
#include <optional>

namespace pxc {

/// Hands out increasing ids, safely from any thread, and reports exhaustion instead of
/// wrapping around to ids that may still be in use.
class SerialIdAllocator {
public:
  static constexpr std::uint64_t kLastId = std::numeric_limits<std::uint64_t>::max() - 1;

  explicit constexpr SerialIdAllocator(std::uint64_t firstId = 1) noexcept : next_(firstId) {}

  /// The next id, or std::nullopt once kLastId has been handed out.
  [[nodiscard]] std::optional<std::uint64_t> allocate() noexcept {
    std::uint64_t id = next_.load(std::memory_order_relaxed);
    do {
      if (id > kLastId)
        return std::nullopt;
    } while (!next_.compare_exchange_weak(id, id + 1, std::memory_order_relaxed));
    return id;
  }

private:
  std::atomic<std::uint64_t> next_;
};

} // namespace pxc

#endif // PXC_SERIAL_ID_H
