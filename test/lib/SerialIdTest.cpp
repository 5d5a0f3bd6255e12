// pxc::SerialIdAllocator: increasing ids, never reused, exhaustion reported.
#include <pxc/serial_id.h>

#include <gtest/gtest.h>

namespace {

TEST(SerialIdAllocator, HandsOutIncreasingIds) {
  pxc::SerialIdAllocator ids;
  EXPECT_EQ(ids.allocate(), 1U);
  EXPECT_EQ(ids.allocate(), 2U);
  EXPECT_EQ(ids.allocate(), 3U);
}

TEST(SerialIdAllocator, ReportsExhaustionInsteadOfWrapping) {
  pxc::SerialIdAllocator ids(pxc::SerialIdAllocator::kLastId - 1);
  EXPECT_EQ(ids.allocate(), pxc::SerialIdAllocator::kLastId - 1);
  EXPECT_EQ(ids.allocate(), pxc::SerialIdAllocator::kLastId);
  EXPECT_EQ(ids.allocate(), std::nullopt);
  EXPECT_EQ(ids.allocate(), std::nullopt); // and stays exhausted
}

} // namespace
