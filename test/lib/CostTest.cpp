// pxc::imageCostKb and the checked arithmetic under it, against a 128-bit reference.
#include <pxc/checked.h>
#include <pxc/cost.h>

#include <gtest/gtest.h>

#include <climits>
#include <cstdint>
#include <limits>
#include <vector>

namespace {

/// ceil(width * height * depth / 8192) computed exactly in 128 bits, saturated at kMaxCost.
pxc::Cost referenceCostKb(int width, int height, int depth) {
  if (width <= 0 || height <= 0 || depth <= 0)
    return 1;
  const unsigned __int128 bits =
      static_cast<unsigned __int128>(width) * static_cast<unsigned __int128>(height) *
      static_cast<unsigned __int128>(depth);
  const unsigned __int128 kb = (bits + 8191) / 8192;
  return kb > static_cast<unsigned __int128>(pxc::kMaxCost) ? pxc::kMaxCost
                                                            : static_cast<pxc::Cost>(kb);
}

TEST(ImageCostKb, SmallImagesRoundUpToWholeKb) {
  EXPECT_EQ(pxc::imageCostKb(1, 1, 1), 1);
  EXPECT_EQ(pxc::imageCostKb(32, 32, 32), 4);  // exactly 4096 bytes
  EXPECT_EQ(pxc::imageCostKb(33, 32, 32), 5);  // 4224 bytes
  EXPECT_EQ(pxc::imageCostKb(1024, 1024, 32), 4096);
}

TEST(ImageCostKb, DegenerateSizesCostOne) {
  for (const auto &[width, height, depth] :
       std::vector<std::tuple<int, int, int>>{{0, 0, 32}, {0, 100, 32}, {100, 0, 32},
                                              {-1, 10, 32}, {10, 10, 0}, {10, 10, -8},
                                              {INT_MIN, INT_MIN, INT_MIN}})
    EXPECT_EQ(pxc::imageCostKb(width, height, depth), 1) << width << 'x' << height << '@' << depth;
}

TEST(ImageCostKb, HugeSizesMatchTheExactValue) {
  // The int-era Qt formula (width * height * depth / 8 in int) overflowed from 2^31 bits on.
  const std::vector<int> sides{1, 2, 8191, 8192, 8193, 46341, 65536, 1 << 30, INT_MAX - 1, INT_MAX};
  const std::vector<int> depths{1, 8, 24, 32, 64, 128, 1 << 20, INT_MAX};
  for (int width : sides)
    for (int height : sides)
      for (int depth : depths)
        ASSERT_EQ(pxc::imageCostKb(width, height, depth), referenceCostKb(width, height, depth))
            << width << 'x' << height << '@' << depth;
}

TEST(ImageCostKb, SaturatesInsteadOfWrapping) {
  EXPECT_EQ(pxc::imageCostKb(INT_MAX, INT_MAX, INT_MAX), pxc::kMaxCost);
  EXPECT_GT(pxc::imageCostKb(INT_MAX, INT_MAX, 128), 0);
}

TEST(ImageCostKb, IsUsableInConstantExpressions) {
  static_assert(pxc::imageCostKb(64, 64, 32) == 16);
}

TEST(Checked, AddReportsOverflow) {
  EXPECT_EQ(pxc::checkedAdd(2, 3), 5);
  EXPECT_EQ(pxc::checkedAdd(INT_MAX, 0), INT_MAX);
  EXPECT_EQ(pxc::checkedAdd(INT_MAX, 1), std::nullopt);
  EXPECT_EQ(pxc::checkedAdd(INT_MIN, -1), std::nullopt);
  EXPECT_EQ(pxc::checkedAdd(std::numeric_limits<std::size_t>::max(), std::size_t{1}), std::nullopt);
}

TEST(Checked, MulReportsOverflow) {
  EXPECT_EQ(pxc::checkedMul(6, 7), 42);
  EXPECT_EQ(pxc::checkedMul(-1, INT_MAX), -INT_MAX);
  EXPECT_EQ(pxc::checkedMul(-1, INT_MIN), std::nullopt);
  EXPECT_EQ(pxc::checkedMul(46341, 46341), std::nullopt);
  EXPECT_EQ(pxc::checkedMul(std::int64_t{1} << 31, std::int64_t{1} << 31), std::int64_t{1} << 62);
  EXPECT_EQ(pxc::checkedMul(std::size_t{1} << 32, std::size_t{1} << 32), std::nullopt);
}

} // namespace
