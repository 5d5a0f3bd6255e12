// pxc/recycler.h: per-thread free lists for fixed-size blocks.
//
// In a cache shared by threads, a node is usually freed by another thread than the one that
// allocated it: by whichever writer evicted it. The C library's allocator hands such a block
// back to the allocating thread's arena once the freeing thread's own small cache is full,
// which one batch of evictions does at once; the arena's bookkeeping then costs about a fifth
// of an insert that evicts. Keeping freed blocks on the freeing thread's list, for that
// thread's next allocations, takes it out (docs/benchmarks.md has the numbers).
#ifndef PXC_RECYCLER_H
#define PXC_RECYCLER_H

#include <cstddef>
#include <new>

// Kept blocks are poisoned under AddressSanitizer, which then reports a use after free of
// one as a use after poison.
#if defined(__SANITIZE_ADDRESS__)
#define PXC_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PXC_ASAN 1
#endif
#endif
#ifdef PXC_ASAN
#include <sanitizer/asan_interface.h>
#define PXC_POISON(block, size) ASAN_POISON_MEMORY_REGION(block, size)
#define PXC_UNPOISON(block, size) ASAN_UNPOISON_MEMORY_REGION(block, size)
#else
#define PXC_POISON(block, size) ((void)(block), (void)(size))
#define PXC_UNPOISON(block, size) ((void)(block), (void)(size))
#endif

namespace pxc::detail {

/// Blocks of `BlockSize` bytes with the default alignment; at most kCapacity are kept per
/// thread and the rest go back to the heap.
template <std::size_t BlockSize> class ThreadRecycler {
public:
  static constexpr std::size_t kCapacity = 256;

  static void *allocate() {
    FreeList &list = freeList();
    if (list.head == nullptr)
      return ::operator new(BlockSize);
    Block *const block = list.head;
    PXC_UNPOISON(block, BlockSize);
    list.head = block->next;
    --list.count;
    return block;
  }

  static void release(void *memory) noexcept {
    FreeList &list = freeList();
    if (list.drained || list.count == kCapacity) {
      ::operator delete(memory);
      return;
    }
    drainAtThreadExit();
    auto *const block = static_cast<Block *>(memory);
    block->next = list.head;
    PXC_POISON(block, BlockSize);
    list.head = block;
    ++list.count;
  }

private:
  struct Block {
    Block *next;
  };
  static_assert(BlockSize >= sizeof(Block), "a block must hold the free list's link");

  /// Trivially destructible, so that it stays usable to the thread's very end, after its
  /// other thread_local objects (caches among them) were destroyed.
  struct FreeList {
    Block *head;
    std::size_t count;
    bool drained; // blocks released after the drain go straight back to the heap
  };

  static FreeList &freeList() noexcept {
    thread_local FreeList list{};
    return list;
  }

  /// Registers, on the first block kept, the drain of the thread's list when it exits.
  static void drainAtThreadExit() noexcept {
    struct Drainer {
      Drainer() = default;
      Drainer(const Drainer &) = delete;
      Drainer &operator=(const Drainer &) = delete;
      ~Drainer() {
        FreeList &list = freeList();
        while (list.head != nullptr) {
          Block *const block = list.head;
          PXC_UNPOISON(block, BlockSize);
          list.head = block->next;
          ::operator delete(block);
        }
        list.count = 0;
        list.drained = true;
      }
    };
    thread_local Drainer drainer;
    (void)drainer;
  }
};

} // namespace pxc::detail

#undef PXC_POISON
#undef PXC_UNPOISON
#undef PXC_ASAN

#endif // PXC_RECYCLER_H
