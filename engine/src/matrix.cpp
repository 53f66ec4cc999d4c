#include "strata/matrix.h"

#include <sys/mman.h>

#include <cstdlib>
#include <new>
#include <utility>

namespace strata {
namespace {
// Below this a plain allocation is cheaper than a mapping.
constexpr std::size_t kMapThreshold = std::size_t{32} << 20;
constexpr std::size_t kHugePage = std::size_t{2} << 20;
}  // namespace

ColumnMatrix::ColumnMatrix(Eigen::Index rows, Eigen::Index cols) : rows_(rows), cols_(cols) {
  const std::size_t bytes = this->bytes();
  if (bytes == 0) return;
  if (bytes >= kMapThreshold) {
    const std::size_t length = (bytes + kHugePage - 1) / kHugePage * kHugePage;
    void* p = mmap(nullptr, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    madvise(p, length, MADV_HUGEPAGE);  // advisory: ignored where THP is off
    data_ = static_cast<double*>(p);
    mappedBytes_ = length;
  } else {
    data_ = static_cast<double*>(std::aligned_alloc(64, (bytes + 63) / 64 * 64));
    if (!data_) throw std::bad_alloc();
  }
}

ColumnMatrix::~ColumnMatrix() { release(); }

ColumnMatrix::ColumnMatrix(ColumnMatrix&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)),
      rows_(std::exchange(other.rows_, 0)),
      cols_(std::exchange(other.cols_, 0)),
      mappedBytes_(std::exchange(other.mappedBytes_, 0)) {}

ColumnMatrix& ColumnMatrix::operator=(ColumnMatrix&& other) noexcept {
  if (this != &other) {
    release();
    data_ = std::exchange(other.data_, nullptr);
    rows_ = std::exchange(other.rows_, 0);
    cols_ = std::exchange(other.cols_, 0);
    mappedBytes_ = std::exchange(other.mappedBytes_, 0);
  }
  return *this;
}

void ColumnMatrix::release() {
  if (!data_) return;
  if (mappedBytes_)
    munmap(data_, mappedBytes_);
  else
    std::free(data_);
  data_ = nullptr;
  mappedBytes_ = 0;
}

}  // namespace strata
