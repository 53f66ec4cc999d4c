#pragma once
// Per-thread scratch columns for kernels that need intermediate series (true range, percent
// changes, ...): grown on demand and reused by every later call on the same thread, because a
// fresh multi-megabyte buffer on each call costs more in page faults than the maths. The engine
// runs one task per thread at a time, so a kernel owns the slots it uses for its call's length.
#include <cstddef>
#include <span>
#include <vector>

namespace strata::kernels {

/// Column `slot` of this thread's scratch, at least `n` rows (contents unspecified).
inline std::span<double> scratchColumn(int slot, std::size_t n) {
  thread_local std::vector<std::vector<double>> buffers;
  const auto k = static_cast<std::size_t>(slot);
  if (buffers.size() <= k) buffers.resize(k + 1);
  if (buffers[k].size() < n) buffers[k].resize(n);
  return {buffers[k].data(), n};
}

}  // namespace strata::kernels
