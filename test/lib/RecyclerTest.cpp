// pxc::detail::ThreadRecycler: per-thread reuse of freed blocks, the bound on what a thread
// keeps, and the hand-back at thread exit, also for caches destroyed after it. The leak and
// use-after-free tests have teeth in pxc_tests_asan (LeakSanitizer, poisoned kept blocks).
#include <pxc/concurrent_cost_cache.h>
#include <pxc/recycler.h>

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <thread>
#include <vector>

namespace {

constexpr std::size_t kBlockSize = 48;
using Recycler = pxc::detail::ThreadRecycler<kBlockSize>;

TEST(ThreadRecycler, ReusesTheBlockThisThreadReleasedLast) {
  void *const first = Recycler::allocate();
  Recycler::release(first);
  void *const second = Recycler::allocate();
  EXPECT_EQ(second, first);
  Recycler::release(second);
}

TEST(ThreadRecycler, KeepsAtMostItsCapacity) {
  // Drain what earlier tests left, so that the list is empty.
  std::vector<void *> leftovers;
  for (std::size_t i = 0; i < Recycler::kCapacity; ++i)
    leftovers.push_back(Recycler::allocate());
  for (void *block : leftovers)
    ::operator delete(block);

  std::vector<void *> blocks;
  for (std::size_t i = 0; i < Recycler::kCapacity + 16; ++i)
    blocks.push_back(Recycler::allocate());
  // Held at once, so the heap could not hand any address out twice.
  const std::set<void *> released(blocks.begin(), blocks.end());
  ASSERT_EQ(released.size(), blocks.size());
  for (void *block : blocks)
    Recycler::release(block);
  // The first kCapacity releases were kept; the last 16 went back to the heap. The kept ones
  // come back in reverse order of release.
  for (std::size_t i = 0; i < Recycler::kCapacity; ++i) {
    void *const block = Recycler::allocate();
    EXPECT_EQ(block, blocks[Recycler::kCapacity - 1 - i]) << "allocation " << i;
    ::operator delete(block);
  }
}

TEST(ThreadRecycler, BlocksOfAThreadThatExitsGoBackToTheHeap) {
  // A leak here fails pxc_tests_asan's exit (LeakSanitizer).
  std::thread worker([] {
    std::vector<void *> blocks;
    for (int i = 0; i < 32; ++i)
      blocks.push_back(Recycler::allocate());
    for (void *block : blocks)
      Recycler::release(block);
  });
  worker.join();
}

TEST(ThreadRecycler, BlocksReleasedAfterTheThreadsDrainGoBackToTheHeap) {
  // A cache made before the thread's first kept block is destroyed after the drain: its nodes
  // are released then, and must not be kept on a list nobody drains any more.
  std::thread worker([] {
    thread_local pxc::ConcurrentCostCache<int, std::string> cache(8, 1);
    for (int key = 0; key < 200; ++key)
      ASSERT_TRUE(cache.insert(key, std::to_string(key), 1)); // evicts, so frees nodes
  });
  worker.join();
}

TEST(ThreadRecycler, BlocksFreedByAnotherThreadAreReusedThere) {
  void *const block = Recycler::allocate();
  void *reused = nullptr;
  std::thread worker([&] {
    Recycler::release(block);
    reused = Recycler::allocate();
    ::operator delete(reused);
  });
  worker.join();
  EXPECT_EQ(reused, block);
}

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PXC_TEST_UNDER_ASAN
#endif
#endif
#ifdef PXC_TEST_UNDER_ASAN
TEST(ThreadRecyclerDeathTest, UseOfAKeptBlockIsReported) {
  EXPECT_DEATH(
      {
        auto *const block = static_cast<volatile char *>(Recycler::allocate());
        Recycler::release(const_cast<char *>(block));
        block[8] = 1;
      },
      "use-after-poison");
}
#endif

} // namespace
