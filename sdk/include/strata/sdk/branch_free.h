#pragma once
// Branch-free selection for kernels whose conditions are coin flips to the branch predictor
// (the sign of a price change).
#include <bit>
#include <cstdint>

namespace strata::kernels {

/// `value`, or +0.0 when `drop`, by masking its bits: no branch, and unlike value * 0 it gives
/// +0.0 for a NaN or infinite value too.
inline double keepUnless(bool drop, double value) {
  const auto mask = std::uint64_t{0} - static_cast<std::uint64_t>(!drop);
  return std::bit_cast<double>(std::bit_cast<std::uint64_t>(value) & mask);
}

}  // namespace strata::kernels
