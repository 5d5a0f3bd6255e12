// pxc/checked.h: integer arithmetic that reports overflow instead of wrapping.
//
// Sizes and costs that come from untrusted dimensions (an image header, a realloc size
// `count * sizeof(T)`) must not wrap: a wrapped size allocates too little and the following
// writes run past the block. These helpers return std::nullopt where the exact result does
// not fit in T, so the caller has to decide what an overflow means.
#ifndef PXC_CHECKED_H
#define PXC_CHECKED_H

#include <optional>
#include <type_traits>

namespace pxc {

/// `a + b`, or std::nullopt when the exact sum does not fit in T.
template <typename T>
[[nodiscard]] constexpr std::optional<T> checkedAdd(T a, T b) noexcept {
  static_assert(std::is_integral_v<T> && !std::is_same_v<T, bool>,
                "checkedAdd is for integer types");
  T sum{};
  if (__builtin_add_overflow(a, b, &sum))
    return std::nullopt;
  return sum;
}

/// `a * b`, or std::nullopt when the exact product does not fit in T.
template <typename T>
[[nodiscard]] constexpr std::optional<T> checkedMul(T a, T b) noexcept {
  static_assert(std::is_integral_v<T> && !std::is_same_v<T, bool>,
                "checkedMul is for integer types");
  T product{};
  if (__builtin_mul_overflow(a, b, &product))
    return std::nullopt;
  return product;
}

} // namespace pxc

#endif // PXC_CHECKED_H
