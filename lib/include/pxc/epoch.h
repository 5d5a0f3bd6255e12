// pxc/epoch.h: epoch-based reclamation, so that readers can walk shared nodes without locks.
//
// A lock-free reader may still be looking at a node that a writer has just unlinked; the node
// must not be freed until every such reader is done. Readers announce the global epoch they
// entered in (a write to their own thread's slot, never to a shared line); writers tag what
// they unlink with the epoch at unlink time and free it once the global epoch has moved two
// steps on, which it can only do after every reader of the older epochs has left.
#ifndef PXC_EPOCH_H
#define PXC_EPOCH_H

#include <atomic>
#include <cstdint>

// The domain and the threads' slots must be one per process even when pxc is compiled into
// several shared objects built with -fvisibility=hidden: a reader announced in one copy would
// be invisible to a writer advancing another.
#if defined(__GNUC__)
#define PXC_PROCESS_UNIQUE __attribute__((visibility("default")))
#else
#define PXC_PROCESS_UNIQUE
#endif

namespace pxc::detail {

class PXC_PROCESS_UNIQUE EpochDomain {
public:
  /// A thread's announcement: 0 while outside any read section, (epoch << 1) | 1 inside one.
  struct alignas(64) Slot {
    std::atomic<std::uint64_t> state{0};
    std::atomic<bool> inUse{true};
    Slot *next = nullptr; // immutable once the slot is published
  };

  /// One domain for the whole process. It is never destroyed, so threads that exit after
  /// static destruction has begun can still hand their slot back.
  static EpochDomain &instance() {
    static EpochDomain *const domain = new EpochDomain;
    return *domain;
  }

  [[nodiscard]] std::uint64_t current() const noexcept {
    return epoch_.load(std::memory_order_seq_cst);
  }

  /// Moves the epoch on by one if no reader is still inside an older one; true if it moved
  /// (here or in another thread).
  bool tryAdvance() noexcept {
    std::uint64_t epoch = epoch_.load(std::memory_order_seq_cst);
    for (const Slot *slot = slots_.load(std::memory_order_acquire); slot != nullptr;
         slot = slot->next) {
      const std::uint64_t state = slot->state.load(std::memory_order_seq_cst);
      if ((state & 1U) != 0 && (state >> 1U) != epoch)
        return false;
    }
    return epoch_.compare_exchange_strong(epoch, epoch + 1, std::memory_order_seq_cst) ||
           epoch_.load(std::memory_order_relaxed) > epoch;
  }

  /// Whatever was unlinked while the epoch was `retiredIn` can no longer be reached by any
  /// reader once this is true.
  [[nodiscard]] bool isSafeToFree(std::uint64_t retiredIn) const noexcept {
    return current() >= retiredIn + 2;
  }

  Slot &acquireSlot() {
    for (Slot *slot = slots_.load(std::memory_order_acquire); slot != nullptr; slot = slot->next) {
      bool free = false;
      if (!slot->inUse.load(std::memory_order_relaxed) &&
          slot->inUse.compare_exchange_strong(free, true, std::memory_order_acquire))
        return *slot;
    }
    // Slots are never freed: their number is bounded by the most threads ever alive at once.
    auto *slot = new Slot;
    slot->next = slots_.load(std::memory_order_relaxed);
    while (!slots_.compare_exchange_weak(slot->next, slot, std::memory_order_release,
                                         std::memory_order_relaxed)) {
    }
    return *slot;
  }

  void releaseSlot(Slot &slot) noexcept {
    slot.state.store(0, std::memory_order_release);
    slot.inUse.store(false, std::memory_order_release);
  }

  /// Announces `slot`'s thread as a reader. The epoch is read again after the announcement:
  /// had it moved on in between, writers may already have freed what the stale epoch
  /// protected.
  void enter(Slot &slot) noexcept {
    std::uint64_t epoch = epoch_.load(std::memory_order_seq_cst);
    for (;;) {
      slot.state.exchange((epoch << 1U) | 1U, std::memory_order_seq_cst);
      const std::uint64_t now = epoch_.load(std::memory_order_seq_cst);
      if (now == epoch)
        return;
      epoch = now;
    }
  }

  void leave(Slot &slot) noexcept { slot.state.store(0, std::memory_order_release); }

private:
  EpochDomain() = default;

  std::atomic<std::uint64_t> epoch_{0};
  std::atomic<Slot *> slots_{nullptr};
};

/// Keeps every node reachable at construction alive until destruction. Nests: only the
/// outermost guard of a thread announces and leaves.
class PXC_PROCESS_UNIQUE EpochReadGuard {
public:
  EpochReadGuard() : thread_(threadState()) {
    if (thread_.depth++ == 0)
      EpochDomain::instance().enter(*thread_.slot);
  }
  ~EpochReadGuard() {
    if (--thread_.depth == 0)
      EpochDomain::instance().leave(*thread_.slot);
  }
  EpochReadGuard(const EpochReadGuard &) = delete;
  EpochReadGuard &operator=(const EpochReadGuard &) = delete;

private:
  struct ThreadState {
    ThreadState() : slot(&EpochDomain::instance().acquireSlot()) {}
    ~ThreadState() { EpochDomain::instance().releaseSlot(*slot); }
    ThreadState(const ThreadState &) = delete;
    ThreadState &operator=(const ThreadState &) = delete;
    EpochDomain::Slot *slot;
    unsigned depth = 0;
  };

  static ThreadState &threadState() {
    thread_local ThreadState state;
    return state;
  }

  ThreadState &thread_;
};

} // namespace pxc::detail

#endif // PXC_EPOCH_H
