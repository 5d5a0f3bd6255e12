// pxc::tryRealloc: the pointer changes only on success, and a failed allocation keeps the
// old block intact and owned by the caller.
#include <pxc/realloc.h>

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>

namespace {

// glibc refuses any request above PTRDIFF_MAX at once: a real allocation failure, with no
// interposed allocator needed.
constexpr std::size_t kImpossibleSize =
    static_cast<std::size_t>(std::numeric_limits<std::ptrdiff_t>::max()) + 1;

struct FreeOnExit {
  void *ptr;
  ~FreeOnExit() { std::free(ptr); }
};

TEST(TryRealloc, GrowsAndKeepsContents) {
  int *values = static_cast<int *>(std::malloc(4 * sizeof(int)));
  ASSERT_NE(values, nullptr);
  for (int i = 0; i < 4; ++i)
    values[i] = i * 10;
  ASSERT_TRUE(pxc::tryRealloc(values, 1024 * sizeof(int)));
  FreeOnExit guard{values};
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(values[i], i * 10);
  values[1023] = 7; // the new tail is writable
}

TEST(TryRealloc, FailureLeavesPointerAndBlockUntouched) {
  char *text = static_cast<char *>(std::malloc(16));
  ASSERT_NE(text, nullptr);
  FreeOnExit guard{text};
  std::strcpy(text, "still here");
  char *const before = text;

  EXPECT_FALSE(pxc::tryRealloc(text, kImpossibleSize));
  EXPECT_EQ(text, before);
  EXPECT_STREQ(text, "still here");
}

TEST(TryRealloc, NullPointerAllocates) {
  double *values = nullptr;
  ASSERT_TRUE(pxc::tryRealloc(values, 8 * sizeof(double)));
  FreeOnExit guard{values};
  ASSERT_NE(values, nullptr);
  values[7] = 1.5;
  EXPECT_EQ(values[7], 1.5);
}

TEST(TryRealloc, NullPointerFailureStaysNull) {
  int *values = nullptr;
  EXPECT_FALSE(pxc::tryRealloc(values, kImpossibleSize));
  EXPECT_EQ(values, nullptr);
}

TEST(TryRealloc, ZeroBytesFreesAndNulls) {
  void *block = std::malloc(32);
  ASSERT_NE(block, nullptr);
  EXPECT_TRUE(pxc::tryRealloc(block, 0));
  EXPECT_EQ(block, nullptr);
}

TEST(TryReallocArray, GrowsByElementCount) {
  std::uint64_t *values = nullptr;
  ASSERT_TRUE(pxc::tryReallocArray(values, 16));
  FreeOnExit guard{values};
  values[15] = 1;
  EXPECT_EQ(values[15], 1U);
}

TEST(TryReallocArray, SizeOverflowFailsAndKeepsTheBlock) {
  std::uint64_t *values = static_cast<std::uint64_t *>(std::malloc(sizeof(std::uint64_t)));
  ASSERT_NE(values, nullptr);
  FreeOnExit guard{values};
  *values = 99;
  std::uint64_t *const before = values;
  // count * 8 wraps to 8: a plain realloc(p, count * sizeof *p) would "succeed" with one element.
  const std::size_t wrappingCount = (std::numeric_limits<std::size_t>::max() / 8) + 2;
  EXPECT_FALSE(pxc::tryReallocArray(values, wrappingCount));
  EXPECT_EQ(values, before);
  EXPECT_EQ(*values, 99U);
}

TEST(AllocationFailed, ThrowsBadAllocWithExceptions) {
  EXPECT_THROW(pxc::allocationFailed(), std::bad_alloc);
}

} // namespace
